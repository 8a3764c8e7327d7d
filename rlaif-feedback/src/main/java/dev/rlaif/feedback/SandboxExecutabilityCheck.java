package dev.rlaif.feedback;

import dev.rlaif.core.Task;
import dev.rlaif.sandbox.ExecutabilityMetric;

/**
 * The sandbox's verdict through the JVM-wide {@link ExecutabilityMetric#shared()} sandbox: the
 * answer's code (or its call line with the imports it needs) is run with the offline API tables.
 */
final class SandboxExecutabilityCheck implements ExecutabilityCheck {

    private final ExecutabilityMetric metric = ExecutabilityMetric.shared();

    @Override
    public String verdict(Task task, String completion) {
        if (metric.snippet(completion).isBlank()) {
            return null;
        }
        return metric.score(task, completion).detail();
    }

    @Override
    public String name() {
        return "sandbox";
    }
}
