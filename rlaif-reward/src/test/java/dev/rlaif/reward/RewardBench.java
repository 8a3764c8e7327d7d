package dev.rlaif.reward;

import dev.rlaif.core.Provenance;
import dev.rlaif.core.Task;
import dev.rlaif.lm.Gpt2Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scoring throughput of a reward model, DJL against ONNX Runtime, in answers per second: a program
 * that prints numbers, not a test. The model is the shared test shape (d=64, 2 layers, BPE 1024)
 * with untrained weights, which score at the same speed as trained ones.
 *
 * <pre>{@code java -cp <test classpath> dev.rlaif.reward.RewardBench [answers] [rounds]}</pre>
 */
public final class RewardBench {

    private RewardBench() {
    }

    /**
     * Runs the bench.
     *
     * @param args answers per round (default 1000) and timed rounds (default 3)
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<ScoredSample> samples = RewardFixtures.dataset().samples();
        List<Task> tasks = new ArrayList<>(n);
        List<String> answers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ScoredSample s = samples.get(i % samples.size());
            tasks.add(s.task());
            answers.add(s.completion());
        }
        Path file = Files.createTempDirectory("reward-bench").resolve("reward.onnx");
        Gpt2Model m = Gpt2Model.create(RewardFixtures.modelConfig(), true, 1);
        try (LearnedRewardModel djl = new LearnedRewardModel(m, RewardFixtures.tokenizer(), RewardFixtures.POSITIONS,
                RewardObjective.MSE, RewardNormalization.IDENTITY,
                Provenance.of("bench", Map.of(), 0, "", List.of()), 64);
                OnnxRewardModel ort = djl.exportOnnx(file, 0)) {
            djl.scoreAll(tasks, answers);
            ort.scoreAll(tasks, answers);
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                djl.scoreAll(tasks, answers);
                long t1 = System.nanoTime();
                ort.scoreAll(tasks, answers);
                long t2 = System.nanoTime();
                System.out.printf(Locale.ROOT, "{\"answers\": %d, \"djl_answers_per_s\": %.1f, \"ort_answers_per_s\": %.1f}%n",
                        n, n / ((t1 - t0) / 1e9), n / ((t2 - t1) / 1e9));
            }
        }
    }
}
