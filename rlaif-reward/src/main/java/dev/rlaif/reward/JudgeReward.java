package dev.rlaif.reward;

import dev.rlaif.core.Feedback;
import dev.rlaif.core.FeedbackProvider;
import dev.rlaif.core.RewardModel;
import dev.rlaif.core.Task;
import dev.rlaif.feedback.JournaledFeedback;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * "Direct RLAIF": the judge itself is the reward, its rubric score in [0,1] used as is, with no
 * learned model in between. It is the upper bound a learned reward model approximates and the
 * ablation that shows what the approximation costs; it is also the choice for users who can pay a
 * judge call per PPO sample.
 *
 * <p>Use {@link #journaled} so that every judgement is appended to the feedback journal and a rerun
 * (or a second epoch over the same samples) never pays twice. Batched scoring goes through {@link FeedbackProvider#judgeAll}, which network judges run
 * concurrently.
 */
public final class JudgeReward implements RewardModel {

    private final FeedbackProvider judge;
    private final double invalidReward;
    private final JournaledFeedback journal;

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
        this.journal = null;
    }

    private JudgeReward(FeedbackProvider judge, double invalidReward, JournaledFeedback journal) {
        this.judge = judge;
        this.invalidReward = invalidReward;
        this.journal = journal;
    }

    /**
     * A judge reward that goes through a feedback journal: every judgement is appended to
     * {@code journal} as it returns and judgements already there are reused, so reruns and repeated
     * samples cost nothing. {@link #close()} closes the journal, not the judge.
     *
     * @param invalidReward as in {@link #JudgeReward(FeedbackProvider, double)}
     */
    public static JudgeReward journaled(FeedbackProvider judge, Path journal, double invalidReward) {
        if (!Double.isFinite(invalidReward)) {
            throw new IllegalArgumentException("invalidReward must be finite, got " + invalidReward);
        }
        JournaledFeedback jf = JournaledFeedback.open(Objects.requireNonNull(judge, "judge"), journal);
        return new JudgeReward(jf, invalidReward, jf);
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

    /** Closes the journal when this reward opened one; never closes the judge. */
    @Override
    public void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
