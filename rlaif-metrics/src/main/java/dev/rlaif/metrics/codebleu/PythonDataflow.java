package dev.rlaif.metrics.codebleu;

import dev.rlaif.metrics.python.SyntaxNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The data-flow graph of Python code as GraphCodeBERT's {@code DFG_python} builds it for CodeBLEU:
 * each variable occurrence (a token) comes from the earlier occurrences that may define it, or is
 * computed from the tokens on the right of an assignment. Branches merge their definitions; loop
 * bodies are walked twice so that definitions flow back to the loop head.
 */
final class PythonDataflow {

    /**
     * One edge set of the graph.
     *
     * @param code the token's text
     * @param index the token's position among the leaves
     * @param relation {@code comesFrom} or {@code computedFrom}
     * @param parents the parent tokens' texts
     * @param parentIndexes the parent tokens' positions
     */
    record Edge(String code, int index, String relation, List<String> parents, List<Integer> parentIndexes) {
    }

    private final Map<SyntaxNode, Integer> tokenIndex = new IdentityHashMap<>();

    private PythonDataflow(SyntaxNode root) {
        List<SyntaxNode> leaves = new ArrayList<>();
        collectTokens(root, leaves);
        for (int i = 0; i < leaves.size(); i++) {
            tokenIndex.put(leaves.get(i), i);
        }
    }

    /** The merged, filtered graph of a parsed module, as CodeBLEU's {@code get_data_flow} returns it. */
    static List<Edge> of(SyntaxNode root) {
        PythonDataflow builder = new PythonDataflow(root);
        List<Edge> dfg;
        try {
            dfg = builder.walk(root, new HashMap<>()).edges;
        } catch (RuntimeException | StackOverflowError e) {
            dfg = List.of();
        }
        dfg = new ArrayList<>(dfg);
        dfg.sort(Comparator.comparingInt(Edge::index));
        Set<Integer> used = new HashSet<>();
        for (Edge d : dfg) {
            if (!d.parentIndexes.isEmpty()) {
                used.add(d.index);
            }
            used.addAll(d.parentIndexes);
        }
        Map<Integer, Edge> merged = new LinkedHashMap<>();
        for (Edge d : dfg) {
            if (!used.contains(d.index)) {
                continue;
            }
            Edge old = merged.get(d.index);
            if (old == null) {
                merged.put(d.index, d);
            } else {
                Set<String> p = new LinkedHashSet<>(old.parents);
                p.addAll(d.parents);
                Set<Integer> pi = new LinkedHashSet<>(old.parentIndexes);
                pi.addAll(d.parentIndexes);
                merged.put(d.index, new Edge(d.code, d.index, d.relation, List.copyOf(p), List.copyOf(pi)));
            }
        }
        return List.copyOf(merged.values());
    }

    private record Result(List<Edge> edges, Map<String, List<Integer>> states) {
    }

    private static boolean isToken(SyntaxNode n) {
        return (n.childCount() == 0 || "string".equals(n.type())) && !"comment".equals(n.type());
    }

    private static void collectTokens(SyntaxNode n, List<SyntaxNode> out) {
        if (isToken(n)) {
            out.add(n);
            return;
        }
        for (SyntaxNode c : n.children()) {
            collectTokens(c, out);
        }
    }

    /** The variable-like tokens under {@code n}: leaves whose type is not their own text. */
    private static void variables(SyntaxNode n, List<SyntaxNode> out) {
        if (n == null) {
            return;
        }
        if (isToken(n)) {
            if (!n.type().equals(n.text())) {
                out.add(n);
            }
            return;
        }
        for (SyntaxNode c : n.children()) {
            variables(c, out);
        }
    }

    private static Map<String, List<Integer>> copy(Map<String, List<Integer>> states) {
        Map<String, List<Integer>> out = new HashMap<>();
        states.forEach((k, v) -> out.put(k, new ArrayList<>(v)));
        return out;
    }

