package dev.rlaif.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The documented defaults, and rejection of settings that cannot work. */
class ConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        PpoConfig p = PpoConfig.defaults();
        assertEquals(4, p.ppoEpochs());
        assertEquals(0.05, p.klCoef());
        assertEquals(KlEstimator.K1, p.klEstimator());
        assertEquals(6.0, p.klTarget());
        assertEquals(10_000, p.klHorizon());
        assertEquals(0.95, p.lambda());
        assertEquals(1e-5, p.run().learningRate());
        GrpoConfig g = GrpoConfig.builder().build();
        assertEquals(8, g.numGenerations());
        assertEquals(0.04, g.beta());
        assertEquals(LossAggregation.TOKEN_MEAN, g.lossAggregation());
        assertEquals(4, RlooConfig.builder().build().numGenerations());
    }

    @Test
    void impossibleSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RunConfig.builder().steps(0).build());
        assertThrows(IllegalArgumentException.class, () -> PpoConfig.builder().gamma(1.5).build());
        assertThrows(IllegalArgumentException.class, () -> PpoConfig.builder().ratioThreshold(1).build());
        assertThrows(IllegalArgumentException.class, () -> GrpoConfig.builder().numGenerations(1).build());
        assertThrows(IllegalArgumentException.class, () -> GrpoConfig.builder().delta(1.1).build());
        assertThrows(IllegalArgumentException.class, () -> RlooConfig.builder().clipRange(0).build());
    }

    @Test
    void greedySamplingIsRejectedBeforeAnyWork() {
        RunConfig run = RunConfig.builder().sampling(dev.rlaif.core.SamplingConfig.greedy(4)).build();
        var policy = TinyWorld.policy(1);
        try (var model = policy.model()) {
            assertThrows(IllegalArgumentException.class, () -> new RlooTrainer(RlooConfig.builder().run(run).build())
                    .train(policy, TinyWorld.tasks(), TinyWorld.REWARD, dev.rlaif.core.TrainingListener.none()));
        }
    }
}
