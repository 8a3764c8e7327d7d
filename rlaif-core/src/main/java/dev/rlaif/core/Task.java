package dev.rlaif.core;

import java.util.Objects;

/**
 * One APIBench question: an instruction and the reference answer that calls one API.
 *
 * <p>The reference fields come from the structured keys of the APIBench record ({@code api_call},
 * {@code provider}, {@code api_data}), never from the text inside {@code code}, which is less
 * reliable (see the data README). Only the explanation and the example code of the reference
 * answer, which exist nowhere else, are read from {@code code}.
 *
 * @param hub the API hub
 * @param split which side of the split this task is on
 * @param line 1-based line number in the source file (Gorilla's {@code question_id} convention)
 * @param instruction the user's request, trimmed
 * @param api the reference API's database record ({@code api_data})
 * @param reference the reference answer in Gorilla's format; its domain, call and provider are the
 *     structured fields
 */
public record Task(Hub hub, Split split, int line, String instruction, ApiDoc api, GorillaAnswer reference) {

    /** Validates the fields. */
    public Task {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(instruction, "instruction");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(reference, "reference");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, got " + line);
        }
    }

    /** A stable id, {@code hub:split:line}, used as a key in journals and reports. */
    public String id() {
        return hub.id() + ":" + split.id() + ":" + line;
    }

    /** The reference API call (equal to {@code api().apiCall()}). */
    public String referenceApiCall() {
        return api.apiCall();
    }

    /** The reference domain (the label Gorilla's scorer compares against). */
    public String domain() {
        return api.domain();
    }
}
