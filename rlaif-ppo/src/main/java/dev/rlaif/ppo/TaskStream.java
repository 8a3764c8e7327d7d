package dev.rlaif.ppo;

import dev.rlaif.core.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * The endless stream of tasks a run draws from: pass {@code e} over the data visits every task once
 * in an order seeded by {@code (seed, e)}, and step {@code s} takes positions
 * {@code [s·k, (s+1)·k)} of the stream. The data cursor is thus a function of the step, so a
 * resumed run draws the same tasks an uninterrupted one would.
 */
final class TaskStream {

    private final List<Task> tasks;
    private final long seed;
    private final int perStep;

    TaskStream(List<Task> tasks, long seed, int perStep) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no tasks to train on");
        }
        this.tasks = List.copyOf(tasks);
        this.seed = seed;
        this.perStep = perStep;
    }

    /** Position in the stream of the first task of 0-based step {@code step}. */
    long cursor(int step) {
        return (long) step * perStep;
    }

    /** The tasks of 0-based step {@code step}. */
    List<Task> batch(int step) {
        int n = tasks.size();
        List<Task> out = new ArrayList<>(perStep);
        int[] order = null;
        long pass = -1;
        for (long i = cursor(step); i < cursor(step) + perStep; i++) {
            if (i / n != pass) {
                pass = i / n;
                order = Seeds.permutation(n, Seeds.rng(seed, Seeds.TASK_ORDER, pass));
            }
            out.add(tasks.get(order[(int) (i % n)]));
        }
        return out;
    }
}
