package dev.rlaif.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DJL and ONNX Runtime agree, a saved model scores the same after loading, and scoring leaks nothing. */
class ScoringTest {

    private static List<Task> tasks(int n) {
        List<Task> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(RewardFixtures.split().heldOut().samples().get(i % RewardFixtures.split().heldOut().size()).task());
        }
        return out;
    }

    private static List<String> answers(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(RewardFixtures.split().heldOut().samples().get(i % RewardFixtures.split().heldOut().size()).completion());
        }
        return out;
    }

    @Test
    void onnxRuntimeScoresMatchDjl() throws IOException {
        LearnedRewardModel djl = RewardFixtures.trained().model();
        Path file = Files.createTempDirectory("reward-onnx").resolve("reward.onnx");
        int n = 200;
        try (OnnxRewardModel ort = djl.exportOnnx(file, 0)) {
            double[] a = djl.scoreAll(tasks(n), answers(n));
            double[] b = ort.scoreAll(tasks(n), answers(n));
            double max = 0;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, Math.abs(a[i] - b[i]));
            }
            System.out.printf("DJL vs ORT: max |diff| %.2e over %d answers%n", max, n);
            assertTrue(max <= 1e-4, "max |diff| " + max);
            assertEquals(djl.normalization(), ort.normalization());
        }
    }

    @Test
    void batchedScoresEqualSingleScoresAndSurviveSaveAndLoad() {
        LearnedRewardModel djl = RewardFixtures.trained().model();
        int n = 20;
        double[] batch = djl.scoreAll(tasks(n), answers(n));
        for (int i = 0; i < n; i += 5) {
            assertEquals(batch[i], djl.score(tasks(n).get(i), answers(n).get(i)), 1e-5);
        }
        try (LearnedRewardModel loaded = LearnedRewardModel.load(RewardFixtures.trainedDir())) {
            assertArrayEquals(batch, loaded.scoreAll(tasks(n), answers(n)), 1e-6);
            assertEquals(djl.normalization(), loaded.normalization());
            assertEquals(djl.provenance().id(), loaded.provenance().id());
            double[] white = loaded.whitened().scoreAll(tasks(n), answers(n));
            assertEquals(djl.normalization().whiten(batch[3]), white[3], 1e-6);
        }
    }

    @Test
    void scoringAThousandAnswersLeavesNativeMemoryFlat() {
        LearnedRewardModel djl = RewardFixtures.trained().model();
        int n = 1000;
        List<Task> ts = tasks(n);
        List<String> cs = answers(n);
        djl.scoreAll(ts, cs);
        long rssBefore = rssKb();
        int arraysBefore = djl.liveScoringArrays();
        long t0 = System.nanoTime();
        djl.scoreAll(ts, cs);
        double secs = (System.nanoTime() - t0) / 1e9;
        long rssAfter = rssKb();
        System.out.printf("DJL scored %d answers in %.2fs (%.0f answers/s); RSS %d -> %d KiB%n", n, secs, n / secs,
                rssBefore, rssAfter);
        assertEquals(0, arraysBefore);
        assertEquals(0, djl.liveScoringArrays(), "NDArrays left alive under the scoring manager");
        assertTrue(rssAfter - rssBefore < 64 * 1024, "RSS grew by " + (rssAfter - rssBefore) + " KiB");
    }

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
