package dev.rlaif.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.SamplingConfig;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class SamplerProperties {

    /** A normalised row of log-probs over {@code v} ids. */
    private static float[] logprobs(long seed, int v) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] z = rng.doubles(v, -4, 4).toArray();
        double max = Arrays.stream(z).max().orElseThrow();
        double sum = Arrays.stream(z).map(x -> Math.exp(x - max)).sum();
        float[] lp = new float[v];
        for (int i = 0; i < v; i++) {
            lp[i] = (float) (z[i] - max - Math.log(sum));
        }
        return lp;
    }

    @Property(tries = 200)
    void topKDrawsOnlyAmongTheKMostLikely(@ForAll long seed, @ForAll @IntRange(min = 1, max = 20) int k) {
        int v = 24;
        float[] lp = logprobs(seed, v);
        Sampler s = new Sampler(new SamplingConfig(4, 1.0, k, 1.0, 1, 0), v);
        int tok = s.truncated(lp, 0, new SplittableRandom(seed ^ 1));
        float[] sorted = lp.clone();
        Arrays.sort(sorted);
        assertTrue(lp[tok] >= sorted[v - k], "token " + tok + " outside the top " + k);
    }

    @Property(tries = 200)
    void topPDrawsOnlyFromTheNucleus(@ForAll long seed, @ForAll @DoubleRange(min = 0.05, max = 0.99) double p) {
        int v = 24;
        float[] lp = logprobs(seed, v);
        Sampler s = new Sampler(new SamplingConfig(4, 1.0, 0, p, 1, 0), v);
        int tok = s.truncated(lp, 0, new SplittableRandom(seed ^ 2));
        // Mass strictly above the token's probability must be short of p, else the token is outside.
        double above = 0;
        for (float x : lp) {
            if (x > lp[tok]) {
                above += Math.exp(x);
            }
        }
        assertTrue(above < p + 1e-6, "mass above the drawn token " + above + " already reaches " + p);
    }

    @Property(tries = 100)
    void inverseCdfHitsTheOnlyTokenWithMass(@ForAll @IntRange(min = 0, max = 15) int only, @ForAll long seed) {
        int v = 16;
        float[] cdf = new float[v];
        for (int i = only; i < v; i++) {
            cdf[i] = 1f;
        }
        Sampler s = new Sampler(SamplingConfig.defaults(), v);
        assertEquals(only, s.fromCdf(cdf, 0, new SplittableRandom(seed)));
    }

    @Property(tries = 50)
    void samplesFollowTheDistribution(@ForAll long seed) {
        float[] cdf = {0.2f, 0.2f, 0.9f, 1.0f};
        Sampler s = new Sampler(SamplingConfig.defaults(), 4);
        SplittableRandom rng = Sampler.rngFor(seed, 3);
        int[] counts = new int[4];
        for (int i = 0; i < 4000; i++) {
            counts[s.fromCdf(cdf, 0, rng)]++;
        }
        assertEquals(0, counts[1], "a zero-probability token is never drawn");
        assertEquals(0.7, counts[2] / 4000.0, 0.05);
    }
}
