package dev.rlaif.lm;

import dev.rlaif.core.SamplingConfig;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws one token from one row of log-probabilities on the host, with the sample's own RNG.
 *
 * <p>Each sample owns an RNG seeded from the call's seed and the sample's index, so a sample does
 * not depend on which other samples share its batch. Plain sampling inverts a cumulative
 * distribution computed on the device (one binary search per token); top-k and top-p truncate on
 * the host. When both are set, top-k applies first, then top-p over what remains (as Hugging Face
 * does). Ties at a truncation threshold are all kept.
 */
final class Sampler {

    private final SamplingConfig cfg;
    private final int vocab;

    Sampler(SamplingConfig cfg, int vocab) {
        this.cfg = cfg;
        this.vocab = vocab;
    }

    /** Whether top-k or top-p truncate the distribution (else the device's CDF suffices). */
    boolean truncates() {
        return (cfg.topK() > 0 && cfg.topK() < vocab) || cfg.topP() < 1.0;
    }

    /** An RNG for sample {@code index} of a call seeded with {@code seed}. */
    static SplittableRandom rngFor(long seed, long index) {
        return new SplittableRandom(mix(seed) ^ mix(index + 0x9E3779B97F4A7C15L));
    }

    /** Inverse-CDF draw from a row of a cumulative distribution {@code cdf[off .. off+V)}. */
    int fromCdf(float[] cdf, int off, SplittableRandom rng) {
        double u = rng.nextDouble() * cdf[off + vocab - 1];
        int lo = 0;
        int hi = vocab - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[off + mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** Draw from a row of log-probs {@code logp[off .. off+V)} after top-k/top-p truncation. */
    int truncated(float[] logp, int off, SplittableRandom rng) {
        float threshold = Float.NEGATIVE_INFINITY;
        if (cfg.topK() > 0 && cfg.topK() < vocab) {
            float[] sorted = Arrays.copyOfRange(logp, off, off + vocab);
            Arrays.sort(sorted);
            threshold = sorted[vocab - cfg.topK()];
        }
        if (cfg.topP() < 1.0) {
            float[] sorted = Arrays.copyOfRange(logp, off, off + vocab);
            Arrays.sort(sorted);
            double kept = 0;
            for (int i = vocab - 1; i >= 0 && sorted[i] >= threshold; i--) {
                kept += Math.exp(sorted[i]);
            }
            double mass = 0;
            for (int i = vocab - 1; i >= 0; i--) {
                mass += Math.exp(sorted[i]);
                if (mass >= cfg.topP() * kept) {
                    threshold = Math.max(threshold, sorted[i]);
                    break;
                }
            }
        }
        double total = 0;
        for (int v = 0; v < vocab; v++) {
            if (logp[off + v] >= threshold) {
                total += Math.exp(logp[off + v]);
            }
        }
        double u = rng.nextDouble() * total;
        int last = -1;
        for (int v = 0; v < vocab; v++) {
            if (logp[off + v] >= threshold) {
                last = v;
                u -= Math.exp(logp[off + v]);
                if (u < 0) {
                    return v;
                }
            }
        }
        return last;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
