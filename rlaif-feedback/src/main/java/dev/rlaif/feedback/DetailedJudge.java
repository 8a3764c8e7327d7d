package dev.rlaif.feedback;

import dev.rlaif.core.Task;

/**
 * A judge as {@link JournaledFeedback} drives it: failures and cost reported beside the feedback
 * (so failures stay out of the journal and the spend is shown), and how many judgements to run at
 * once. Kept package-private so the public judges expose only {@link dev.rlaif.core.FeedbackProvider}.
 */
interface DetailedJudge {

    /** Judges one completion. */
    Judgement judgeDetailed(Task task, String completion);

    /** How many judgements the runner should have in flight at once. */
    int parallelism();
}