    private Result walk(SyntaxNode node, Map<String, List<Integer>> statesIn) {
        Map<String, List<Integer>> states = copy(statesIn);
        String type = node.type();
        if (isToken(node)) {
            Integer idx = tokenIndex.get(node);
            String code = node.text();
            if (idx == null || type.equals(code)) {
                return new Result(List.of(), states);
            }
            if (states.containsKey(code)) {
                return new Result(List.of(new Edge(code, idx, "comesFrom", List.of(code),
                        List.copyOf(states.get(code)))), states);
            }
            if ("identifier".equals(type)) {
                states.put(code, new ArrayList<>(List.of(idx)));
            }
            return new Result(List.of(new Edge(code, idx, "comesFrom", List.of(), List.of())), states);
        }
        switch (type) {
            case "default_parameter":
                return defaultParameter(node, states);
            case "assignment":
            case "augmented_assignment":
            case "for_in_clause":
                return assignment(node, states);
            case "if_statement":
                return ifStatement(node, states);
            case "for_statement":
                return forStatement(node, states);
            case "while_statement":
                return whileStatement(node, states);
            default:
                List<Edge> dfg = new ArrayList<>();
                for (SyntaxNode c : node.children()) {
                    if ("for_in_clause".equals(c.type())) {
                        Result r = walk(c, states);
                        dfg.addAll(r.edges);
                        states = r.states;
                    }
                }
                for (SyntaxNode c : node.children()) {
                    if (!"for_in_clause".equals(c.type())) {
                        Result r = walk(c, states);
                        dfg.addAll(r.edges);
                        states = r.states;
                    }
                }
                return new Result(sorted(dfg), states);
        }
    }

    private Result defaultParameter(SyntaxNode node, Map<String, List<Integer>> states) {
        SyntaxNode name = node.child(0);
        SyntaxNode value = node.childCount() > 2 ? node.child(2) : null;
        List<Edge> dfg = new ArrayList<>();
        List<SyntaxNode> names = new ArrayList<>();
        variables(name, names);
        if (value == null) {
            for (SyntaxNode n : names) {
                int idx = tokenIndex.get(n);
                dfg.add(new Edge(n.text(), idx, "comesFrom", List.of(), List.of()));
                states.put(n.text(), new ArrayList<>(List.of(idx)));
            }
            return new Result(sorted(dfg), states);
        }
        List<SyntaxNode> values = new ArrayList<>();
        variables(value, values);
        Result r = walk(value, states);
        dfg.addAll(r.edges);
        states = r.states;
        for (SyntaxNode n : names) {
            int idx1 = tokenIndex.get(n);
            for (SyntaxNode v : values) {
                dfg.add(new Edge(n.text(), idx1, "comesFrom", List.of(v.text()), List.of(tokenIndex.get(v))));
            }
            states.put(n.text(), new ArrayList<>(List.of(idx1)));
        }
        return new Result(sorted(dfg), states);
    }

    /** The child after the first anonymous token {@code token}, or null. */
    private static SyntaxNode after(SyntaxNode node, String token) {
        for (int i = 0; i + 1 < node.childCount(); i++) {
            if (!node.child(i).isNamed() && node.child(i).type().equals(token)) {
                return node.child(i + 1);
            }
        }
        return null;
    }

    private static List<SyntaxNode> split(SyntaxNode n) {
        List<SyntaxNode> out = new ArrayList<>();
        for (SyntaxNode c : n.children()) {
            if (!",".equals(c.type())) {
                out.add(c);
            }
        }
        return out;
    }

    private Result assignment(SyntaxNode node, Map<String, List<Integer>> states) {
        List<SyntaxNode> left;
        List<SyntaxNode> right;
        if ("for_in_clause".equals(node.type())) {
            SyntaxNode l = after(node, "for");
            if (l == null) {
                return new Result(List.of(), states);
            }
            right = List.of(node.child(node.childCount() - 1));
            left = List.of(l);
        } else {
            SyntaxNode l = node.child(0);
            SyntaxNode r = "augmented_assignment".equals(node.type())
                    ? (node.childCount() > 2 ? node.child(2) : null) : after(node, "=");
            if (r == null) {
                return new Result(List.of(), states);
            }
            left = split(l);
            right = split(r);
            if (right.size() != left.size()) {
                left = List.of(l);
                right = List.of(r);
            }
            if (left.isEmpty()) {
                left = List.of(l);
            }
            if (right.isEmpty()) {
                right = List.of(r);
            }
        }
        List<Edge> dfg = new ArrayList<>();
        for (SyntaxNode r : right) {
            Result res = walk(r, states);
            dfg.addAll(res.edges);
            states = res.states;
        }
        link(left, right, dfg, states);
        return new Result(sorted(dfg), states);
    }

