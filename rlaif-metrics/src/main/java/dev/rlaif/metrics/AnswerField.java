package dev.rlaif.metrics;

import dev.rlaif.core.GorillaAnswer;
import dev.rlaif.core.Task;

/**
 * Which part of a Gorilla-format answer the text metrics compare. {@link #API_CALL} is the
 * default: it exists in both the full and the short (three-field) answer form, and it is what
 * Gorilla's evaluator reads. {@link #CODE} compares the example code, which only full answers have.
 */
public enum AnswerField {

    /** The {@code <<<api_call>>>} line, against the task's structured reference call. */
    API_CALL,

    /** The {@code <<<code>>>} block, against the reference answer's code. */
    CODE;

    /**
     * The compared text of a completion. A completion without any Gorilla marker is taken whole,
     * so bare code or a bare call can be scored too.
     */
    public String ofCompletion(String completion) {
        if (completion == null) {
            return "";
        }
        if (!GorillaAnswer.hasMarkers(completion)) {
            return completion.strip();
        }
        GorillaAnswer a = GorillaAnswer.parse(completion);
        return this == API_CALL ? a.apiCall() : a.code();
    }

    /** The compared text of the task's reference. */
    public String ofReference(Task task) {
        return this == API_CALL ? task.referenceApiCall() : task.reference().code();
    }
}
