package dev.rlaif.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.Feedback;
import dev.rlaif.core.FeedbackProvider;
import dev.rlaif.core.QuestionAnswer;
import dev.rlaif.core.RewardModel;
import dev.rlaif.core.Task;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompositeRewardTest {

    private final Task task = RewardFixtures.tasks().get(0);

    @Test
    void isTheWeightedSumOfItsTermsAndBatchesLikeSingleCalls() {
        RewardModel length = (t, c) -> c.length();
        RewardModel hasCall = (t, c) -> c.contains("torch.hub.load") ? 1 : 0;
        try (CompositeReward r = CompositeReward.builder().add(0.5, length).add(-2, hasCall).build()) {
            assertEquals(0.5 * 3 - 2 * 0, r.score(task, "abc"), 0);
            List<String> cs = List.of("x", "torch.hub.load()", "");
            double[] batch = r.scoreAll(List.of(task, task, task), cs);
            for (int i = 0; i < cs.size(); i++) {
                assertEquals(r.score(task, cs.get(i)), batch[i], 0);
            }
        }
    }

    @Test
    void closesEveryTermEvenWhenOneFails() {
        AtomicInteger closed = new AtomicInteger();
        RewardModel failing = new RewardModel() {
            @Override
            public double score(Task t, String c) {
                return 0;
            }

            @Override
            public void close() {
                closed.incrementAndGet();
                throw new IllegalStateException("boom");
            }
        };
        RewardModel ok = new RewardModel() {
            @Override
            public double score(Task t, String c) {
                return 0;
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        CompositeReward r = CompositeReward.builder().add(1, failing).add(1, ok).build();
        assertThrows(IllegalStateException.class, r::close);
        assertEquals(2, closed.get());
    }

    @Test
    void rejectsEmptyAndNonFiniteWeights() {
        assertThrows(IllegalStateException.class, () -> CompositeReward.builder().build());
        assertThrows(IllegalArgumentException.class, () -> CompositeReward.builder().add(Double.NaN, (t, c) -> 0));
    }

    @Test
    void judgeRewardUsesTheScoreAndAFallbackForUnreadableJudgements() {
        FeedbackProvider judge = new FeedbackProvider() {
            @Override
            public Feedback judge(Task t, String c) {
                List<QuestionAnswer> answers = c.isEmpty()
                        ? List.of(QuestionAnswer.invalid("q", 1))
                        : List.of(new QuestionAnswer("q", 0.75, true, 1));
                return new Feedback(t.id(), c, Feedback.weightedScore(answers), answers, "", "test", 0, 0, 0);
            }

            @Override
            public String configId() {
                return "test";
            }
        };
        JudgeReward r = new JudgeReward(judge, -1);
        assertEquals(0.75, r.score(task, "x"), 0);
        assertArrayEquals(new double[] {0.75, -1}, r.scoreAll(List.of(task, task), List.of("y", "")), 0);
        assertTrue(Double.isFinite(r.score(task, "")));
    }

    @Test
    void journaledJudgeRewardNeverAsksTwice() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        FeedbackProvider judge = new FeedbackProvider() {
            @Override
            public Feedback judge(Task t, String c) {
                asked.incrementAndGet();
                List<QuestionAnswer> answers = List.of(new QuestionAnswer("q", c.length() % 2, true, 1));
                return new Feedback(t.id(), c, Feedback.weightedScore(answers), answers, "", "test", 0, 0, 0);
            }

            @Override
            public String configId() {
                return "counting";
            }
        };
        java.nio.file.Path journal = java.nio.file.Files.createTempDirectory("judge-reward").resolve("feedback.jsonl");
        try (JudgeReward r = JudgeReward.journaled(judge, journal, 0)) {
            assertArrayEquals(new double[] {1, 0}, r.scoreAll(List.of(task, task), List.of("a", "bb")), 0);
        }
        try (JudgeReward r = JudgeReward.journaled(judge, journal, 0)) {
            assertArrayEquals(new double[] {0, 1, 1}, r.scoreAll(List.of(task, task, task), List.of("bb", "a", "ccc")), 0);
        }
        assertEquals(3, asked.get(), "judgements in the journal must not be asked for again");
    }
}
