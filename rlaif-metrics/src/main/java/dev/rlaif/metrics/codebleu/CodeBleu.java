package dev.rlaif.metrics.codebleu;

import dev.rlaif.metrics.python.PythonSyntax;
import dev.rlaif.metrics.python.SyntaxNode;
import dev.rlaif.metrics.text.Bleu;
import dev.rlaif.metrics.text.Tokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CodeBLEU (Ren et al. 2020) for Python, matching the {@code codebleu} package (0.7.x):
 *
 * <pre>
 * CodeBLEU = alpha * BLEU + beta * weighted BLEU + gamma * syntax match + theta * (dataflow match or 1)
 * </pre>
 *
 * <ul>
 *   <li><b>ngram</b>: corpus BLEU-4 with epsilon smoothing ({@link Bleu.Smoothing#EPSILON}).</li>
 *   <li><b>weighted_ngram</b>: BLEU-4 over n-gram <em>recall</em> against each reference, where
 *       the unigrams are weighted 1 for the 38 Python keywords and 0.2 otherwise. As in the
 *       reference, each reference counts as length 2 in its brevity penalty (it measures the
 *       (tokens, weights) pair), so the penalty only bites for hypotheses of one token.</li>
 *   <li><b>syntax</b>: the share of the reference's sub-trees (named-node s-expressions of each
 *       node with children) found among the prediction's, on tree-sitter-shaped trees.</li>
 *   <li><b>dataflow</b>: the share of the reference's data-flow edges, with variable names
 *       normalised, found in the prediction's; a score of 0 counts as 1 in the sum, exactly like
 *       the reference's {@code dataflow_match_score or 1}, which is why unrelated text whose
 *       reference has no data flow scores 0.25.</li>
 * </ul>
 *
 * <p>Inputs are stripped first; the default tokenizer is whitespace split. Comments and
 * docstrings are removed before the syntax and data-flow components. Pure and thread-safe.
 */
public final class CodeBleu {

    /** The 38 Python keywords weighted 1: {@code keyword.kwlist} plus the soft keywords match, case, type. */
    public static final Set<String> KEYWORDS = Set.of(
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
            "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
            "match", "case", "type");

    /**
     * The component weights; the paper's and the package's default is 0.25 each.
     *
     * @param ngram weight of BLEU
     * @param weightedNgram weight of keyword-weighted BLEU
     * @param syntax weight of the syntax match
     * @param dataflow weight of the data-flow match
     */
    public record Weights(double ngram, double weightedNgram, double syntax, double dataflow) {

        /** The default, 0.25 each. */
        public static final Weights DEFAULT = new Weights(0.25, 0.25, 0.25, 0.25);
    }

    /**
     * A CodeBLEU score with its components, each in [0,1].
     *
     * @param codebleu the weighted sum
     * @param ngram BLEU-4
     * @param weightedNgram keyword-weighted BLEU-4
     * @param syntax syntax (sub-tree) match
     * @param dataflow data-flow match as computed, before the reference's 0-counts-as-1 rule
     */
    public record Score(double codebleu, double ngram, double weightedNgram, double syntax, double dataflow) {
    }

    private final Weights weights;
    private final Tokenizer tokenizer;

    /** CodeBLEU with the given weights and tokenizer for the two n-gram components. */
    public CodeBleu(Weights weights, Tokenizer tokenizer) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    }

    /** CodeBLEU with the reference's defaults: weights 0.25 each, whitespace tokenizer. */
    public CodeBleu() {
        this(Weights.DEFAULT, Tokenizer.WHITESPACE);
    }

    /** Scores one prediction against one reference. */
    public Score score(String reference, String prediction) {
        return corpus(List.of(List.of(reference)), List.of(prediction));
    }

    /** Scores one prediction against several references. */
    public Score score(List<String> references, String prediction) {
        return corpus(List.of(references), List.of(prediction));
    }

    /**
     * Corpus CodeBLEU: every component aggregates its counts over the whole corpus before
     * dividing, as the reference does.
     *
     * @param references for each prediction, its references (at least one)
     * @param predictions the predictions
     */
    public Score corpus(List<List<String>> references, List<String> predictions) {
        if (references.size() != predictions.size()) {
            throw new IllegalArgumentException("references (" + references.size() + ") and predictions ("
                    + predictions.size() + ") differ in size");
        }
        List<List<String>> hyps = new ArrayList<>();
        List<List<List<String>>> refs = new ArrayList<>();
        long[] syntax = new long[2];
        long[] flow = new long[2];
        Map<String, Analysis> cache = new HashMap<>();
        for (int i = 0; i < predictions.size(); i++) {
            String prediction = strip(predictions.get(i));
            hyps.add(tokenizer.tokenize(prediction));
            List<List<String>> tokenized = new ArrayList<>();
            Analysis cand = cache.computeIfAbsent(prediction, Analysis::of);
            for (String r : references.get(i)) {
                String reference = strip(r);
                tokenized.add(tokenizer.tokenize(reference));
                Analysis ref = cache.computeIfAbsent(reference, Analysis::of);
                for (String s : ref.subtrees) {
                    if (cand.subtreeSet.contains(s)) {
                        syntax[0]++;
                    }
                }
                syntax[1] += ref.subtrees.size();
                if (!ref.flow.isEmpty()) {
                    List<Object> pool = new ArrayList<>(cand.flow);
                    for (Object edge : ref.flow) {
                        if (pool.remove(edge)) {
                            flow[0]++;
                        }
                    }
                    flow[1] += ref.flow.size();
                }
            }
            refs.add(tokenized);
        }
        double ngram = new Bleu(Bleu.Smoothing.EPSILON).corpus(refs, hyps);
        double weighted = WeightedNgram.corpus(refs, hyps, KEYWORDS);
        double syntaxScore = syntax[1] == 0 ? 0 : (double) syntax[0] / syntax[1];
        double flowScore = flow[1] == 0 ? 0 : (double) flow[0] / flow[1];
        double total = weights.ngram() * ngram + weights.weightedNgram() * weighted + weights.syntax() * syntaxScore
                + weights.dataflow() * (flowScore == 0 ? 1 : flowScore);
        return new Score(total, ngram, weighted, syntaxScore, flowScore);
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    /** What the syntax and data-flow components need of one code string, computed once per string. */
    private record Analysis(List<String> subtrees, Set<String> subtreeSet, List<Object> flow) {

        static Analysis of(String code) {
            SyntaxNode tree = PythonSyntax.parse(Comments.strip(code));
            List<String> subtrees = new ArrayList<>();
            List<SyntaxNode> stack = new ArrayList<>();
            stack.add(tree);
            while (!stack.isEmpty()) {
                SyntaxNode n = stack.remove(stack.size() - 1);
                subtrees.add(n.sexp());
                for (SyntaxNode c : n.children()) {
                    if (c.childCount() > 0) {
                        stack.add(c);
                    }
                }
            }
            List<Object> flow = new ArrayList<>(Dataflow.normalize(PythonDataflow.of(tree)));
            return new Analysis(subtrees, Set.copyOf(subtrees), flow);
        }
    }
}
