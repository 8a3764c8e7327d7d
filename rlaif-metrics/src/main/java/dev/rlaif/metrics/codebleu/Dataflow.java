package dev.rlaif.metrics.codebleu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** CodeBLEU's normalisation of data-flow edges: variables renamed var_0, var_1, ... by first use. */
final class Dataflow {

    private Dataflow() {
    }

    /**
     * One normalised edge; equal edges compare equal, which the matching relies on.
     *
     * @param variable the normalised variable
     * @param relation {@code comesFrom} or {@code computedFrom}
     * @param parents the normalised parents
     */
    record NormalizedEdge(String variable, String relation, List<String> parents) {
    }

    static List<NormalizedEdge> normalize(List<PythonDataflow.Edge> dfg) {
        Map<String, String> names = new HashMap<>();
        List<NormalizedEdge> out = new ArrayList<>();
        for (PythonDataflow.Edge e : dfg) {
            for (String p : e.parents()) {
                names.computeIfAbsent(p, k -> "var_" + names.size());
            }
            names.computeIfAbsent(e.code(), k -> "var_" + names.size());
            List<String> parents = new ArrayList<>();
            for (String p : e.parents()) {
                parents.add(names.get(p));
            }
            out.add(new NormalizedEdge(names.get(e.code()), e.relation(), List.copyOf(parents)));
        }
        return out;
    }
}
