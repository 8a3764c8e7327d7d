package dev.rlaif.feedback;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One yes/no question of a {@link Rubric}.
 *
 * <p>The id is the stable key under which the answer is journaled and reported, and the key the
 * judge must use in a structured (JSON) reply, so it is restricted to {@code [a-z0-9_]}. The text
 * is what the judge reads; it must be answerable with "Yes" or "No", and "Yes" must mean "good".
 *
 * @param id stable identifier, e.g. {@code api_exists}
 * @param text the question as the judge reads it
 * @param weight the question's weight in the weighted-mean score, &gt;= 0
 */
public record RubricQuestion(String id, String text, double weight) {

    private static final Pattern ID = Pattern.compile("[a-z0-9_]{1,64}");

    /** Validates the fields. */
    public RubricQuestion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("question id '" + id + "' must match [a-z0-9_]{1,64}");
        }
        if (text.isBlank()) {
            throw new IllegalArgumentException("question '" + id + "' has no text");
        }
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("question '" + id + "' weight must be finite and >= 0, got " + weight);
        }
    }
}
