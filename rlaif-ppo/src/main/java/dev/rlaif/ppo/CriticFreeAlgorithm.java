package dev.rlaif.ppo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.rlaif.lm.AdamW;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.LrSchedule;
import dev.rlaif.lm.ScoredTokens;
import dev.rlaif.lm.TokenBatch;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The update shared by GRPO and RLOO: a group of answers per task, one advantage per answer from
 * the group's rewards (no critic), broadcast to the answer's tokens, and the clipped policy loss,
 * optionally with a KL-to-reference term in the loss.
 */
final class CriticFreeAlgorithm implements Algorithm {

    /**
     * What differs between GRPO and RLOO.
     *
     * @param name the stage name
     * @param config the public config, as a map
     * @param run the run config
     * @param group answers per task
     * @param iterations passes over each step's rollouts
     * @param clipLow lower ratio clip ε
     * @param clipHigh upper ratio clip
     * @param delta cap on the unclipped ratio, or 0
     * @param lossBeta weight of the KL term in the loss (GRPO), or 0
     * @param rewardBeta weight of the sequence KL subtracted from the reward (RLOO), or 0
     * @param klEstimator the estimator of the KL term, wherever it goes
     * @param aggregation the loss aggregation
     * @param rule how rewards become advantages
     * @param scoreClip score clip, or 0
     * @param missingEosPenalty the missing-EOS penalty
     */
    record Spec(String name, Map<String, Object> config, RunConfig run, int group, int iterations, double clipLow,
            double clipHigh, double delta, double lossBeta, double rewardBeta, KlEstimator klEstimator,
            LossAggregation aggregation, AdvantageRule rule, double scoreClip, double missingEosPenalty) {
    }

    /** How a step's sequence rewards become advantages. */
    interface AdvantageRule {
        /** Advantages of rewards grouped in consecutive runs of {@code group}. */
        double[] advantages(double[] rewards, int group);
    }

    private final Spec spec;
    private final Gpt2Model policy;
    private final int padId;
    private final AdamW opt;
    private final LrSchedule schedule;

    CriticFreeAlgorithm(Spec spec, Gpt2Model policy, int padId) {
        this.spec = spec;
        this.policy = policy;
        this.padId = padId;
        this.opt = new AdamW(policy, Optimizers.settings(spec.run()));
        this.schedule = Optimizers.schedule(spec.run());
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public Map<String, Object> config() {
        return spec.config();
    }

    @Override
    public int samplesPerTask() {
        return spec.group();
    }

    @Override
    public Map<String, Gpt2Model> extraModels() {
        return Map.of();
    }

    @Override
    public Map<String, AdamW> optimizers() {
        return Map.of("policy", opt);
    }

    @Override
    public Map<String, Double> scalars() {
        return Map.of();
    }

    @Override
    public void restore(Map<String, Double> scalars) {
        // The coefficients are fixed by the config; there is no scalar state to restore.
    }

    @Override
    public Map<String, Double> update(Rollout r, int step) {
        int n = r.size();
        double[][] klTokens = r.kl(spec.klEstimator());
        double[] scores = r.shapedScores(spec.scoreClip(), spec.missingEosPenalty());
        double[] rewards = new double[n];
        for (int i = 0; i < n; i++) {
            double seqKl = Arrays.stream(klTokens[i]).sum();
            rewards[i] = scores[i] - spec.rewardBeta() * seqKl;
        }
        double[] seqAdvantages = spec.rule().advantages(rewards, spec.group());
        double[][] advantages = new double[n][];
        for (int i = 0; i < n; i++) {
            advantages[i] = new double[r.completions[i].length];
            Arrays.fill(advantages[i], seqAdvantages[i]);
        }
        UpdateStats us = new UpdateStats();
        int mb = Math.min(spec.run().miniBatchSize(), n);
        SplittableRandom rng = Seeds.rng(spec.run().seed(), Seeds.MINIBATCHES, step);
        for (int it = 0; it < spec.iterations(); it++) {
            int[] perm = Seeds.permutation(n, rng);
            for (int start = 0; start < n; start += mb) {
                minibatch(r, Arrays.copyOfRange(perm, start, Math.min(n, start + mb)), advantages, us);
            }
        }
        double meanKl = Rollout.meanOfSums(klTokens);
        double meanScore = Rollout.mean(scores);
        double beta = spec.lossBeta() + spec.rewardBeta();
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("objective/kl", meanKl);
        s.put("objective/entropy", Rollout.meanOfSums(r.entropy));
        s.put("objective/non_score_reward", -beta * meanKl);
        s.put("objective/rlhf_reward", meanScore - beta * meanKl);
        s.put("objective/scores", meanScore);
        s.put("objective/scores_std", std(scores));
        s.put("objective/kl_coef", beta);
        us.putInto(s, false);
        s.put("val/num_eos_tokens", (double) r.eosCount());
        s.put("completions/mean_length", r.meanLength());
        s.put("lr", schedule.at((int) opt.steps()));
        return s;
    }

    private void minibatch(Rollout r, int[] rows, double[][] advantages, UpdateStats us) {
        TokenBatch batch = r.batch(rows, padId);
        int width = batch.completionWidth();
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector();
                NDManager ps = policy.newStepManager()) {
            ScoredTokens pol = policy.score(ps, batch, spec.run().sampling().temperature(), false);
            NDArray mask = pol.mask();
            Losses.PolicyTerm pt = Losses.clippedPolicy(pol.logprobs(), Rollout.padded(ps, r.logprobs, rows, width),
                    Rollout.padded(ps, advantages, rows, width), mask, spec.clipLow(), spec.clipHigh(), spec.delta(),
                    spec.aggregation());
            NDArray loss = pt.loss();
            if (spec.lossBeta() > 0) {
                NDArray klTerm = spec.klEstimator().estimate(pol.logprobs(), Rollout.padded(ps, r.refLogprobs, rows, width));
                loss = loss.add(Losses.aggregate(klTerm.mul((float) spec.lossBeta()), mask, spec.aggregation()));
            }
            us.add(Losses.scalar(pt.loss()), 0, Losses.scalar(pt.approxKl()), Losses.scalar(pt.clipFrac()), 0,
                    Losses.scalar(pt.meanRatio()), false);
            gc.backward(loss);
        }
        us.policyGradNorm += opt.clipGradNorm(spec.run().maxGradNorm());
        opt.step(schedule.at((int) opt.steps()));
    }

    private static double std(double[] a) {
        double m = Rollout.mean(a);
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return a.length > 1 ? Math.sqrt(s / (a.length - 1)) : 0;
    }

    @Override
    public void close() {
        opt.close();
    }
}
