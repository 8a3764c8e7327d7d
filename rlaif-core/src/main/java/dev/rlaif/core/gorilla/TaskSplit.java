package dev.rlaif.core.gorilla;

import dev.rlaif.core.Task;
import java.util.List;

/**
 * A train/eval split of tasks.
 *
 * @param train tasks to learn from
 * @param eval held-out tasks
 * @param description how the split was made (for reports and provenance)
 */
public record TaskSplit(List<Task> train, List<Task> eval, String description) {
    /** Copies the lists. */
    public TaskSplit {
        train = List.copyOf(train);
        eval = List.copyOf(eval);
    }
}
