package dev.rlaif.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.Feedback;
import dev.rlaif.core.Hub;
import dev.rlaif.core.QuestionAnswer;
import dev.rlaif.core.Task;
import dev.rlaif.sandbox.ExecutabilityMetric;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With executability on, documented_usage follows the sandbox's verdict. */
class ExecutabilityJudgeTest {

    @Test
    void documentedUsageFollowsTheSandboxVerdict() {
        OfflineJudge plain = OfflineJudge.create(Fixtures.torchhubOnly());
        OfflineJudge exec = OfflineJudge.builder(Fixtures.torchhubOnly()).executability(true).build();
        ExecutabilityMetric sandbox = ExecutabilityMetric.shared();
        int ok = 0;
        int failed = 0;
        Task t = Fixtures.eval(Hub.TORCHHUB).get(7);
        for (String c : List.of(Answers.reference(t), Answers.hallucinated(t))) {
            String verdict = sandbox.score(t, c).detail();
            Feedback judged = exec.judge(t, c);
            double with = pYes(judged, "documented_usage");
            double without = pYes(plain.judge(t, c), "documented_usage");
            if (verdict.equals("ok")) {
                ok++;
                assertEquals(without, with, 1e-12, t.id() + " runs: no discount");
            } else {
                failed++;
                assertEquals(without * 0.25, with, 1e-12, t.id() + " " + verdict + ": discounted");
            }
            assertTrue(judged.rawReply().contains("exec=" + verdict));
        }
        assertTrue(ok >= 1 && failed >= 1, "the sample has both outcomes: ok=" + ok + " failed=" + failed);
        assertTrue(exec.configId().endsWith(":sandbox") && plain.configId().endsWith(":noexec"));
    }

    private static double pYes(Feedback f, String id) {
        return f.answers().stream().filter(a -> a.questionId().equals(id)).findFirst()
                .map(QuestionAnswer::pYes).orElseThrow();
    }
}
