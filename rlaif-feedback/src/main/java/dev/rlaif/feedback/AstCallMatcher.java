package dev.rlaif.feedback;

import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Task;
import dev.rlaif.metrics.gorilla.GorillaAstEvaluator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics module's port of Gorilla's AST evaluator (tree-sitter-shaped parse, the hubs'
 * argument rules, file-order first match), so "the API exists" means exactly what APIBench's
 * hallucination rate counts.
 */
final class AstCallMatcher implements CallMatcher {

    private final Map<Hub, GorillaAstEvaluator> evaluators = new EnumMap<>(Hub.class);

    AstCallMatcher(Map<Hub, List<ApiDoc>> databases) {
        databases.forEach((hub, docs) -> evaluators.put(hub, GorillaAstEvaluator.of(hub, docs)));
    }

    @Override
    public int match(Task task, String completion) {
        GorillaAstEvaluator e = evaluators.get(task.hub());
        if (e == null) {
            throw new IllegalArgumentException("no API database was given for hub " + task.hub().id());
        }
        return e.judge(completion, task.api()).matchedIndex();
    }

    @Override
    public String name() {
        return "gorilla-ast";
    }
}
