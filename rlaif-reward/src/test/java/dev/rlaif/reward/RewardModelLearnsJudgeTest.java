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
}
