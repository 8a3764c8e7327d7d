package dev.rlaif.core;

import java.util.ArrayList;
import java.util.List;

/**
 * AI feedback: judges a completion for a task against a rubric and returns a {@link Feedback}.
 *
 * <p>Implementations must be thread-safe; batched judging may call {@link #judge} concurrently.
 * A judge reply that cannot be read yields an invalid answer inside the feedback, not an exception;
 * exceptions are for failures that retrying cannot fix (bad configuration, closed provider).
 */
public interface FeedbackProvider extends AutoCloseable {

    /** Judges one completion. */
    Feedback judge(Task task, String completion);

    /**
     * Judges a batch; {@code tasks.get(i)} goes with {@code completions.get(i)}. The default judges
     * one after another; network judges override it to run requests concurrently.
     */
    default List<Feedback> judgeAll(List<Task> tasks, List<String> completions) {
        if (tasks.size() != completions.size()) {
            throw new IllegalArgumentException(
                    "tasks (" + tasks.size() + ") and completions (" + completions.size() + ") differ in size");
        }
        List<Feedback> out = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            out.add(judge(tasks.get(i), completions.get(i)));
        }
        return out;
    }

    /**
     * A stable identifier of this judge and its configuration (model, rubric, prompt template), used
     * in journal keys so that a change of configuration never reuses old judgements. Never includes
     * secrets.
     */
    String configId();

    /** Releases resources (HTTP clients, thread pools). The default does nothing. */
    @Override
    default void close() {
    }
}
