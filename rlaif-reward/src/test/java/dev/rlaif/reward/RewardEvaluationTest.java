package dev.rlaif.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.Task;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RewardEvaluationTest {

    private static RewardDataset dataset(List<Double> scores, int perTask) {
        List<Task> tasks = RewardFixtures.tasks();
        List<ScoredSample> samples = new ArrayList<>();
        for (int i = 0; i < scores.size(); i++) {
            samples.add(new ScoredSample(tasks.get(i / perTask), "answer " + i, scores.get(i)));
        }
        return RewardDataset.of(samples);
    }

    @Property(tries = 50)
    void predictingTheJudgeIsPerfectAndReversingItIsWorst(
            @ForAll @Size(min = 6, max = 40) List<@DoubleRange(min = 0, max = 1) Double> scores,
            @ForAll @IntRange(min = 2, max = 4) int perTask) {
        RewardDataset data = dataset(scores, perTask);
        double[] same = data.scores();
        double[] reversed = new double[same.length];
        for (int i = 0; i < same.length; i++) {
            reversed[i] = 5 - 3 * same[i];
        }
        RewardEvaluation good = RewardEvaluation.of(same, data, 4);
        RewardEvaluation bad = RewardEvaluation.of(reversed, data, 4);
        if (!Double.isNaN(good.spearman())) {
            assertEquals(1.0, good.spearman(), 1e-9);
            assertEquals(1.0, good.pearson(), 1e-9);
            assertEquals(-1.0, bad.spearman(), 1e-9);
        }
        if (good.pairs() > 0) {
            assertEquals(1.0, good.pairwiseAccuracy(), 0);
            assertEquals(0.0, bad.pairwiseAccuracy(), 0);
        }
        assertEquals(good.pairs(), bad.pairs());
        assertEquals(data.size(), good.calibration().stream().mapToInt(RewardEvaluation.CalibrationBin::count).sum());
    }

    @Property(tries = 50)
    void calibrationBinsAreOrderedAndInRange(
            @ForAll @Size(min = 1, max = 60) List<@DoubleRange(min = 0, max = 1) Double> scores,
            @ForAll @IntRange(min = 1, max = 12) int bins) {
        RewardDataset data = dataset(scores, 3);
        double[] predicted = new double[scores.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = Math.sin(i * 1.7) * 3;
        }
        List<RewardEvaluation.CalibrationBin> table = RewardEvaluation.of(predicted, data, bins).calibration();
        assertEquals(Math.min(bins, scores.size()), table.size());
        for (int i = 0; i < table.size(); i++) {
            RewardEvaluation.CalibrationBin b = table.get(i);
            assertTrue(b.count() >= 1);
            assertTrue(b.minPredicted() <= b.meanPredicted() + 1e-12 && b.meanPredicted() <= b.maxPredicted() + 1e-12);
            assertTrue(b.meanJudge() >= 0 && b.meanJudge() <= 1);
            if (i > 0) {
                assertTrue(table.get(i - 1).maxPredicted() <= b.minPredicted());
            }
        }
    }

    @Test
    void pairsAreFormedWithinTasksOnlyAndTiesAreSkipped() {
        // Task 0: scores 1, 0.5, 0.5 -> pairs (0,1), (0,2); task 1: 0, 1 -> one pair.
        RewardDataset data = RewardDataset.of(List.of(
                new ScoredSample(RewardFixtures.tasks().get(0), "a", 1.0),
                new ScoredSample(RewardFixtures.tasks().get(0), "b", 0.5),
                new ScoredSample(RewardFixtures.tasks().get(0), "c", 0.5),
                new ScoredSample(RewardFixtures.tasks().get(1), "d", 0.0),
                new ScoredSample(RewardFixtures.tasks().get(1), "e", 1.0)));
        // Orders task 0 right, task 1 wrong, and predicts a tie for (0,2).
        RewardEvaluation e = RewardEvaluation.of(new double[] {2, 1, 2, 9, 0}, data, 2);
        assertEquals(3, e.pairs());
        assertEquals((1 + 0.5 + 0) / 3, e.pairwiseAccuracy(), 1e-12);
        assertEquals(2, e.tasks());
    }
}
