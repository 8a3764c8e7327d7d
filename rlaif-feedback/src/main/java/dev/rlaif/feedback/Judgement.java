package dev.rlaif.feedback;

import dev.rlaif.core.Feedback;

/**
 * A feedback with what the journal needs to know beyond it.
 *
 * @param feedback the feedback
 * @param failed true when the judge could not be reached (retries exhausted): such a judgement is
 *     reported but not journaled, so a rerun asks again; a reply that arrived but could not be read
 *     is not a failure, it is journaled with invalid answers
 * @param costUsd what the judgement cost, by the judge's prices
 * @param error the failure's description, or ""
 */
record Judgement(Feedback feedback, boolean failed, double costUsd, String error) {

    /** A successful judgement that cost nothing (offline judges). */
    static Judgement free(Feedback f) {
        return new Judgement(f, false, 0, "");
    }
}
