package dev.rlaif.lm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Supervised fine-tuning settings. Defaults ({@link #defaults()}) suit a small GPT-2 on a few
 * thousand APIBench examples on a CPU.
 *
 * @param batchSize examples per micro-batch (default 16: fills the GEMMs of a d=256 model)
 * @param gradAccumSteps micro-batches per optimiser step (default 1); the loss is the mean over all
 *     answer tokens of the step, so accumulating equals one larger batch exactly
 * @param maxSteps optimiser steps in total (default 1000); also the length of the LR schedule
 * @param learningRate peak learning rate (default 3e-4, nanoGPT's fine-tuning scale for small models)
 * @param warmupSteps linear warm-up steps (default 50)
 * @param minLrRatio cosine floor as a fraction of the peak (default 0.1, as in Chinchilla/nanoGPT)
 * @param adam AdamW's other settings (default {@link AdamW.Settings#defaults()})
 * @param maxGradNorm global gradient-norm clip (default 1.0, the GPT-2/3 value)
 * @param maxSeqLen longest prompt+answer in tokens; longer examples lose prompt tokens first
 *     (default 0 = the model's {@code n_positions})
 * @param evalEvery optimiser steps between held-out evaluations (default 100; 0 = only at the end)
 * @param checkpointEvery optimiser steps between checkpoints (default 200; 0 = only at the end)
 * @param seed seeds the data order (default 0); there is no other randomness (no dropout), so a
 *     resumed run replays an uninterrupted one exactly
 */
public record SftConfig(int batchSize, int gradAccumSteps, int maxSteps, double learningRate, int warmupSteps,
        double minLrRatio, AdamW.Settings adam, double maxGradNorm, int maxSeqLen, int evalEvery,
        int checkpointEvery, long seed) {

    /** Validates. */
    public SftConfig {
        if (batchSize < 1 || gradAccumSteps < 1 || maxSteps < 1 || warmupSteps < 0 || maxSeqLen < 0
                || evalEvery < 0 || checkpointEvery < 0 || !(learningRate > 0) || !(maxGradNorm > 0)) {
            throw new IllegalArgumentException("bad SFT config: " + this);
        }
        Objects.requireNonNull(adam, "adam");
        new LrSchedule(learningRate, warmupSteps, maxSteps, minLrRatio);
    }

    /** The documented defaults. */
    public static SftConfig defaults() {
        return new SftConfig(16, 1, 1000, 3e-4, 50, 0.1, AdamW.Settings.defaults(), 1.0, 0, 100, 200, 0L);
    }

    /** Copy with another step budget. */
    public SftConfig withMaxSteps(int steps) {
        return new SftConfig(batchSize, gradAccumSteps, steps, learningRate, Math.min(warmupSteps, steps), minLrRatio,
                adam, maxGradNorm, maxSeqLen, evalEvery, checkpointEvery, seed);
    }

    /** Copy with another peak learning rate and warm-up. */
    public SftConfig withLearningRate(double lr, int warmup) {
        return new SftConfig(batchSize, gradAccumSteps, maxSteps, lr, warmup, minLrRatio, adam, maxGradNorm,
                maxSeqLen, evalEvery, checkpointEvery, seed);
    }

    /** Copy with another micro-batch size and accumulation. */
    public SftConfig withBatch(int size, int accum) {
        return new SftConfig(size, accum, maxSteps, learningRate, warmupSteps, minLrRatio, adam, maxGradNorm,
                maxSeqLen, evalEvery, checkpointEvery, seed);
    }

    /** Copy with other evaluation and checkpoint intervals. */
    public SftConfig withIntervals(int eval, int checkpoint) {
        return new SftConfig(batchSize, gradAccumSteps, maxSteps, learningRate, warmupSteps, minLrRatio, adam,
                maxGradNorm, maxSeqLen, eval, checkpoint, seed);
    }

    /** Copy with another seed. */
    public SftConfig withSeed(long s) {
        return new SftConfig(batchSize, gradAccumSteps, maxSteps, learningRate, warmupSteps, minLrRatio, adam,
                maxGradNorm, maxSeqLen, evalEvery, checkpointEvery, s);
    }

    /** The schedule these settings describe. */
    public LrSchedule schedule() {
        return new LrSchedule(learningRate, warmupSteps, maxSteps, minLrRatio);
    }

    /** A JSON-friendly view, for provenance and {@code trainer_state.json}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batch_size", batchSize);
        m.put("grad_accum_steps", gradAccumSteps);
        m.put("max_steps", maxSteps);
        m.put("learning_rate", learningRate);
        m.put("warmup_steps", warmupSteps);
        m.put("min_lr_ratio", minLrRatio);
        m.put("adam_beta1", adam.beta1());
        m.put("adam_beta2", adam.beta2());
        m.put("adam_eps", adam.eps());
        m.put("weight_decay", adam.weightDecay());
        m.put("max_grad_norm", maxGradNorm);
        m.put("max_seq_len", maxSeqLen);
        m.put("eval_every", evalEvery);
        m.put("checkpoint_every", checkpointEvery);
        m.put("seed", seed);
        return m;
    }
}
