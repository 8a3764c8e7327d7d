package dev.rlaif.metrics.gorilla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.GorillaData;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Golden test: the two published Gorilla response files, scored against the figures in the data
 * README (a tree-sitter implementation), each within half a point.
 */
class GorillaConformanceTest {

    @ParameterizedTest
    @CsvSource({
        "response_huggingface_Gorilla_FT_0_shot.jsonl, 69.36, 10.95, 19.69",
        "response_huggingface_Gorilla_FT_oracle.jsonl, 44.03, 52.99, 2.99",
    })
    void reproducesPublishedFigures(String file, double accuracy, double hallucination, double wrong) {
        GorillaData data = GorillaData.bundled();
        List<ApiDoc> evalApiData = data.evalTasks(Hub.HUGGINGFACE).stream().map(Task::api).toList();
        String resource = GorillaData.RESOURCE_ROOT + "responses/" + file;
        assertNotNull(getClass().getClassLoader().getResource(resource), resource);
        List<GorillaResponse> responses = GorillaResponse.read(resource,
                () -> getClass().getClassLoader().getResourceAsStream(resource));
        GorillaAstEvaluator evaluator = GorillaAstEvaluator.of(Hub.HUGGINGFACE,
                data.apiDatabase(Hub.HUGGINGFACE).records());
        GorillaReport r = evaluator.evaluate(responses, evalApiData);
        System.out.printf("%s: n=%d accuracy=%.2f hallucination=%.2f wrong=%.2f strict=%.2f%n", file, r.n(),
                100 * r.accuracy(), 100 * r.hallucinationRate(), 100 * r.wrongRate(), 100 * r.strictAccuracy());
        assertEquals(904, r.n());
        assertEquals(accuracy, 100 * r.accuracy(), 0.5, "accuracy");
        assertEquals(hallucination, 100 * r.hallucinationRate(), 0.5, "hallucination");
        assertEquals(wrong, 100 * r.wrongRate(), 0.5, "wrong");
    }
}
