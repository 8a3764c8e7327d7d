package dev.rlaif.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.Progress;
import dev.rlaif.core.TrainingListener;
import dev.rlaif.core.TrainingReport;
import dev.rlaif.lm.DecoderPolicy;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-process resume of the critic-free trainers, and the checkpoint's recovery from a torn save. */
class ResumeTest {

    @BeforeAll
    static void quiet() {
        Progress.setQuiet(true);
    }

    private static GrpoConfig grpo(Path out, int steps, double lr) {
        RunConfig run = RunConfig.builder().steps(steps).promptsPerStep(2).miniBatchSize(3).learningRate(lr)
                .sampling(TinyWorld.sampling()).seed(4).outputDir(out).saveSteps(2).build();
        return GrpoConfig.builder().run(run).numGenerations(4).numIterations(2).beta(0.05).build();
    }

    private static Map<String, HostTensor> train(GrpoConfig cfg) {
        DecoderPolicy policy = TinyWorld.policy(8);
        try (Gpt2Model model = policy.model()) {
            new GrpoTrainer(cfg).train(policy, TinyWorld.tasks(), TinyWorld.REWARD, TrainingListener.none());
            return model.toHost();
        }
    }

    @Test
    void aRunExtendedFromItsCheckpointEqualsOneRunStraightThrough(@TempDir Path tmp) {
        Map<String, HostTensor> straight = train(grpo(tmp.resolve("a"), 4, 3e-3));
        train(grpo(tmp.resolve("b"), 2, 3e-3));
        Map<String, HostTensor> resumed = train(grpo(tmp.resolve("b"), 4, 3e-3));
        for (String name : straight.keySet()) {
            assertArrayEquals(straight.get(name).data(), resumed.get(name).data(), 1e-6f, name);
        }
    }

    @Test
    void resumingWithAnotherConfigIsRefused(@TempDir Path tmp) {
        train(grpo(tmp, 2, 3e-3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> train(grpo(tmp, 4, 1e-3)));
        assertTrue(e.getMessage().contains("learning_rate"), e.getMessage());
    }

    @Test
    void aSaveInterruptedBetweenItsRenamesIsRecovered(@TempDir Path tmp) throws Exception {
        DecoderPolicy policy = TinyWorld.policy(8);
        try (Gpt2Model model = policy.model(); Gpt2Model other = Gpt2Model.create(TinyWorld.CONFIG, false, 99)) {
            Checkpoint.save(tmp, 7, Map.of("policy", model), Map.of(), Map.of("kl_coef", 0.3), Map.of(),
                    dev.rlaif.core.Provenance.of("test", Map.of(), 0, "", java.util.List.of()));
            // As if killed after "checkpoint -> checkpoint.old" and before "partial -> checkpoint".
            Files.move(tmp.resolve(Checkpoint.DIR), tmp.resolve(Checkpoint.DIR + ".old"));
            Files.createDirectories(tmp.resolve(Checkpoint.DIR + ".partial-123"));
            Checkpoint.Loaded loaded = Checkpoint.restore(tmp, Map.of("policy", other), Map.of()).orElseThrow();
            assertEquals(7, loaded.step());
            assertEquals(0.3, loaded.scalars().get("kl_coef"));
            assertArrayEquals(model.toHost().get("wte.weight").data(), other.toHost().get("wte.weight").data());
            assertFalse(Files.exists(tmp.resolve(Checkpoint.DIR + ".partial-123")));
            assertTrue(Files.isDirectory(tmp.resolve(Checkpoint.DIR)));
        }
    }

    @Test
    void reportCountsTheStepsOfTheWholeRun(@TempDir Path tmp) {
        train(grpo(tmp, 2, 3e-3));
        DecoderPolicy policy = TinyWorld.policy(8);
        try (Gpt2Model model = policy.model()) {
            TrainingReport r = new GrpoTrainer(grpo(tmp, 3, 3e-3)).train(policy, TinyWorld.tasks(), TinyWorld.REWARD,
                    TrainingListener.none());
            assertEquals(3, r.steps());
            assertEquals(3, r.history().size());
            assertEquals(tmp.resolve(Checkpoint.DIR), r.checkpoint());
        }
    }
}
