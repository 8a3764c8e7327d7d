package dev.rlaif.metrics.gorilla;

/**
 * The AST evaluator's judgement of one response.
 *
 * @param verdict Gorilla's domain-level verdict
 * @param matchedIndex index of the first matching database entry (file order), or -1
 * @param strict true when the matched entry is the reference API itself (same {@code api_call} or
 *     same {@code api_name}); a stricter signal than the domain check, which any API of the same
 *     domain passes
 */
public record GorillaJudgement(GorillaVerdict verdict, int matchedIndex, boolean strict) {
}
