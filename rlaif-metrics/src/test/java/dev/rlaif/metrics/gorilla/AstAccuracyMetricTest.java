package dev.rlaif.metrics.gorilla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rlaif.core.Hub;
import dev.rlaif.core.MetricResult;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.GorillaData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** End to end on the shipped TorchHub data: rlaif's own answer format, full and short. */
class AstAccuracyMetricTest {

    private static final AstAccuracyMetric METRIC = AstAccuracyMetric.bundled();

    @Test
    void referenceAnswerScoresCorrectAndStrictInBothForms() {
        Task task = GorillaData.bundled().evalTasks(Hub.TORCHHUB).get(0);
        for (String answer : List.of(task.reference().render(), task.reference().render(3))) {
            MetricResult r = METRIC.score(task, answer);
            assertEquals(1.0, r.score(), answer);
            assertEquals(1.0, r.components().get("strict"));
            assertEquals("correct,strict", r.detail());
        }
    }

    @Test
    void inventedApiIsAHallucination() {
        Task task = GorillaData.bundled().evalTasks(Hub.TORCHHUB).get(0);
        String answer = task.reference().withApiCall("torch.hub.load(repo_or_dir='nobody/none', model='nothing')")
                .render(3);
        MetricResult r = METRIC.score(task, answer);
        assertEquals(0.0, r.score());
        assertEquals(1.0, r.components().get("hallucination"));
        assertEquals(0.0, AstAccuracyMetric.strict(h -> GorillaData.bundled().apiDatabase(h).records())
                .score(task, answer).score());
    }

    @Test
    void markerlessTextIsWrongForTorchHub() {
        Task task = GorillaData.bundled().evalTasks(Hub.TORCHHUB).get(0);
        assertEquals("wrong", METRIC.score(task, "import torch").detail());
    }
}
