package dev.rlaif.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class AdvantagesTest {

    @Test
    void gaeMatchesAHandComputedExample() {
        // γ=0.9, λ=0.5, rewards [0, 0, 1], values [0.5, 0.6, 0.7], terminal after the last token:
        // δ2 = 1 − 0.7 = 0.3                 A2 = 0.3
        // δ1 = 0 + 0.9·0.7 − 0.6 = 0.03      A1 = 0.03 + 0.45·0.3 = 0.165
        // δ0 = 0 + 0.9·0.6 − 0.5 = 0.04      A0 = 0.04 + 0.45·0.165 = 0.11425
        double[] adv = Advantages.gae(new double[] {0, 0, 1}, new double[] {0.5, 0.6, 0.7}, 0.9, 0.5);
        assertArrayEquals(new double[] {0.11425, 0.165, 0.3}, adv, 1e-12);
    }

    @Property(tries = 50)
    void gaeWithLambdaOneIsTheMonteCarloReturnMinusTheValue(
            @ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = -2, max = 2) Double> rewardList) {
        double[] rewards = rewardList.stream().mapToDouble(Double::doubleValue).toArray();
        double[] values = new double[rewards.length];
        for (int t = 0; t < values.length; t++) {
            values[t] = 0.1 * t - 0.3;
        }
        double[] adv = Advantages.gae(rewards, values, 1.0, 1.0);
        for (int t = 0; t < rewards.length; t++) {
            double ret = 0;
            for (int k = t; k < rewards.length; k++) {
                ret += rewards[k];
            }
            assertEquals(ret - values[t], adv[t], 1e-9);
        }
    }

    @Property(tries = 50)
    void gaeWithLambdaZeroIsTheOneStepTdError(
            @ForAll @Size(min = 1, max = 8) List<@DoubleRange(min = -2, max = 2) Double> rewardList) {
        double[] rewards = rewardList.stream().mapToDouble(Double::doubleValue).toArray();
        double[] values = new double[rewards.length];
        for (int t = 0; t < values.length; t++) {
            values[t] = Math.sin(t);
        }
        double[] adv = Advantages.gae(rewards, values, 0.95, 0.0);
        for (int t = 0; t < rewards.length; t++) {
            double next = t + 1 < rewards.length ? values[t + 1] : 0;
            assertEquals(rewards[t] + 0.95 * next - values[t], adv[t], 1e-12);
        }
    }

    @Property(tries = 50)
    void whiteningGivesMeanZeroAndUnitVariance(
            @ForAll @Size(min = 3, max = 20) List<@DoubleRange(min = -5, max = 5) Double> values) {
        double[] flat = values.stream().mapToDouble(Double::doubleValue).toArray();
        double spread = java.util.Arrays.stream(flat).max().getAsDouble() - java.util.Arrays.stream(flat).min().getAsDouble();
        net.jqwik.api.Assume.that(spread > 0.5);
        double[][] rows = {java.util.Arrays.copyOfRange(flat, 0, 1), java.util.Arrays.copyOfRange(flat, 1, flat.length)};
        Advantages.whiten(rows, true);
        double[] all = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(rows[0]), java.util.Arrays.stream(rows[1])).toArray();
        double mean = java.util.Arrays.stream(all).average().getAsDouble();
        double var = java.util.Arrays.stream(all).map(v -> (v - mean) * (v - mean)).sum() / (all.length - 1);
        assertEquals(0, mean, 1e-9);
        assertEquals(1, var, 1e-4);
    }

    @Test
    void whiteningWithoutShiftKeepsTheMean() {
        double[][] rows = {{1, 2, 3, 6}};
        Advantages.whiten(rows, false);
        assertEquals(3.0, java.util.Arrays.stream(rows[0]).average().getAsDouble(), 1e-9);
    }

    @Test
    void leaveOneOutSubtractsTheOthersMean() {
        // One group of 4 with rewards [1, 0, 0, 1]: the others' means are 1/3, 2/3, 2/3, 1/3.
        assertArrayEquals(new double[] {2.0 / 3, -2.0 / 3, -2.0 / 3, 2.0 / 3},
                Advantages.leaveOneOut(new double[] {1, 0, 0, 1}, 4), 1e-12);
        // Two groups of 2: each answer is compared with its partner only.
        assertArrayEquals(new double[] {-1, 1, 3, -3}, Advantages.leaveOneOut(new double[] {0, 1, 5, 2}, 2), 1e-12);
    }

    @Test
    void groupNormalisationUsesEachGroupsOwnStatistics() {
        double[] adv = Advantages.groupNormalised(new double[] {1, 0, 3, 3}, 2, true, 1e-4);
        double std = Math.sqrt(0.5); // unbiased std of {1, 0}
        assertArrayEquals(new double[] {0.5 / (std + 1e-4), -0.5 / (std + 1e-4), 0, 0}, adv, 1e-12);
        assertArrayEquals(new double[] {0.5, -0.5, 0, 0}, Advantages.groupNormalised(new double[] {1, 0, 3, 3}, 2, false, 1e-4), 1e-12);
    }
}
