package dev.rlaif.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LossesTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = Engine.getEngine("PyTorch").newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static NDArray row(float... v) {
        return manager.create(v, new Shape(1, v.length));
    }

    @Test
    void clippedPolicyLossMatchesAHandComputedExample() {
        // Old log-probs 0, so ratio = exp(logp). ε = 0.2. The fourth cell is padding with garbage.
        //   token 0: ratio 1.5, A = +1: max(−1.5, −1.2) = −1.2  (clipped term active)
        //   token 1: ratio 0.5, A = −1: max(0.5, 0.8)   = 0.8   (clipped term active)
        //   token 2: ratio 1.1, A = +1: max(−1.1, −1.1) = −1.1  (inside the clip range)
        // loss = (−1.2 + 0.8 − 1.1)/3 = −0.5; clip fraction 2/3; mean ratio 3.1/3.
        try (NDManager step = manager.newSubManager()) {
            NDArray logp = row((float) Math.log(1.5), (float) Math.log(0.5), (float) Math.log(1.1), 9f);
            logp.setRequiresGradient(true);
            NDArray old = row(0, 0, 0, -9f);
            NDArray adv = row(1, -1, 1, 100f);
            NDArray mask = row(1, 1, 1, 0);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                Losses.PolicyTerm pt = Losses.clippedPolicy(logp, old, adv, mask, 0.2, 0.2, 0, LossAggregation.TOKEN_MEAN);
                assertEquals(-0.5, Losses.scalar(pt.loss()), 1e-6);
                assertEquals(2.0 / 3, Losses.scalar(pt.clipFrac()), 1e-6);
                assertEquals(3.1 / 3, Losses.scalar(pt.meanRatio()), 1e-6);
                double kl = 0.5 * (Math.pow(Math.log(1.5), 2) + Math.pow(Math.log(0.5), 2) + Math.pow(Math.log(1.1), 2)) / 3;
                assertEquals(kl, Losses.scalar(pt.approxKl()), 1e-6);
                gc.backward(pt.loss());
            }
            // Clipped tokens and padding get no gradient; token 2 gets d(−A·ratio/3)/dlogp = −1.1/3.
            assertArrayEquals(new float[] {0, 0, (float) (-1.1 / 3), 0}, logp.getGradient().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void deltaCapsTheUnclippedRatio() {
        // ratio 3, A = −1, ε = 0.2, δ = 2: max(−A·min(3, 2), −A·1.2) = max(2, 1.2) = 2 (instead of 3).
        try (NDManager step = manager.newSubManager()) {
            NDArray logp = row((float) Math.log(3));
            Losses.PolicyTerm capped = Losses.clippedPolicy(logp, row(0), row(-1), row(1), 0.2, 0.2, 2.0,
                    LossAggregation.TOKEN_MEAN);
            Losses.PolicyTerm plain = Losses.clippedPolicy(logp, row(0), row(-1), row(1), 0.2, 0.2, 0,
                    LossAggregation.TOKEN_MEAN);
            assertEquals(2.0, Losses.scalar(capped.loss()), 1e-6);
            assertEquals(3.0, Losses.scalar(plain.loss()), 1e-5);
        }
    }

    @Test
    void clippedValueLossMatchesAHandComputedExample() {
        // v = 1.0, old = 0.5, return = 2.0, clip 0.2: v_clip = 0.7; max((1−2)², (0.7−2)²) = 1.69; ×½.
        // Second token: v = 0.55 inside the range, return 0.5: (0.05)² both ways; not clipped.
        try (NDManager step = manager.newSubManager()) {
            Losses.ValueTerm vt = Losses.clippedValue(row(1.0f, 0.55f), row(0.5f, 0.5f), row(2.0f, 0.5f), row(1, 1), 0.2);
            assertEquals(0.5 * (1.69 + 0.0025) / 2, Losses.scalar(vt.loss()), 1e-6);
            assertEquals(0.5, Losses.scalar(vt.clipFrac()), 1e-6);
        }
    }

    @Test
    void sequenceMeanWeighsEveryAnswerEqually() {
        // Row 0 has one token of loss 1; row 1 has three tokens of loss 4.
        // Token mean: (1 + 12)/4 = 3.25. Sequence mean: (1 + 4)/2 = 2.5.
        try (NDManager step = manager.newSubManager()) {
            NDArray loss = manager.create(new float[] {1, 7, 7, 4, 4, 4}, new Shape(2, 3));
            NDArray mask = manager.create(new float[] {1, 0, 0, 1, 1, 1}, new Shape(2, 3));
            assertEquals(3.25, Losses.scalar(Losses.aggregate(loss, mask, LossAggregation.TOKEN_MEAN)), 1e-6);
            assertEquals(2.5, Losses.scalar(Losses.aggregate(loss, mask, LossAggregation.SEQUENCE_MEAN)), 1e-6);
        }
    }
}
