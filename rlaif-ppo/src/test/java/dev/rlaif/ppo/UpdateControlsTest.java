package dev.rlaif.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.Progress;
import dev.rlaif.core.TrainingListener;
import dev.rlaif.core.TrainingReport;
import dev.rlaif.lm.DecoderPolicy;
import dev.rlaif.lm.Gpt2Model;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PPO's guards on an update: the ratio threshold skips minibatches, the KL target stops early. */
class UpdateControlsTest {

    @BeforeAll
    static void quiet() {
        Progress.setQuiet(true);
    }

    private static Map<String, Double> lastStep(PpoConfig.Builder b) {
        RunConfig run = RunConfig.builder().steps(2).promptsPerStep(8).miniBatchSize(2).learningRate(1e-2)
                .sampling(TinyWorld.sampling()).seed(1).build();
        DecoderPolicy policy = TinyWorld.policy(3);
        try (Gpt2Model model = policy.model()) {
            TrainingReport r = new PpoTrainer(b.run(run).ppoEpochs(2).build())
                    .train(policy, TinyWorld.tasks(), TinyWorld.REWARD, TrainingListener.none());
            return r.last();
        }
    }

    @Test
    void aRatioThresholdJustAboveOneSkipsTheMinibatchesThatMoved() {
        Map<String, Double> plain = lastStep(PpoConfig.builder());
        assertEquals(0.0, plain.get("policy/skipped_minibatches"));
        Map<String, Double> strict = lastStep(PpoConfig.builder().ratioThreshold(1 + 1e-7));
        assertTrue(strict.get("policy/skipped_minibatches") > 0, strict.toString());
    }

    @Test
    void aTinyKlTargetStopsTheUpdateEarly() {
        assertEquals(0.0, lastStep(PpoConfig.builder()).get("policy/early_stopped"));
        Map<String, Double> stopped = lastStep(PpoConfig.builder().earlyStopKl(1e-12));
        assertEquals(1.0, stopped.get("policy/early_stopped"), stopped.toString());
    }
}
