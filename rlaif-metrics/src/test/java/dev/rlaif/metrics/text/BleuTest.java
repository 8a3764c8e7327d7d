package dev.rlaif.metrics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BleuTest {

    private static List<String> t(String s) {
        return Tokenizer.WHITESPACE.tokenize(s);
    }

    @Test
    void handComputedSentence() {
        double b = new Bleu().sentence(List.of(t("def foo ( x ) : return x")), t("def bar ( x ) : return x"));
        assertEquals(Math.pow(7.0 / 8 * 5 / 7 * 4 / 6 * 3 / 5, 0.25), b, 1e-12);
    }

    @Test
    void smoothingOnlyMattersForZeroCounts() {
        List<List<String>> refs = List.of(t("a b c d e"));
        List<String> hyp = t("a b x c d");
        // 3- and 4-grams: none match; epsilon gives 0.1/3 and 0.1/2, no smoothing (practically) 0.
        double eps = new Bleu(Bleu.Smoothing.EPSILON).sentence(refs, hyp);
        assertEquals(Math.pow(4.0 / 5 * 2 / 4 * (0.1 / 3) * (0.1 / 2), 0.25), eps, 1e-12);
        assertEquals(0.0, new Bleu(Bleu.Smoothing.NONE).sentence(refs, hyp), 1e-60);
    }

    @Test
    void brevityPenaltyUsesClosestReference() {
        // The closest reference has the hypothesis's length, so no penalty; the 4-gram count is
        // empty (denominator 1), smoothed to 0.1.
        double b = new Bleu().sentence(List.of(t("a b c d e f g h"), t("a b c")), t("a b c"));
        assertEquals(Math.pow(0.1, 0.25), b, 1e-12);
        double shorter = new Bleu().sentence(List.of(t("a b c d")), t("a b c"));
        assertEquals(Math.exp(1 - 4.0 / 3) * Math.pow(1.0 * 1 * 1 * 0.1, 0.25), shorter, 1e-12);
    }

    @Test
    void noUnigramMatchIsZero() {
        assertEquals(0.0, new Bleu().sentence(List.of(t("a b")), t("c d")));
    }
}
