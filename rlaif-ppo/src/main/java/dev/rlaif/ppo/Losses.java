package dev.rlaif.ppo;

import ai.djl.ndarray.NDArray;

/**
 * The clipped surrogate losses of PPO (Schulman et al. 2017) and their diagnostics, on
 * {@code [B, C]} arrays in {@link dev.rlaif.lm.TokenBatch}'s completion layout with a 0/1 mask.
 * Every array returned lives in the inputs' manager; the losses carry gradients through the new
 * log-probabilities and values.
 */
final class Losses {

    private Losses() {
    }

    /**
     * The policy term and its diagnostics.
     *
     * @param loss the scalar loss to minimise
     * @param clipFrac fraction of tokens where the clipped term was the active one
     * @param approxKl {@code ½·mean((log π − log π_old)²)}, TRL's {@code approxkl}
     * @param meanRatio mean of {@code π/π_old} over real tokens
     */
    record PolicyTerm(NDArray loss, NDArray clipFrac, NDArray approxKl, NDArray meanRatio) {
    }

    /**
     * The value term and its diagnostic.
     *
     * @param loss {@code ½·mean(max((V − R)², (V_clip − R)²))}
     * @param clipFrac fraction of tokens where the clipped value was the active one
     */
    record ValueTerm(NDArray loss, NDArray clipFrac) {
    }

    /**
     * PPO's clipped policy loss: per token {@code max(−A·ρ, −A·clip(ρ, 1−εlow, 1+εhigh))} with
     * {@code ρ = exp(log π − log π_old)}. With {@code delta > 0}, {@code ρ} is first capped at
     * {@code delta} in the unclipped term (two-sided GRPO clipping), bounding the loss when a
     * negative advantage meets a huge ratio.
     */
    static PolicyTerm clippedPolicy(NDArray logp, NDArray oldLogp, NDArray advantages, NDArray mask,
            double clipLow, double clipHigh, double delta, LossAggregation aggregation) {
        NDArray diff = logp.sub(oldLogp);
        NDArray ratio = diff.exp();
        NDArray unclippedRatio = delta > 0 ? ratio.clip(0f, (float) delta) : ratio;
        NDArray loss1 = advantages.neg().mul(unclippedRatio);
        NDArray loss2 = advantages.neg().mul(ratio.clip((float) (1 - clipLow), (float) (1 + clipHigh)));
        NDArray perToken = loss1.maximum(loss2);
        NDArray clipped = loss2.gt(loss1).toType(mask.getDataType(), false);
        return new PolicyTerm(aggregate(perToken, mask, aggregation), maskedMean(clipped, mask),
                maskedMean(diff.square().mul(0.5f), mask), maskedMean(ratio, mask));
    }

    /**
     * PPO's clipped value loss: the new value may move at most {@code clip} from the value the
     * rollout recorded, and the worse of the clipped and unclipped squared errors is taken.
     */
    static ValueTerm clippedValue(NDArray values, NDArray oldValues, NDArray returns, NDArray mask, double clip) {
        NDArray clippedValues = oldValues.add(values.sub(oldValues).clip((float) -clip, (float) clip));
        NDArray loss1 = values.sub(returns).square();
        NDArray loss2 = clippedValues.sub(returns).square();
        NDArray clipped = loss2.gt(loss1).toType(mask.getDataType(), false);
        return new ValueTerm(maskedMean(loss1.maximum(loss2).mul(0.5f), mask), maskedMean(clipped, mask));
    }

    /** Reduces per-token losses to a scalar as {@code aggregation} says. */
    static NDArray aggregate(NDArray perToken, NDArray mask, LossAggregation aggregation) {
        if (aggregation == LossAggregation.TOKEN_MEAN) {
            return maskedMean(perToken, mask);
        }
        NDArray perSequence = perToken.mul(mask).sum(new int[] {1}).div(mask.sum(new int[] {1}).maximum(1f));
        return perSequence.mean();
    }

    /** A scalar array's value as a double, whatever its float type. */
    static double scalar(NDArray a) {
        return a.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
    }

    /**
     * Mean over the cells where {@code mask} is 1 (0 when none is). Scalars enter as float32, since
     * PyTorch promotes a 0-d float32 tensor times a 0-d float64 one to float64.
     */
    static NDArray maskedMean(NDArray x, NDArray mask) {
        return x.mul(mask).sum().div(mask.sum().maximum(1f));
    }
}
