package dev.rlaif.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class KlTest {

    @Test
    void estimatorsMatchTheirFormulas() {
        double logp = Math.log(0.5);
        double ref = Math.log(0.25);
        // log r = log(π_ref/π) = log 0.5
        assertEquals(Math.log(2), KlEstimator.K1.estimate(logp, ref), 1e-12);
        assertEquals(0.5 - 1 - Math.log(0.5), KlEstimator.K3.estimate(logp, ref), 1e-12);
        assertEquals(Math.log(2), KlEstimator.ABS.estimate(ref, logp), 1e-12);
        assertEquals(-Math.log(2), KlEstimator.K1.estimate(ref, logp), 1e-12);
    }

    @Property(tries = 100)
    void k3AndAbsAreNeverNegativeAndAllVanishAtEquality(@ForAll @DoubleRange(min = -20, max = 0) double logp,
            @ForAll @DoubleRange(min = -20, max = 0) double ref) {
        assertTrue(KlEstimator.K3.estimate(logp, ref) >= 0);
        assertTrue(KlEstimator.ABS.estimate(logp, ref) >= 0);
        for (KlEstimator e : KlEstimator.values()) {
            assertEquals(0, e.estimate(logp, logp), 0);
        }
    }

    @Test
    void adaptiveControllerRaisesTheCoefficientAboveTheTargetAndLowersItBelow() {
        KlController high = new KlController(0.2, true, 6, 10_000);
        high.update(9, 64); // error clip(9/6 − 1) = 0.2 → ×(1 + 0.2·64/10000)
        assertEquals(0.2 * (1 + 0.2 * 64 / 10_000.0), high.value(), 1e-15);
        KlController low = new KlController(0.2, true, 6, 10_000);
        low.update(3, 64); // error −0.5 clipped to −0.2
        assertEquals(0.2 * (1 - 0.2 * 64 / 10_000.0), low.value(), 1e-15);
        KlController near = new KlController(0.2, true, 6, 10_000);
        near.update(6.6, 100); // error 0.1, inside the clip
        assertEquals(0.2 * (1 + 0.1 * 100 / 10_000.0), near.value(), 1e-12);
    }

    @Test
    void adaptiveControllerConvergesTowardsTheTargetDirectionOverManySteps() {
        KlController c = new KlController(0.2, true, 6, 1000);
        double before = c.value();
        for (int i = 0; i < 50; i++) {
            c.update(12, 64);
        }
        assertTrue(c.value() > 1.5 * before);
    }

    @Test
    void fixedControllerNeverMoves() {
        KlController c = new KlController(0.05, false, 6, 10_000);
        c.update(100, 64);
        c.update(0, 64);
        assertEquals(0.05, c.value(), 0);
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new KlController(-1, false, 6, 1));
        assertThrows(IllegalArgumentException.class, () -> new KlController(0.1, true, 0, 1));
    }
}
