package dev.rlaif.reward;

import dev.rlaif.core.RewardModel;
import dev.rlaif.core.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A weighted sum of reward models: {@code r = Σ wᵢ · rᵢ(task, completion)}, e.g. a learned reward
 * plus a small executability bonus. Because {@link RewardModel} has one abstract method, a term can
 * be any lambda {@code (task, completion) -> double}: a length penalty, a format check, a metric.
 *
 * <pre>{@code
 * RewardModel r = CompositeReward.builder()
 *         .add(1.0, learned)
 *         .add(0.1, (task, c) -> executes(task, c) ? 1 : 0)
 *         .build();
 * }</pre>
 *
 * <p>Batched scoring calls each term's {@link RewardModel#scoreAll} once, so a learned term keeps
 * its batching. The composite owns its terms: {@link #close()} closes every one of them.
 */
public final class CompositeReward implements RewardModel {

    private final List<Double> weights;
    private final List<RewardModel> terms;

    private CompositeReward(List<Double> weights, List<RewardModel> terms) {
        this.weights = List.copyOf(weights);
        this.terms = List.copyOf(terms);
    }

    /** A builder with no terms. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects the weighted terms. */
    public static final class Builder {

        private final List<Double> weights = new ArrayList<>();
        private final List<RewardModel> terms = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a term.
         *
         * @param weight its weight, finite (0 is allowed, to switch a term off in an ablation)
         * @param term the reward model or function
         */
        public Builder add(double weight, RewardModel term) {
            if (!Double.isFinite(weight)) {
                throw new IllegalArgumentException("weight must be finite, got " + weight);
            }
            weights.add(weight);
            terms.add(Objects.requireNonNull(term, "term"));
            return this;
        }

        /** The composite. */
        public CompositeReward build() {
            if (terms.isEmpty()) {
                throw new IllegalStateException("a composite reward needs at least one term");
            }
            return new CompositeReward(weights, terms);
        }
    }

    @Override
    public double score(Task task, String completion) {
        double r = 0;
        for (int i = 0; i < terms.size(); i++) {
            r += weights.get(i) * terms.get(i).score(task, completion);
        }
        return r;
    }

    @Override
    public double[] scoreAll(List<Task> tasks, List<String> completions) {
        if (tasks.size() != completions.size()) {
            throw new IllegalArgumentException(
                    "tasks (" + tasks.size() + ") and completions (" + completions.size() + ") differ in size");
        }
        double[] out = new double[tasks.size()];
        for (int i = 0; i < terms.size(); i++) {
            double[] part = terms.get(i).scoreAll(tasks, completions);
            double w = weights.get(i);
            for (int j = 0; j < out.length; j++) {
                out[j] += w * part[j];
            }
        }
        return out;
    }

    /** Closes every term, in order; the first failure is rethrown after all were tried. */
    @Override
    public void close() {
        RuntimeException first = null;
        for (RewardModel t : terms) {
            try {
                t.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
