package dev.rlaif.feedback;

import dev.rlaif.core.Feedback;
import dev.rlaif.core.FeedbackProvider;
import dev.rlaif.core.Preference;
import dev.rlaif.core.PromptFormat;
import dev.rlaif.core.Task;
import java.util.Locale;

/**
 * Compares two answers to the same task and says which is better, as a {@link Preference} for
 * pairwise (Bradley–Terry) reward training. An unreadable verdict gives an invalid preference,
 * never a guess.
 *
 * <p>Implementations: {@link OpenAiJudge#pairwise(long)} (an LLM sees both answers, in a random
 * order that is undone afterwards) and {@link #byScore(FeedbackProvider)} (compare rubric scores;
 * position plays no role).
 */
@FunctionalInterface
public interface PairwiseJudge {

    /** Compares {@code first} and {@code second}, two completions for {@code task}. */
    Preference compare(Task task, String first, String second);

    /**
     * Prefers the completion with the higher rubric score, with the score difference as margin.
     * Invalid when either score is NaN or the scores tie, since a tie says nothing to learn.
     */
    static PairwiseJudge byScore(FeedbackProvider judge) {
        return (task, first, second) -> {
            Feedback a = judge.judge(task, first);
            Feedback b = judge.judge(task, second);
            String prompt = PromptFormat.full().prompt(task);
            String raw = String.format(Locale.ROOT, "score(first)=%.4f score(second)=%.4f", a.score(), b.score());
            if (!a.valid() || !b.valid() || a.score() == b.score()) {
                return new Preference(task.id(), prompt, first, second, 0, false, raw);
            }
            boolean firstWins = a.score() > b.score();
            return new Preference(task.id(), prompt, firstWins ? first : second, firstWins ? second : first,
                    Math.abs(a.score() - b.score()), true, raw);
        };
    }
}
