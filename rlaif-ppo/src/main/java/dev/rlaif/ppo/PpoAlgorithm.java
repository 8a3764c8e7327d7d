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
import dev.rlaif.lm.TokenLogprobs;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One PPO step: per-token rewards with the KL penalty and the score on the last real token, GAE
 * with the critic's values, whitening, then {@code ppoEpochs} passes of clipped policy and value
 * updates over shuffled minibatches.
 */
final class PpoAlgorithm implements Algorithm {

    /** Scalar-state key of the KL coefficient. */
    static final String KL_COEF = "kl_coef";

    private final PpoConfig cfg;
    private final Gpt2Model policy;
    private final Gpt2Model value;
    private final int padId;
    private final AdamW policyOpt;
    private final AdamW valueOpt;
    private final LrSchedule schedule;
    private final KlController kl;

    /**
     * @param value the critic, owned (and closed) by this algorithm
     */
    PpoAlgorithm(PpoConfig cfg, Gpt2Model policy, Gpt2Model value, int padId) {
        this.cfg = cfg;
        this.policy = policy;
        this.value = value;
        this.padId = padId;
        RunConfig run = cfg.run();
        AdamW.Settings settings = Optimizers.settings(run);
        this.policyOpt = new AdamW(policy, settings);
        this.valueOpt = new AdamW(value, settings);
        this.schedule = Optimizers.schedule(run);
        this.kl = new KlController(cfg.klCoef(), cfg.adaptiveKl(), cfg.klTarget(), cfg.klHorizon());
    }

    @Override
    public String name() {
        return "ppo";
    }

    @Override
    public Map<String, Object> config() {
        return cfg.toMap();
    }

    @Override
    public int samplesPerTask() {
        return 1;
    }

    @Override
    public Map<String, Gpt2Model> extraModels() {
        return Map.of("value", value);
    }

    @Override
    public Map<String, AdamW> optimizers() {
        Map<String, AdamW> m = new LinkedHashMap<>();
        m.put("policy", policyOpt);
        m.put("value", valueOpt);
        return m;
    }

    @Override
    public Map<String, Double> scalars() {
        return Map.of(KL_COEF, kl.value());
    }

    @Override
    public void restore(Map<String, Double> scalars) {
        kl.restore(scalars.get(KL_COEF));
    }

    /** The current KL coefficient. */
    double klCoef() {
        return kl.value();
    }

    @Override
    public Map<String, Double> update(Rollout r, int step) {
        int n = r.size();
        double beta = kl.value();
        double[][] values = values(r);
        double[][] klTokens = r.kl(cfg.klEstimator());
        double[] scores = r.shapedScores(cfg.scoreClip(), cfg.missingEosPenalty());
        double[][] rewards = tokenRewards(klTokens, scores, beta);
        if (cfg.whitenRewards()) {
            Advantages.whiten(rewards, false);
        }
        double[][] advantages = new double[n][];
        double[][] returns = new double[n][];
        for (int i = 0; i < n; i++) {
            advantages[i] = Advantages.gae(rewards[i], values[i], cfg.gamma(), cfg.lambda());
            returns[i] = new double[advantages[i].length];
            for (int t = 0; t < returns[i].length; t++) {
                returns[i][t] = advantages[i][t] + values[i][t];
            }
        }
        if (cfg.whitenAdvantages()) {
            Advantages.whiten(advantages, true);
        }
        UpdateStats us = new UpdateStats();
        int mb = Math.min(cfg.run().miniBatchSize(), n);
        SplittableRandom rng = Seeds.rng(cfg.run().seed(), Seeds.MINIBATCHES, step);
        epochs:
        for (int epoch = 0; epoch < cfg.ppoEpochs(); epoch++) {
            int[] perm = Seeds.permutation(n, rng);
            for (int start = 0; start < n; start += mb) {
                int[] rows = Arrays.copyOfRange(perm, start, Math.min(n, start + mb));
                double approxKl = minibatch(r, rows, advantages, returns, values, us);
                if (cfg.earlyStopKl() > 0 && approxKl > 1.5 * cfg.earlyStopKl()) {
                    us.earlyStopped = true;
                    break epochs;
                }
            }
        }
        double meanKl = Rollout.meanOfSums(klTokens);
        double meanScore = Rollout.mean(scores);
        double nonScore = -beta * meanKl;
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("objective/kl", meanKl);
        s.put("objective/entropy", Rollout.meanOfSums(r.entropy));
        s.put("objective/non_score_reward", nonScore);
        s.put("objective/rlhf_reward", meanScore + nonScore);
        s.put("objective/scores", meanScore);
        s.put("objective/kl_coef", beta);
        us.putInto(s, true);
        s.put("val/num_eos_tokens", (double) r.eosCount());
        s.put("completions/mean_length", r.meanLength());
        s.put("lr", schedule.at((int) policyOpt.steps()));
        kl.update(meanKl, n);
        return s;
    }

