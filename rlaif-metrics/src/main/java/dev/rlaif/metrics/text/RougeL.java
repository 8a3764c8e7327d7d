package dev.rlaif.metrics.text;

import java.util.List;
import java.util.Objects;

/**
 * ROUGE-L as Google's rouge-score computes it: the longest common subsequence of the token lists,
 * P = LCS / |prediction|, R = LCS / |target|, F = 2PR / (P + R), all 0 when either side is empty.
 * Pure and thread-safe.
 */
public final class RougeL {

    /**
     * One ROUGE-L score.
     *
     * @param precision LCS over the prediction's length
     * @param recall LCS over the target's length
     * @param f1 their harmonic mean
     */
    public record Score(double precision, double recall, double f1) {
    }

    private final Tokenizer tokenizer;

    /** ROUGE-L under the given tokenizer. */
    public RougeL(Tokenizer tokenizer) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    }

    /** ROUGE-L under rouge-score's default tokenizer, {@link Tokenizer#ROUGE}. */
    public RougeL() {
        this(Tokenizer.ROUGE);
    }

    /** The tokenizer in use, for reports. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** Scores {@code prediction} against {@code target} (rouge-score's argument order). */
    public Score score(String target, String prediction) {
        return score(tokenizer.tokenize(target), tokenizer.tokenize(prediction));
    }

    /** Scores two token lists. */
    public static Score score(List<String> target, List<String> prediction) {
        if (target.isEmpty() || prediction.isEmpty()) {
            return new Score(0, 0, 0);
        }
        int lcs = lcs(target, prediction);
        double p = (double) lcs / prediction.size();
        double r = (double) lcs / target.size();
        double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new Score(p, r, f);
    }

    /** Length of the longest common subsequence, in O(|a|·|b|) time and O(|b|) memory. */
    static int lcs(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (String x : a) {
            for (int j = 1; j <= b.size(); j++) {
                cur[j] = x.equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }
}
