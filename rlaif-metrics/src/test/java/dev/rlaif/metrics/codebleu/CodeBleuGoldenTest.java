package dev.rlaif.metrics.codebleu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden values of the {@code codebleu} package (reference README), within its 1 % relative tolerance. */
class CodeBleuGoldenTest {

    private final CodeBleu codeBleu = new CodeBleu();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "some rannnndom words in length more than 3 | def test ( ) :\\n pass | 0.25",
        "def bar ( y , x ) :\\n    a = x * x\\n    return a | def foo ( x ) :\\n    return x | 0.36",
        "def foo ( x ) :\\n    return x * x | def bar ( x ) :\\n    return x | 0.61",
        "def bar ( x ) :\\n    return x | def foo ( x ) :\\n    return x | 0.85",
        "def foo ( x ) :\\n    return x | def foo ( x ) :\\n    return x | 1.0",
        "some matching string a couple of times | some matching string a couple of times | 1.0",
    })
    void singleReference(String prediction, String reference, double expected) {
        CodeBleu.Score s = codeBleu.score(unescape(reference), unescape(prediction));
        assertEquals(expected, s.codebleu(), expected * 0.01, s.toString());
    }

    @Test
    void twoReferences() {
        CodeBleu.Score s = codeBleu.score(List.of("def bar ( x ) : pass", "def foo ( x ) : pass"),
                "def foo ( x ) : pass");
        assertEquals(0.95, s.codebleu(), 0.95 * 0.01, s.toString());
    }

    @Test
    void componentsOfARenamedFunction() {
        // Hand-computed: BLEU = (7/8 * 5/7 * 4/6 * 3/5)^(1/4); weighted unigram recall = 3.0/3.2.
        CodeBleu.Score s = codeBleu.score("def foo ( x ) :\n    return x", "def bar ( x ) :\n    return x");
        assertEquals(Math.pow(7.0 / 8 * 5 / 7 * 4 / 6 * 3 / 5, 0.25), s.ngram(), 1e-9);
        assertEquals(Math.pow(3.0 / 3.2 * 5 / 7 * 4 / 6 * 3 / 5, 0.25), s.weightedNgram(), 1e-9);
        assertEquals(1.0, s.syntax(), 1e-12);
        assertEquals(1.0, s.dataflow(), 1e-12);
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n");
    }
}
