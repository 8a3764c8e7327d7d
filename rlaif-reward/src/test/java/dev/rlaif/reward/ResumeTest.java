package dev.rlaif.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.TrainingListener;
import dev.rlaif.lm.Gpt2Config;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResumeTest {

    private static final RewardTrainerConfig CONFIG = RewardTrainerConfig.defaults().toBuilder()
            .objective(RewardObjective.BRADLEY_TERRY)
            .centringCoefficient(0.01)
            .marginScale(0.5)
            .learningRate(1e-3)
            .batchSize(8)
            .epochs(2)
            .evalEvery(3)
            .maxLength(40)
            .build();

    private static RewardDataset.Partition data() {
        List<ScoredSample> sub = RewardFixtures.dataset().samples().stream().filter(s -> s.task().line() <= 20).toList();
        return RewardDataset.of(sub).splitByTask(0.25, 3);
    }

    private static Gpt2Model tiny() {
        Gpt2Config c = RewardFixtures.modelConfig();
        return Gpt2Model.create(new Gpt2Config(c.vocabSize(), 48, 32, 1, 2, 1e-5, c.bosTokenId(), c.eosTokenId(),
                c.padTokenId()), false, 5);
    }

    @Test
    void stoppedAndResumedEqualsUninterrupted() throws Exception {
        RewardDataset.Partition d = data();
        Path straight = Files.createTempDirectory("reward-straight");
        Path interrupted = Files.createTempDirectory("reward-interrupted");
        RewardTrainer trainer = new RewardTrainer(CONFIG);
        try (Gpt2Model init = tiny();
                LearnedRewardModel a = trainer.fit(init, RewardFixtures.tokenizer(), d.train(), d.heldOut(), straight,
                        TrainingListener.none()).model()) {
            assertTrue(trainer.fit(init, RewardFixtures.tokenizer(), d.train(), d.heldOut(), interrupted,
                    TrainingListener.none(), 4).isEmpty());
            TrainedReward resumed = trainer.fit(init, RewardFixtures.tokenizer(), d.train(), d.heldOut(), interrupted,
                    TrainingListener.none());
            try (LearnedRewardModel b = resumed.model()) {
                assertTrue(resumed.report().steps() > 4, "the run must go on past the interruption");
                Map<String, HostTensor> wa = a.model().toHost();
                Map<String, HostTensor> wb = b.model().toHost();
                assertEquals(wa.keySet(), wb.keySet());
                for (String k : wa.keySet()) {
                    assertArrayEquals(wa.get(k).data(), wb.get(k).data(), k);
                }
                assertEquals(a.normalization(), b.normalization());
                assertEquals(a.provenance().id(), b.provenance().id());
            }
        }
    }

    @Test
    void aFinishedRunIsReloadedAndAnotherConfigIsRefused() throws Exception {
        RewardDataset.Partition d = data();
        Path dir = Files.createTempDirectory("reward-rerun");
        RewardTrainerConfig short1 = CONFIG.toBuilder().epochs(1).build();
        try (Gpt2Model init = tiny()) {
            TrainedReward first = new RewardTrainer(short1).fit(init, RewardFixtures.tokenizer(), d.train(), d.heldOut(),
                    dir, TrainingListener.none());
            int[] calls = {0};
            TrainedReward again = new RewardTrainer(short1).fit(init, RewardFixtures.tokenizer(), d.train(), d.heldOut(),
                    dir, (s, t, m) -> calls[0]++);
            try (LearnedRewardModel m1 = first.model(); LearnedRewardModel m2 = again.model()) {
                assertEquals(0, calls[0], "a finished run must not train again");
                assertEquals(first.evaluation().spearman(), again.evaluation().spearman(), 1e-6);
            }
            RewardTrainerConfig other = short1.toBuilder().learningRate(3e-3).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RewardTrainer(other)
                    .fit(init, RewardFixtures.tokenizer(), d.train(), d.heldOut(), dir, TrainingListener.none()));
            assertTrue(e.getMessage().contains("other inputs or settings"), e.getMessage());
        }
    }
}
