package dev.rlaif.ppo;

import dev.rlaif.core.SamplingConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every policy-optimisation run shares, whichever the algorithm: its length, batch, optimiser,
 * sampling, seed and output. PPO, GRPO and RLOO take the same {@code RunConfig}, so an experiment
 * can compare them on equal terms by changing nothing else.
 *
 * @param steps optimisation steps (rollout + update rounds) in the whole run; default 100, a few
 *     passes over TorchHub's 837 training tasks at the default batch, which fits a CPU budget
 * @param promptsPerStep tasks drawn per step (TRL's {@code per_device_train_batch_size}); default
 *     16. PPO samples one answer per task, GRPO and RLOO a group each
 * @param miniBatchSize completions per gradient step; default 8, so each pass over a PPO step's
 *     batch takes 2 optimiser steps (TRL's {@code num_mini_batches}, expressed as a size). When it
 *     does not divide the step's completions, the last minibatch of a pass is smaller; when it
 *     exceeds them, a pass is one minibatch. Also the row count of the no-gradient scoring passes
 * @param learningRate AdamW's peak learning rate; default 1e-5, between TRL's 3e-6 for
 *     billion-parameter policies and the 1e-4 range that models of a few million parameters tolerate
 * @param warmupSteps optimiser steps of linear warm-up before the constant rate; default 0, since
 *     the policy starts from a trained (SFT) checkpoint, not from scratch
 * @param weightDecay AdamW's decoupled weight decay on matrices; default 0, as TRL's PPO (the KL
 *     penalty already anchors the policy)
 * @param maxGradNorm the global L2 norm the gradients of each model are clipped to before a step
 *     (TRL's {@code max_grad_norm}); default 1.0
 * @param sampling how rollouts are sampled; default 64 new tokens at temperature 1. Temperature 1
 *     keeps the sampling distribution equal to the one optimised, so importance ratios start at 1;
 *     another temperature is honoured by scoring at that temperature too. Its {@code numSamples}
 *     and {@code seed} are ignored: the algorithm sets the first, {@link #seed} the second
 * @param seed the one seed every random choice of the run derives from (task order, sampling,
 *     minibatch order, new value head); default 0
 * @param outputDir where checkpoints ({@code checkpoint/}) and the stats log ({@code stats.jsonl})
 *     go, and where a killed run resumes from; default {@code null}: nothing is written and every
 *     run starts afresh
 * @param saveSteps a checkpoint every this many steps (and always after the last); default 25,
 *     which loses at most a few minutes of a CPU run while keeping checkpoint I/O small
 */
public record RunConfig(int steps, int promptsPerStep, int miniBatchSize, double learningRate, int warmupSteps,
        double weightDecay, double maxGradNorm, SamplingConfig sampling, long seed, Path outputDir, int saveSteps) {

    /** Validates the fields. */
    public RunConfig {
        require(steps >= 1, "steps must be >= 1, got " + steps);
        require(promptsPerStep >= 1, "promptsPerStep must be >= 1, got " + promptsPerStep);
        require(miniBatchSize >= 1, "miniBatchSize must be >= 1, got " + miniBatchSize);
        require(learningRate > 0, "learningRate must be > 0, got " + learningRate);
        require(warmupSteps >= 0, "warmupSteps must be >= 0, got " + warmupSteps);
        require(weightDecay >= 0, "weightDecay must be >= 0, got " + weightDecay);
        require(maxGradNorm > 0, "maxGradNorm must be > 0, got " + maxGradNorm);
        require(saveSteps >= 1, "saveSteps must be >= 1, got " + saveSteps);
        java.util.Objects.requireNonNull(sampling, "sampling");
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        return new Builder().steps(steps).promptsPerStep(promptsPerStep).miniBatchSize(miniBatchSize)
                .learningRate(learningRate).warmupSteps(warmupSteps).weightDecay(weightDecay)
                .maxGradNorm(maxGradNorm).sampling(sampling).seed(seed).outputDir(outputDir).saveSteps(saveSteps);
    }

    /** The fields as a JSON-friendly map, for provenance and checkpoints. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", steps);
        m.put("prompts_per_step", promptsPerStep);
        m.put("mini_batch_size", miniBatchSize);
        m.put("learning_rate", learningRate);
        m.put("warmup_steps", warmupSteps);
        m.put("weight_decay", weightDecay);
        m.put("max_grad_norm", maxGradNorm);
        m.put("max_new_tokens", sampling.maxNewTokens());
        m.put("temperature", sampling.temperature());
        m.put("top_k", sampling.topK());
        m.put("top_p", sampling.topP());
        m.put("seed", seed);
        m.put("save_steps", saveSteps);
        return m;
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Mutable builder; see the record's components for meanings and defaults. */
    public static final class Builder {
        private int steps = 100;
        private int promptsPerStep = 16;
        private int miniBatchSize = 8;
        private double learningRate = 1e-5;
        private int warmupSteps;
        private double weightDecay;
        private double maxGradNorm = 1.0;
        private SamplingConfig sampling = new SamplingConfig(64, 1.0, 0, 1.0, 1, 0L);
        private long seed;
        private Path outputDir;
        private int saveSteps = 25;

        private Builder() {
        }

        /** Sets {@link RunConfig#steps()}. */
        public Builder steps(int v) {
            steps = v;
            return this;
        }

        /** Sets {@link RunConfig#promptsPerStep()}. */
        public Builder promptsPerStep(int v) {
            promptsPerStep = v;
            return this;
        }

        /** Sets {@link RunConfig#miniBatchSize()}. */
        public Builder miniBatchSize(int v) {
            miniBatchSize = v;
            return this;
        }

        /** Sets {@link RunConfig#learningRate()}. */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Sets {@link RunConfig#warmupSteps()}. */
        public Builder warmupSteps(int v) {
            warmupSteps = v;
            return this;
        }

        /** Sets {@link RunConfig#weightDecay()}. */
        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** Sets {@link RunConfig#maxGradNorm()}. */
        public Builder maxGradNorm(double v) {
            maxGradNorm = v;
            return this;
        }

        /** Sets {@link RunConfig#sampling()}. */
        public Builder sampling(SamplingConfig v) {
            sampling = v;
            return this;
        }

        /** Sets {@link RunConfig#seed()}. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Sets {@link RunConfig#outputDir()}. */
        public Builder outputDir(Path v) {
            outputDir = v;
            return this;
        }

        /** Sets {@link RunConfig#saveSteps()}. */
        public Builder saveSteps(int v) {
            saveSteps = v;
            return this;
        }

        /** The validated config. */
        public RunConfig build() {
            return new RunConfig(steps, promptsPerStep, miniBatchSize, learningRate, warmupSteps, weightDecay,
                    maxGradNorm, sampling, seed, outputDir, saveSteps);
        }
    }
}
