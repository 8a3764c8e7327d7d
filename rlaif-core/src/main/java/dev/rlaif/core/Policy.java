package dev.rlaif.core;

import java.util.List;

/** A code-generating policy: it answers tasks in Gorilla's format. */
public interface Policy {

    /**
     * Generates {@code cfg.numSamples()} answers for each task. The result holds
     * {@code tasks.size() * numSamples} completions, grouped by task in input order: the samples of
     * task {@code i} are at {@code [i*numSamples, (i+1)*numSamples)}.
     */
    List<Completion> generate(List<Task> tasks, SamplingConfig cfg);
}