    /**
     * Per-token rewards of a batch: {@code −β·KL_t} at every token, plus the (already shaped) score
     * on the completion's last token, which is its EOS when it has one and otherwise the last token
     * sampled before the length limit. TRL's {@code PPOTrainer} adds the score at
     * {@code sequence_length + 1}, one past the last real token, whenever that index exists (a
     * padding cell); rows here are ragged, without padding, so no such slip is possible.
     */
    static double[][] tokenRewards(double[][] klTokens, double[] scores, double beta) {
        double[][] out = new double[klTokens.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[klTokens[i].length];
            for (int t = 0; t < out[i].length; t++) {
                out[i][t] = -beta * klTokens[i][t];
            }
            out[i][out[i].length - 1] += scores[i];
        }
        return out;
    }

    /** The critic's values of the rollout's states, without gradients. */
    private double[][] values(Rollout r) {
        int n = r.size();
        double[][] out = new double[n][];
        int chunk = cfg.run().miniBatchSize();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        for (int start = 0; start < n; start += chunk) {
            int[] rows = Arrays.copyOfRange(all, start, Math.min(n, start + chunk));
            TokenLogprobs v = value.scoreNoGrad(r.batch(rows, padId), cfg.run().sampling().temperature());
            for (int i = 0; i < rows.length; i++) {
                float[] f = v.values()[i];
                out[rows[i]] = new double[f.length];
                for (int t = 0; t < f.length; t++) {
                    out[rows[i]][t] = f[t];
                }
            }
        }
        return out;
    }

    /** One minibatch's forward, losses, backward and optimiser steps; returns its approximate KL. */
    private double minibatch(Rollout r, int[] rows, double[][] advantages, double[][] returns, double[][] oldValues,
            UpdateStats us) {
        TokenBatch batch = r.batch(rows, padId);
        int width = batch.completionWidth();
        double temperature = cfg.run().sampling().temperature();
        double approxKl;
        boolean skip;
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector();
                NDManager ps = policy.newStepManager();
                NDManager vs = value.newStepManager()) {
            ScoredTokens pol = policy.score(ps, batch, temperature, cfg.entropyCoef() > 0);
            NDArray mask = pol.mask();
            Losses.PolicyTerm pt = Losses.clippedPolicy(pol.logprobs(), Rollout.padded(ps, r.logprobs, rows, width),
                    Rollout.padded(ps, advantages, rows, width), mask, cfg.clipRange(), cfg.clipRange(), 0,
                    LossAggregation.TOKEN_MEAN);
            ScoredTokens val = value.score(vs, batch, temperature, false);
            Losses.ValueTerm vt = Losses.clippedValue(val.values(), Rollout.padded(vs, oldValues, rows, width),
                    Rollout.padded(vs, returns, rows, width), val.mask(), cfg.clipRangeValue());
            double ratio = Losses.scalar(pt.meanRatio());
            approxKl = Losses.scalar(pt.approxKl());
            skip = !(ratio <= cfg.ratioThreshold());
            us.add(Losses.scalar(pt.loss()), Losses.scalar(vt.loss()), approxKl, Losses.scalar(pt.clipFrac()),
                    Losses.scalar(vt.clipFrac()), ratio, skip);
            if (!skip) {
                NDArray loss = pt.loss();
                if (cfg.entropyCoef() > 0) {
                    loss = loss.sub(Losses.maskedMean(pol.entropy().mul((float) cfg.entropyCoef()), mask));
                }
                gc.backward(loss);
                gc.backward(vt.loss().mul((float) cfg.vfCoef()));
            }
        }
        if (!skip) {
            us.policyGradNorm += policyOpt.clipGradNorm(cfg.run().maxGradNorm());
            policyOpt.step(schedule.at((int) policyOpt.steps()));
            valueOpt.clipGradNorm(cfg.run().maxGradNorm());
            valueOpt.step(schedule.at((int) valueOpt.steps()));
        }
        return approxKl;
    }

    @Override
    public void close() {
        policyOpt.close();
        valueOpt.close();
        value.close();
    }
}
