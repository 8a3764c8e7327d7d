package dev.rlaif.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.io.Json;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RewardModelLearnsJudgeTest {

    @Test
    void heldOutTasksAreRankedLikeTheJudge() throws Exception {
        long t0 = System.nanoTime();
        TrainedReward t = RewardFixtures.trained();
        RewardEvaluation e = t.evaluation();
        System.out.printf("held-out: samples=%d tasks=%d spearman=%.4f pearson=%.4f pairwise=%.4f (%d pairs) steps=%d train+eval %.1fs%n",
                e.samples(), e.tasks(), e.spearman(), e.pearson(), e.pairwiseAccuracy(), e.pairs(),
                t.report().steps(), (System.nanoTime() - t0) / 1e9);
        for (RewardEvaluation.CalibrationBin b : e.calibration()) {
            System.out.printf("  bin n=%d predicted=%.3f judge=%.3f%n", b.count(), b.meanPredicted(), b.meanJudge());
        }
        // Per kind of answer on the held-out tasks: the model must rank real API answers above
        // invented ids, not merely spot truncated text.
        java.util.Map<String, double[]> kinds = new java.util.TreeMap<>();
        java.util.List<ScoredSample> held = RewardFixtures.split().heldOut().samples();
        double[] predicted = t.model().scoreAll(held.stream().map(ScoredSample::task).toList(),
                held.stream().map(ScoredSample::completion).toList());
        for (int i = 0; i < held.size(); i++) {
            double[] k = kinds.computeIfAbsent(kind(held.get(i)), x -> new double[3]);
            k[0] += predicted[i];
            k[1] += held.get(i).score();
            k[2]++;
        }
        kinds.forEach((k, v) -> System.out.printf("  %-12s n=%3d model=%.3f judge=%.3f%n", k, (int) v[2], v[0] / v[2], v[1] / v[2]));
        double ref = kinds.get("reference")[0] / kinds.get("reference")[2];
        assertTrue(ref > kinds.get("hallucinated")[0] / kinds.get("hallucinated")[2], "reference above hallucinated");
        assertTrue(ref > kinds.get("truncated")[0] / kinds.get("truncated")[2], "reference above truncated");

        Set<String> trainTasks = new HashSet<>(RewardFixtures.split().train().taskIds());
        trainTasks.retainAll(RewardFixtures.split().heldOut().taskIds());
        assertTrue(trainTasks.isEmpty(), "held-out tasks leaked into training: " + trainTasks);
        assertTrue(e.spearman() >= 0.6, "spearman " + e.spearman());
        assertTrue(e.pairwiseAccuracy() >= 0.75, "pairwise accuracy " + e.pairwiseAccuracy());

        JsonNode json = Json.MAPPER.readTree(Files.readString(RewardFixtures.trainedDir().resolve(RewardTrainer.EVALUATION_FILE)));
        assertEquals(e.spearman(), json.get("spearman").asDouble(), 1e-12);
        assertEquals(e.pearson(), json.get("pearson").asDouble(), 1e-12);
        assertEquals(e.pairwiseAccuracy(), json.get("pairwise_accuracy").asDouble(), 1e-12);
        assertEquals(t.model().provenance().id(),
                Json.MAPPER.treeToValue(json.get("provenance"), dev.rlaif.core.Provenance.class).id());
    }

    /** Which {@link MixedAnswers} kind an answer is. */
    private static String kind(ScoredSample s) {
        String ref = s.task().reference().render(MixedAnswers.FIELDS);
        String c = s.completion();
        if (c.equals(ref)) {
            return "reference";
        }
        if (c.length() < ref.length() && ref.startsWith(c)) {
            return "truncated";
        }
        for (String suffix : MixedAnswers.FAKE_SUFFIXES) {
            if (c.contains(suffix + "'") || c.contains(suffix + ",")) {
                return "hallucinated";
            }
        }
        return "swapped";
    }
}
