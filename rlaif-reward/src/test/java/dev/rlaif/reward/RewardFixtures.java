package dev.rlaif.reward;

import dev.rlaif.core.Hub;
import dev.rlaif.core.Progress;
import dev.rlaif.core.PromptFormat;
import dev.rlaif.core.Task;
import dev.rlaif.core.TrainingListener;
import dev.rlaif.core.gorilla.GorillaData;
import dev.rlaif.feedback.OfflineJudge;
import dev.rlaif.lm.Gpt2Config;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.tokenizer.BpeTrainingConfig;
import dev.rlaif.lm.tokenizer.ByteLevelBpe;
import dev.rlaif.lm.tokenizer.SpecialTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Shared, lazily built test data: the TorchHub train tasks, mixed-quality answers judged by the
 * offline judge, a BPE tokenizer trained on them, and one small reward model trained on 80 % of the
 * tasks, so the expensive training runs once per test JVM.
 */
final class RewardFixtures {

    /** Model positions: TorchHub prompts (p90 56 tokens) plus short answers (p90 52) fit. */
    static final int POSITIONS = 128;

    /** Tokens read by the shared model: the whole instruction and answer (p90 56 + 52 tokens). */
    static final int MAX_LENGTH = 128;

    /** Tasks (train-file lines 1..450) answered four ways each for the shared model. */
    static final int TASKS = 450;

    private static List<Task> tasks;
    private static ByteLevelBpe tokenizer;
    private static RewardDataset dataset;
    private static TrainedReward trained;
    private static RewardDataset.Partition split;
    private static Path trainedDir;

    static {
        Progress.setQuiet(true);
    }

    private RewardFixtures() {
    }

    static synchronized List<Task> tasks() {
        if (tasks == null) {
            tasks = GorillaData.bundled().trainTasks(Hub.TORCHHUB);
        }
        return tasks;
    }

    static synchronized ByteLevelBpe tokenizer() {
        if (tokenizer == null) {
            List<String> corpus = new ArrayList<>();
            PromptFormat f = PromptFormat.full();
            for (Task t : tasks()) {
                corpus.add(f.prompt(t) + t.reference().render(MixedAnswers.FIELDS));
            }
            tokenizer = ByteLevelBpe.train(corpus,
                    BpeTrainingConfig.of(1024).withSpecials(SpecialTokens.defaults().withGorillaMarkers()));
        }
        return tokenizer;
    }

    /** Four answers per task, scored by the offline judge. */
    static synchronized RewardDataset dataset() {
        if (dataset == null) {
            List<Task> all = tasks();
            OfflineJudge judge = OfflineJudge.bundled();
            Random rng = new Random(7);
            List<ScoredSample> samples = new ArrayList<>();
            for (Task t : all) {
                for (String answer : MixedAnswers.of(t, all, rng)) {
                    samples.add(new ScoredSample(t, answer, judge.judge(t, answer).score()));
                }
            }
            dataset = RewardDataset.of(samples);
        }
        return dataset;
    }

    static Gpt2Config modelConfig() {
        ByteLevelBpe tok = tokenizer();
        return new Gpt2Config(tok.vocabSize(), POSITIONS, 64, 2, 4, 1e-5, tok.bosId(), tok.eosId(), tok.padId());
    }

    static synchronized RewardDataset.Partition split() {
        if (split == null) {
            List<ScoredSample> sub = dataset().samples().stream().filter(s -> s.task().line() <= TASKS).toList();
            split = RewardDataset.of(sub).splitByTask(0.2, 11);
        }
        return split;
    }

    /**
     * The trained model shared by the tests (do not close it): pairwise Bradley-Terry on the judge's
     * scores of the four answers of each of 80 % of {@link #TASKS} tasks, d=64, 2 layers, ten epochs
     * of batch 32. (MSE spends its capacity on the truncated answers' large score gap and never
     * separates reference, swapped and hallucinated answers; the pairwise loss compares answers to
     * the same task only.)
     */
    static synchronized TrainedReward trained() {
        if (trained == null) {
            RewardTrainerConfig cfg = RewardTrainerConfig.defaults().toBuilder()
                    .objective(RewardObjective.BRADLEY_TERRY)
                    .learningRate(2e-3)
                    .epochs(10)
                    .batchSize(32)
                    .evalEvery(25)
                    .maxLength(MAX_LENGTH)
                    .optimizer(new dev.rlaif.lm.AdamW.Settings(0.9, 0.95, 1e-8, 0.0))
                    .build();
            trainedDir = tempDir("reward-trained");
            try (Gpt2Model init = Gpt2Model.create(modelConfig(), false, 1)) {
                trained = new RewardTrainer(cfg).fit(init, tokenizer(), split().train(), split().heldOut(),
                        trainedDir, TrainingListener.none());
            }
        }
        return trained;
    }

    /** Where {@link #trained()} saved its model. */
    static synchronized Path trainedDir() {
        trained();
        return trainedDir;
    }

    static Path tempDir(String prefix) {
        try {
            Path d = Files.createTempDirectory(prefix);
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
