package dev.rlaif.metrics.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * BLEU-4 with uniform weights, as NLTK's {@code corpus_bleu} computes it (the implementation
 * CodeBLEU vendors): clipped n-gram precisions summed over the corpus, the brevity penalty against
 * the closest reference length (ties to the shorter), and 0 when no unigram matches. Pure and
 * thread-safe.
 */
public final class Bleu {

    /** The maximum n-gram order. */
    public static final int MAX_ORDER = 4;

    /** How precisions with no matching n-gram are smoothed (Chen and Cherry 2014, NLTK's names). */
    public enum Smoothing {
        /** NLTK method0: no smoothing, a zero precision makes the score (practically) 0. */
        NONE,
        /** NLTK method1: a zero numerator becomes epsilon = 0.1. CodeBLEU's default. */
        EPSILON,
        /** NLTK method2 / Lin and Och 2004: add one to numerator and denominator for orders above 1. */
        ADD_ONE
    }

    private final Smoothing smoothing;

    /** BLEU with the given smoothing. */
    public Bleu(Smoothing smoothing) {
        this.smoothing = Objects.requireNonNull(smoothing, "smoothing");
    }

    /** BLEU with {@link Smoothing#EPSILON}, as in CodeBLEU. */
    public Bleu() {
        this(Smoothing.EPSILON);
    }

    /** The smoothing this instance applies. */
    public Smoothing smoothing() {
        return smoothing;
    }

    /**
     * Corpus BLEU.
     *
     * @param references for each hypothesis, one or more tokenized references
     * @param hypotheses the tokenized hypotheses
     * @return BLEU in [0,1]
     */
    public double corpus(List<List<List<String>>> references, List<List<String>> hypotheses) {
        if (references.size() != hypotheses.size()) {
            throw new IllegalArgumentException("references (" + references.size() + ") and hypotheses ("
                    + hypotheses.size() + ") differ in size");
        }
        long[] num = new long[MAX_ORDER + 1];
        long[] den = new long[MAX_ORDER + 1];
        long hypLength = 0;
        long refLength = 0;
        for (int k = 0; k < hypotheses.size(); k++) {
            List<String> hyp = hypotheses.get(k);
            List<List<String>> refs = references.get(k);
            for (int n = 1; n <= MAX_ORDER; n++) {
                Map<List<String>, Integer> counts = ngrams(hyp, n);
                Map<List<String>, Integer> maxRef = new HashMap<>();
                for (List<String> ref : refs) {
                    ngrams(ref, n).forEach((g, c) -> maxRef.merge(g, c, Math::max));
                }
                long clipped = 0;
                long total = 0;
                for (Map.Entry<List<String>, Integer> e : counts.entrySet()) {
                    clipped += Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0));
                    total += e.getValue();
                }
                num[n] += clipped;
                den[n] += Math.max(1, total);
            }
            hypLength += hyp.size();
            refLength += closestLength(refs, hyp.size());
        }
        return combine(num, den, hypLength, refLength, smoothing);
    }

    /** Sentence BLEU of one hypothesis against its references (the corpus formula on one pair). */
    public double sentence(List<List<String>> references, List<String> hypothesis) {
        return corpus(List.of(references), List.of(hypothesis));
    }

    static double combine(long[] num, long[] den, long hypLength, long refLength, Smoothing smoothing) {
        if (num[1] == 0) {
            return 0;
        }
        double logSum = 0;
        for (int n = 1; n <= MAX_ORDER; n++) {
            double p;
            if (num[n] > 0) {
                p = smoothing == Smoothing.ADD_ONE && n > 1 ? (num[n] + 1.0) / (den[n] + 1.0) : (double) num[n] / den[n];
            } else {
                p = switch (smoothing) {
                    case NONE -> Double.MIN_NORMAL;
                    case EPSILON -> 0.1 / den[n];
                    case ADD_ONE -> 1.0 / (den[n] + 1.0);
                };
            }
            logSum += Math.log(p) / MAX_ORDER;
        }
        return brevityPenalty(refLength, hypLength) * Math.exp(logSum);
    }

    static double brevityPenalty(long refLength, long hypLength) {
        if (hypLength > refLength) {
            return 1;
        }
        if (hypLength == 0) {
            return 0;
        }
        return Math.exp(1 - (double) refLength / hypLength);
    }

    static int closestLength(List<List<String>> refs, int hypLength) {
        int best = -1;
        for (List<String> r : refs) {
            int len = r.size();
            if (best < 0 || Math.abs(len - hypLength) < Math.abs(best - hypLength)
                    || Math.abs(len - hypLength) == Math.abs(best - hypLength) && len < best) {
                best = len;
            }
        }
        return Math.max(best, 0);
    }

    /** Counts of the n-grams of {@code tokens}; empty when it is shorter than n. */
    static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> out = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            out.merge(tokens.subList(i, i + n), 1, Integer::sum);
        }
        return out;
    }
}
