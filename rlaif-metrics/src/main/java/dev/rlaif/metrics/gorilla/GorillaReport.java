package dev.rlaif.metrics.gorilla;

/**
 * Corpus-level counts of the AST evaluator. Rates divide by {@code n}, the number of response
 * lines, as Gorilla's scripts do (a line without text still counts).
 *
 * @param n number of responses
 * @param correct responses judged correct
 * @param hallucination responses judged hallucinated
 * @param wrong responses judged wrong
 * @param strictCorrect responses whose matched API is the reference API itself
 */
public record GorillaReport(int n, int correct, int hallucination, int wrong, int strictCorrect) {

    /** Fraction correct, in [0,1]; 0 for an empty corpus. */
    public double accuracy() {
        return rate(correct);
    }

    /** Fraction hallucinated, in [0,1]. */
    public double hallucinationRate() {
        return rate(hallucination);
    }

    /** Fraction wrong, in [0,1]. */
    public double wrongRate() {
        return rate(wrong);
    }

    /** Fraction whose matched API is the reference API, in [0,1]. */
    public double strictAccuracy() {
        return rate(strictCorrect);
    }

    private double rate(int count) {
        return n == 0 ? 0 : (double) count / n;
    }
}
