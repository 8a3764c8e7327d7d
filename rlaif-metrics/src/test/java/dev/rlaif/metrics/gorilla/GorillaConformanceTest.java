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
 * README (a tree-sitter implementation of Gorilla's procedure), within the half point.
 *
 * <p>The 0-shot file, whose answers carry the {@code <<<api_call>>>} marker (865 of 904), scores
 * 69.36 / 10.95 / 19.69, the same verdict as tree-sitter on every response. The oracle file is
 * different: 532 of its 904 answers are prose without the marker, which Gorilla parses whole, so
 * its figures are decided by how tree-sitter's cost-based error recovery happens to cut prose into
 * nodes, and they move with the tree-sitter build. No build we could assemble reproduces the
 * README's 44.03 / 52.99 / 2.99 exactly: tree-sitter-python 0.21.0 with any core from 0.21 to 0.25
 * scores 43.47 / 53.76 / 2.77, the closest build (core 0.20.6, tree-sitter-python 0.20.0) scores
 * 44.25 / 53.10 / 2.65. This parser, whose recovery follows tree-sitter's main rules (see
 * QuietErrorStrategy), scores 44.14 / 53.21 / 2.65 and disagrees with tree-sitter-python 0.21 on
 * 42 of the 904 verdicts, in both directions.
 */
class GorillaConformanceTest {

    @ParameterizedTest
    @CsvSource({
        "response_huggingface_Gorilla_FT_0_shot.jsonl, 69.36, 10.95, 19.69, 0.5",
        "response_huggingface_Gorilla_FT_oracle.jsonl, 44.03, 52.99, 2.99, 0.5",
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
