package dev.rlaif.core;

/**
 * How a {@link Policy} samples.
 *
 * @param maxNewTokens the most tokens generated per answer (default 128: a Gorilla answer's
 *     domain, call and provider lines fit in well under 100 tokens of a code BPE)
 * @param temperature softmax temperature; 0 means greedy (default 1.0, the unbiased policy
 *     distribution that PPO's importance ratios assume)
 * @param topK keep only the k most likely tokens; 0 disables (default 0)
 * @param topP nucleus sampling mass; 1 disables (default 1.0)
 * @param numSamples answers per task (default 1)
 * @param seed RNG seed, for reproducible sampling (default 0)
 */
public record SamplingConfig(int maxNewTokens, double temperature, int topK, double topP, int numSamples, long seed) {

    /** Validates the fields. */
    public SamplingConfig {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
        }
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0,1], got " + topP);
        }
        if (numSamples < 1) {
            throw new IllegalArgumentException("numSamples must be >= 1, got " + numSamples);
        }
    }

    /** Defaults: 128 new tokens, temperature 1, no top-k/top-p truncation, one sample, seed 0. */
    public static SamplingConfig defaults() {
        return new SamplingConfig(128, 1.0, 0, 1.0, 1, 0L);
    }

    /** Greedy decoding with the given length limit. */
    public static SamplingConfig greedy(int maxNewTokens) {
        return new SamplingConfig(maxNewTokens, 0.0, 0, 1.0, 1, 0L);
    }

    /** True when decoding is greedy. */
    public boolean isGreedy() {
        return temperature == 0.0;
    }

    /** Copy with another number of samples. */
    public SamplingConfig withNumSamples(int n) {
        return new SamplingConfig(maxNewTokens, temperature, topK, topP, n, seed);
    }

    /** Copy with another seed. */
    public SamplingConfig withSeed(long s) {
        return new SamplingConfig(maxNewTokens, temperature, topK, topP, numSamples, s);
    }

    /** Copy with another temperature. */
    public SamplingConfig withTemperature(double t) {
        return new SamplingConfig(maxNewTokens, t, topK, topP, numSamples, seed);
    }
}
