package dev.rlaif.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden values of Google's rouge-score (reference README), within 1 % relative. */
class RougeLGoldenTest {

    @ParameterizedTest
    @CsvSource({
        "testing one two, testing one, 1.0, 0.6666666666666666, 0.8",
        "testing one two, testing two, 1.0, 0.6666666666666666, 0.8",
    })
    void publishedRows(String target, String prediction, double p, double r, double f) {
        RougeL.Score s = new RougeL().score(target, prediction);
        assertEquals(p, s.precision(), p * 0.01);
        assertEquals(r, s.recall(), r * 0.01);
        assertEquals(f, s.f1(), f * 0.01);
    }

    @Test
    void defaultTokenizerDropsPunctuationAndCase() {
        assertEquals(List.of("foo", "x", "1"), Tokenizer.ROUGE.tokenize("Foo(x=1)"));
        assertEquals(List.of("foo", "(", "x", "=", "1", ")"), Tokenizer.CODE.tokenize("foo(x=1)"));
    }

    @Test
    void emptySideScoresZero() {
        assertEquals(0.0, new RougeL().score("", "a b").f1());
        assertEquals(0.0, new RougeL().score("a b", "  ").f1());
    }
}
