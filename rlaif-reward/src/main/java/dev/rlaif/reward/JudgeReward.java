package dev.rlaif.reward;

import dev.rlaif.core.Feedback;
import dev.rlaif.core.FeedbackProvider;
import dev.rlaif.core.RewardModel;
import dev.rlaif.core.Task;
import java.util.List;
import java.util.Objects;

/**
 * "Direct RLAIF": the judge itself is the reward, its rubric score in [0,1] used as is, with no
 * learned model in between. It is the upper bound a learned reward model approximates and the
 * ablation that shows what the approximation costs; it is also the choice for users who can pay a
 * judge call per PPO sample.
 *
 * <p>Pass the journaled provider of {@code rlaif-feedback} so that every judgement is appended to
 * the feedback journal and a rerun (or a second epoch over the same samples) never pays twice.
 * Batched scoring goes through {@link FeedbackProvider#judgeAll}, which network judges run
 * concurrently.
 */
public final class JudgeReward implements RewardModel {

    private final FeedbackProvider judge;
    private final double invalidReward;

    /**
     * @param judge the judge (its lifetime stays the caller's: {@link #close()} does not close it)
     * @param invalidReward the reward of a judgement with no readable answer ({@link Feedback#valid()}
     *     false); 0, the worst rubric score, is the usual choice, so that a policy gains nothing by
     *     producing answers the judge cannot read
     */
    public JudgeReward(FeedbackProvider judge, double invalidReward) {
        this.judge = Objects.requireNonNull(judge, "judge");
        if (!Double.isFinite(invalidReward)) {
            throw new IllegalArgumentException("invalidReward must be finite, got " + invalidReward);
        }
        this.invalidReward = invalidReward;
    }

    @Override
    public double score(Task task, String completion) {
        return reward(judge.judge(task, completion));
    }

    @Override
    public double[] scoreAll(List<Task> tasks, List<String> completions) {
        List<Feedback> fb = judge.judgeAll(tasks, completions);
        double[] out = new double[fb.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = reward(fb.get(i));
        }
        return out;
    }

    private double reward(Feedback f) {
        return f.valid() ? f.score() : invalidReward;
    }
}
