package dev.rlaif.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.rlaif.core.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The score, and the missing-EOS penalty with it, land on each completion's last real token. */
class RewardPlacementTest {

    @Test
    void scoreAndMissingEosPenaltyLandOnTheLastRealToken() {
        List<Task> tasks = TinyWorld.tasks().subList(0, 2);
        // Row 0 stopped with EOS after 3 tokens; row 1 hit the length limit (4 tokens) without EOS.
        int[][] completions = {{4, 5, TinyWorld.EOS}, {4, 5, 6, 7}};
        double[][] logprobs = {{-1, -1, -1}, {-1, -1, -1, -1}};
        double[][] ref = {{-1.1, -1.2, -1.3}, {-1.1, -1.2, -1.3, -1.4}};
        Rollout r = new Rollout(tasks, 1, new int[][] {{3}, {3}}, completions, new boolean[] {true, false},
                new String[] {"ab", "abcd"}, new double[] {0.9, 0.9}, logprobs, ref,
                new double[][] {{0, 0, 0}, {0, 0, 0, 0}});
        double[] scores = r.shapedScores(0, 0.5);
        assertArrayEquals(new double[] {0.9, 0.4}, scores, 1e-12);
        double beta = 0.1;
        double[][] rewards = PpoAlgorithm.tokenRewards(r.kl(KlEstimator.K1), scores, beta);
        // K1 per token is logp − ref = 0.1, 0.2, 0.3(, 0.4).
        assertArrayEquals(new double[] {-0.01, -0.02, -0.03 + 0.9}, rewards[0], 1e-12);
        assertArrayEquals(new double[] {-0.01, -0.02, -0.03, -0.04 + 0.4}, rewards[1], 1e-12);
    }

    @Test
    void scoreClipActsBeforeThePenalty() {
        assertArrayEquals(new double[] {2.0, -3.0, 1.5},
                new double[] {Rollout.shapeScore(5, true, 2, 1), Rollout.shapeScore(-5, false, 2, 1),
                        Rollout.shapeScore(1.5, true, 0, 1)}, 1e-12);
    }
}
