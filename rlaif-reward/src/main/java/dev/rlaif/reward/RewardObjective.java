package dev.rlaif.reward;

import java.util.Locale;

/** What the reward model is trained to fit. */
public enum RewardObjective {

    /**
     * Mean squared error between the head's output and the judge's score in [0,1]: the model's
     * output lives on the judge's own scale, so a raw reward of 0.8 reads as "the judge would say
     * about 0.8".
     */
    MSE,

    /**
     * Binary cross-entropy of {@code σ(head)} against the judge's score used as a soft label: the
     * head outputs a logit, unbounded, which separates confident answers more than MSE's bounded
     * target does.
     */
    BCE,

    /**
     * Pairwise Bradley–Terry, {@code -log σ(r_chosen − r_rejected − margin)}, on pairs of answers to
     * the same task (derived from rubric scores, or given as preferences). Only differences of rewards
     * are learned; the optional centring term fixes the offset.
     */
    BRADLEY_TERRY;

    /** Lower-case id, as used on the command line and in {@code reward_config.json}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code mse}, {@code bce} or {@code bradley_terry} (also {@code bt}, {@code pairwise}). */
    public static RewardObjective parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (k) {
            case "mse" -> MSE;
            case "bce" -> BCE;
            case "bradley_terry", "bt", "pairwise" -> BRADLEY_TERRY;
            default -> throw new IllegalArgumentException(
                    "unknown objective '" + s + "': expected mse, bce or bradley_terry");
        };
    }
}
