package dev.rlaif.core.gorilla;

/**
 * One line of Gorilla's question files ({@code questions_<hub>_0_shot.jsonl}).
 *
 * @param questionId the 1-based line number in the hub's {@code *_eval.json}
 * @param text the question text as Gorilla feeds it (leading space, literal {@code \n} at the end)
 * @param category Gorilla's category label (e.g. {@code generic})
 */
public record Question(int questionId, String text, String category) {
}
