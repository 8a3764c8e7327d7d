package dev.rlaif.ppo;

import java.util.Map;

/** Running means of the minibatch diagnostics of one step's update, under TRL's names. */
final class UpdateStats {

    private int count;
    private int skipped;
    private double policyLoss;
    private double valueLoss;
    private double approxKl;
    private double clipFrac;
    private double valueClipFrac;
    private double ratio;
    private double ratioSq;
    double policyGradNorm;
    boolean earlyStopped;

    /** Adds one minibatch's diagnostics. */
    void add(double pLoss, double vLoss, double kl, double clip, double vClip, double meanRatio, boolean skip) {
        count++;
        skipped += skip ? 1 : 0;
        policyLoss += pLoss;
        valueLoss += vLoss;
        approxKl += kl;
        clipFrac += clip;
        valueClipFrac += vClip;
        ratio += meanRatio;
        ratioSq += meanRatio * meanRatio;
    }

    /** Writes the means into {@code stats}, with or without the value entries. */
    void putInto(Map<String, Double> stats, boolean withValue) {
        double n = Math.max(1, count);
        stats.put("policy/approxkl_avg", approxKl / n);
        stats.put("policy/clipfrac_avg", clipFrac / n);
        stats.put("loss/policy_avg", policyLoss / n);
        if (withValue) {
            stats.put("loss/value_avg", valueLoss / n);
            stats.put("val/clipfrac_avg", valueClipFrac / n);
        }
        stats.put("val/ratio", ratio / n);
        stats.put("val/ratio_var", Math.max(0, ratioSq / n - (ratio / n) * (ratio / n)));
        stats.put("policy/grad_norm_avg", policyGradNorm / Math.max(1, count - skipped));
        stats.put("policy/skipped_minibatches", (double) skipped);
        stats.put("policy/early_stopped", earlyStopped ? 1.0 : 0.0);
    }
}