    private void link(List<SyntaxNode> left, List<SyntaxNode> right, List<Edge> dfg,
            Map<String, List<Integer>> states) {
        for (int k = 0; k < Math.min(left.size(), right.size()); k++) {
            List<SyntaxNode> ls = new ArrayList<>();
            variables(left.get(k), ls);
            List<SyntaxNode> rs = new ArrayList<>();
            variables(right.get(k), rs);
            List<String> codes = new ArrayList<>();
            List<Integer> idxs = new ArrayList<>();
            for (SyntaxNode r : rs) {
                codes.add(r.text());
                idxs.add(tokenIndex.get(r));
            }
            for (SyntaxNode l : ls) {
                int idx = tokenIndex.get(l);
                dfg.add(new Edge(l.text(), idx, "computedFrom", List.copyOf(codes), List.copyOf(idxs)));
                states.put(l.text(), new ArrayList<>(List.of(idx)));
            }
        }
    }

    private Result ifStatement(SyntaxNode node, Map<String, List<Integer>> states) {
        List<Edge> dfg = new ArrayList<>();
        Map<String, List<Integer>> current = copy(states);
        List<Map<String, List<Integer>>> others = new ArrayList<>();
        boolean hasElse = false;
        for (SyntaxNode c : node.children()) {
            if (c.type().contains("else")) {
                hasElse = true;
            }
            if (!"elif_clause".equals(c.type()) && !"else_clause".equals(c.type())) {
                Result r = walk(c, current);
                dfg.addAll(r.edges);
                current = r.states;
            } else {
                Result r = walk(c, states);
                dfg.addAll(r.edges);
                others.add(r.states);
            }
        }
        others.add(current);
        if (!hasElse) {
            others.add(states);
        }
        Map<String, List<Integer>> merged = new HashMap<>();
        for (Map<String, List<Integer>> m : others) {
            m.forEach((k, v) -> merged.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        merged.replaceAll((k, v) -> new ArrayList<>(new TreeSet<>(v)));
        return new Result(sorted(dfg), merged);
    }

    private Result forStatement(SyntaxNode node, Map<String, List<Integer>> states) {
        SyntaxNode l = after(node, "for");
        SyntaxNode r = after(node, "in");
        List<Edge> dfg = new ArrayList<>();
        if (l == null || r == null) {
            return new Result(List.of(), states);
        }
        for (int pass = 0; pass < 2; pass++) {
            List<SyntaxNode> right = split(r);
            List<SyntaxNode> left = split(l);
            if (right.size() != left.size()) {
                left = List.of(l);
                right = List.of(r);
            }
            if (left.isEmpty()) {
                left = List.of(l);
            }
            if (right.isEmpty()) {
                right = List.of(r);
            }
            for (SyntaxNode n : right) {
                Result res = walk(n, states);
                dfg.addAll(res.edges);
                states = res.states;
            }
            link(left, right, dfg, states);
            SyntaxNode last = node.child(node.childCount() - 1);
            if ("block".equals(last.type())) {
                Result res = walk(last, states);
                dfg.addAll(res.edges);
                states = res.states;
            }
        }
        return new Result(mergeLoop(dfg), states);
    }

    private Result whileStatement(SyntaxNode node, Map<String, List<Integer>> states) {
        List<Edge> dfg = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (SyntaxNode c : node.children()) {
                Result res = walk(c, states);
                dfg.addAll(res.edges);
                states = res.states;
            }
        }
        return new Result(mergeLoop(dfg), states);
    }

    /** Merges the two passes of a loop: one edge per (token, relation), parents united. */
    private static List<Edge> mergeLoop(List<Edge> dfg) {
        Map<String, Edge> byKey = new LinkedHashMap<>();
        for (Edge e : dfg) {
            String key = e.code + "\u0000" + e.index + "\u0000" + e.relation;
            Edge old = byKey.get(key);
            if (old == null) {
                byKey.put(key, e);
            } else {
                Set<String> p = new LinkedHashSet<>(old.parents);
                p.addAll(e.parents);
                Set<Integer> pi = new TreeSet<>(old.parentIndexes);
                pi.addAll(e.parentIndexes);
                byKey.put(key, new Edge(e.code, e.index, e.relation, List.copyOf(p), List.copyOf(pi)));
            }
        }
        return sorted(new ArrayList<>(byKey.values()));
    }

    private static List<Edge> sorted(List<Edge> dfg) {
        List<Edge> out = new ArrayList<>(dfg);
        out.sort(Comparator.comparingInt(Edge::index));
        return out;
    }
}
