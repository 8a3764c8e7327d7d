package dev.rlaif.ppo;

import java.util.SplittableRandom;

/**
 * Counter-based randomness: every random choice of a run draws from a fresh generator seeded by
 * hashing the run's seed with the choice's coordinates (what it is for, which step, which epoch).
 * The generator "state" of a run is therefore just its seed and its step counter, both in every
 * checkpoint, and a resumed run makes exactly the draws the uninterrupted run would have made, with
 * no generator to serialise.
 */
final class Seeds {

    /** Coordinate of the task order of a pass over the data. */
    static final long TASK_ORDER = 1;
    /** Coordinate of a step's sampling seed. */
    static final long SAMPLING = 2;
    /** Coordinate of a step's minibatch order. */
    static final long MINIBATCHES = 3;
    /** Coordinate of a fresh value head's initialisation. */
    static final long VALUE_HEAD = 4;

    private Seeds() {
    }

    /** A 64-bit seed derived from a run seed and some coordinates (SplitMix64's finaliser chain). */
    static long derive(long seed, long... coordinates) {
        long h = mix(seed);
        for (long c : coordinates) {
            h = mix(h ^ mix(c + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    /** A generator for the given coordinates. */
    static SplittableRandom rng(long seed, long... coordinates) {
        return new SplittableRandom(derive(seed, coordinates));
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
