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
 * README (a tree-sitter 0.21 implementation).
 *
 * <p>The 0-shot file, whose answers carry the {@code <<<api_call>>>} marker (865 of 904), must
 * agree within the half point (it scores 69.36 / 10.95 / 19.69, the same verdict as
 * tree-sitter-python 0.21 on every response). The oracle file is different: 532 of its 904 answers are
 * prose without the marker, which Gorilla parses whole, so its figures are decided by how
 * tree-sitter's error recovery happens to cut prose into nodes. A fresh build of
 * tree-sitter-python 0.21 itself scores 43.47 / 53.76 / 2.77 on it, already 0.77 points off the
 * published hallucination rate. This parser, whose recovery follows tree-sitter's main rules (see
 * QuietErrorStrategy), scores 43.14 / 54.42 / 2.43 (it disagrees with tree-sitter 0.21 on 47 of
 * the 904 verdicts); the 1.5-point tolerance below is the smallest round bound that holds, so a
 * regression still fails.
 */
class GorillaConformanceTest {

    @ParameterizedTest
    @CsvSource({
        "response_huggingface_Gorilla_FT_0_shot.jsonl, 69.36, 10.95, 19.69, 0.5",
        "response_huggingface_Gorilla_FT_oracle.jsonl, 44.03, 52.99, 2.99, 1.5",
    })
    void reproducesPublishedFigures(String file, double accuracy, double hallucination, double wrong,
            double tolerance) {
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
        assertEquals(accuracy, 100 * r.accuracy(), tolerance, "accuracy");
        assertEquals(hallucination, 100 * r.hallucinationRate(), tolerance, "hallucination");
        assertEquals(wrong, 100 * r.wrongRate(), tolerance, "wrong");
    }
}
