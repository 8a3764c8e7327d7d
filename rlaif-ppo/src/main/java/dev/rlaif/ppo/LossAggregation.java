package dev.rlaif.ppo;

/**
 * How per-token policy losses become one number. The choice decides how answers of different
 * lengths weigh against each other.
 */
public enum LossAggregation {
    /**
     * The sum over every real token of the batch divided by their count: TRL's PPO
     * {@code masked_mean} and DAPO's token-level loss (TRL GRPO's {@code loss_type="dapo"}). A long
     * answer weighs in proportion to its length, and no answer's tokens are diluted by its length.
     */
    TOKEN_MEAN,
    /**
     * The mean over each answer's tokens, then over answers: the GRPO paper's loss (TRL's
     * {@code loss_type="grpo"}). Every answer weighs the same, which biases towards longer wrong
     * answers and shorter right ones (Liu et al. 2025, "Dr. GRPO").
     */
    SEQUENCE_MEAN
}
