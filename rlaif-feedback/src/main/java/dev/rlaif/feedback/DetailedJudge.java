package dev.rlaif.feedback;

import dev.rlaif.core.Task;

/**
 * A judge that reports failures and cost beside the feedback, so {@link JournaledFeedback} can keep
 * failures out of the journal and show the spend.
 */
interface DetailedJudge {

    /** Judges one completion. */
    Judgement judgeDetailed(Task task, String completion);

    /** How many judgements the runner should have in flight at once. */
    int parallelism();
}
