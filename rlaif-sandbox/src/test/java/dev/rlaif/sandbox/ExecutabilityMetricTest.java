package dev.rlaif.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.Hub;
import dev.rlaif.core.MetricResult;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.GorillaData;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The executability metric: which code it runs, and how verdicts become scores. */
class ExecutabilityMetricTest {

    private static final ExecutabilityMetric METRIC = ExecutabilityMetric.shared();

    @Test
    void runsTheCodeFieldOrTheApiCallWithItsImports() {
        assertEquals("import torch\nx = 1", METRIC.snippet("<<<domain>>>: d\n<<<api_call>>>: f()\n<<<code>>>: import torch\nx = 1"));
        assertEquals("from transformers import pipeline\npipeline('fill-mask', model='bert-base-uncased')",
                METRIC.snippet("<<<domain>>>: d\n<<<api_call>>>: pipeline('fill-mask', model='bert-base-uncased')\n"
                        + "<<<api_provider>>>: Hugging Face Transformers"));
        assertEquals("from transformers import AutoModel\nAutoModel.from_pretrained('bert-base-uncased')",
                METRIC.snippet("<<<api_call>>>: AutoModel.from_pretrained('bert-base-uncased')"));
        assertEquals("import torch\ntorch.hub.load('pytorch/vision', 'resnet18')",
                METRIC.snippet("<<<api_call>>>: torch.hub.load('pytorch/vision', 'resnet18')"));
        assertEquals("print(1)", METRIC.snippet("print(1)"));
    }

    @Test
    void scoresOneOnlyForOk() {
        Task task = GorillaData.bundled().evalTasks(Hub.TORCHHUB).get(0);
        MetricResult good = METRIC.score(task, "<<<api_call>>>: torch.hub.load('pytorch/vision', 'resnet18', pretrained=True)");
        MetricResult bad = METRIC.score(task, "<<<api_call>>>: torch.hub.load('pytorch/vision', 'resnet18_fictional', pretrained=True)");
        assertEquals(1.0, good.score(), good.toString());
        assertEquals("ok", good.detail());
        assertEquals(0.0, bad.score(), bad.toString());
        assertEquals("api_error", bad.detail());
        MetricResult corpus = METRIC.corpus(List.of(task, task), List.of(
                "<<<api_call>>>: torch.hub.load('pytorch/vision', 'resnet18', pretrained=True)", "def ("));
        assertEquals(0.5, corpus.score(), 1e-9);
        assertEquals(0.5, corpus.components().get("syntax_error"), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> METRIC.corpus(List.of(task), List.of()));
    }

    @Test
    void anAnswerWithNothingToRunScoresZero() {
        Task task = GorillaData.bundled().evalTasks(Hub.TORCHHUB).get(0);
        String empty = "<<<domain>>>: Classification\n<<<api_call>>>: \n<<<api_provider>>>: PyTorch";
        assertEquals("", METRIC.snippet(empty));
        MetricResult one = METRIC.score(task, empty);
        assertEquals(0.0, one.score());
        assertEquals(ExecutabilityMetric.NO_CODE, one.detail());
        MetricResult corpus = METRIC.corpus(List.of(task, task), List.of(empty,
                "<<<api_call>>>: torch.hub.load('pytorch/vision', 'resnet18', pretrained=True)"));
        assertEquals(0.5, corpus.score(), 1e-9);
        assertEquals(0.5, corpus.components().get(ExecutabilityMetric.NO_CODE), 1e-9);
    }

    @Property(tries = 50)
    void toMetricScoresExactlyTheOkVerdict(@ForAll Verdict v) {
        MetricResult r = ExecutabilityMetric.toMetric(new ExecResult(v, "", "", "", "", 1, Isolation.BUBBLEWRAP, 0));
        assertEquals(v == Verdict.OK ? 1.0 : 0.0, r.score());
        assertEquals(v.id(), r.detail());
        assertTrue(r.metric().equals(ExecutabilityMetric.NAME));
    }
}
