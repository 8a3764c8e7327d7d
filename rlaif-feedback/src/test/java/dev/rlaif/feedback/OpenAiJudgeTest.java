package dev.rlaif.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.Feedback;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Preference;
import dev.rlaif.core.QuestionAnswer;
import dev.rlaif.core.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible judge against a scripted server speaking the real wire format. */
class OpenAiJudgeTest {

    private static final String KEY = "sk-test-secret-4242";
    private static final Task TASK = Fixtures.eval(Hub.TORCHHUB).get(0);
    private static final String ANSWER = TASK.reference().render();

    private final List<Long> sleeps = Collections.synchronizedList(new ArrayList<>());

    private OpenAiJudge judge(ScriptedServer s, OpenAiJudgeConfig.Builder b) {
        OpenAiJudgeConfig c = b.baseUrl(s.baseUrl()).model("judge-test").apiKeyEnv("TEST_JUDGE_KEY")
                .rubric(Fixtures.twoQuestions()).initialBackoff(Duration.ofMillis(100)).build();
        return new OpenAiJudge(c, Fixtures.torchhubOnly(), k -> k.equals("TEST_JUDGE_KEY") ? KEY : null, sleeps::add);
    }

    private OpenAiJudge judge(ScriptedServer s) {
        return judge(s, OpenAiJudgeConfig.builder());
    }

    @Test
    void logprobsGiveGradedProbabilities() throws Exception {
        try (ScriptedServer s = new ScriptedServer(
                ScriptedServer.logprobs("Yes", Map.of("Yes", Math.log(0.6), " yes", Math.log(0.2), "No", Math.log(0.1))),
                ScriptedServer.logprobs("No", Map.of("No", Math.log(0.7), "Yes", Math.log(0.3))))) {
            OpenAiJudge j = judge(s);
            Judgement r = j.judgeDetailed(TASK, ANSWER);
            Feedback f = r.feedback();
            assertEquals(2, s.requests.get());
            assertFalse(r.failed());
            assertEquals(0.8 / 0.9, f.answers().get(0).pYes(), 1e-9);
            assertEquals(0.3, f.answers().get(1).pYes(), 1e-9);
            assertEquals((2 * 0.8 / 0.9 + 0.3) / 3, f.score(), 1e-9);
            assertEquals(200, f.promptTokens());
            assertEquals(2, f.completionTokens());
            JsonNode body = s.bodies.get(0);
            assertTrue(body.path("logprobs").asBoolean());
            assertEquals(5, body.path("top_logprobs").asInt());
            assertEquals("judge-test", body.path("model").asText());
            String user = ScriptedServer.userContent(body);
            assertTrue(user.contains(TASK.instruction()), "prompt carries the instruction");
            assertTrue(user.contains(ANSWER), "prompt carries the answer");
            assertTrue(user.contains("api_call: torch.hub.load"), "prompt carries retrieved documentation");
            assertEquals("Bearer " + KEY, s.authHeaders.get(0));
        }
    }

    @Test
    void textRepliesWithoutLogprobs() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.content("Yes."), ScriptedServer.content("no"))) {
            Feedback f = judge(s, OpenAiJudgeConfig.builder().logprobs(false)).judge(TASK, ANSWER);
            assertEquals(1.0, f.answers().get(0).pYes());
            assertEquals(0.0, f.answers().get(1).pYes());
            assertEquals(2.0 / 3, f.score(), 1e-9);
            assertTrue(s.bodies.get(0).path("logprobs").isMissingNode());
        }
    }

    @Test
    void allQuestionsInOneStructuredRequest() throws Exception {
        try (ScriptedServer s = new ScriptedServer(
                ScriptedServer.content("```json\n{\"api_exists\": \"yes\", \"on_task\": false}\n```"))) {
            OpenAiJudge j = judge(s, OpenAiJudgeConfig.builder().mode(OpenAiJudgeConfig.Mode.ALL_IN_ONE)
                    .jsonResponseFormat(true));
            Feedback f = j.judge(TASK, ANSWER);
            assertEquals(1, s.requests.get());
            assertEquals(1.0, f.answers().get(0).pYes());
            assertEquals(0.0, f.answers().get(1).pYes());
            assertEquals("json_object", s.bodies.get(0).path("response_format").path("type").asText());
            assertTrue(ScriptedServer.userContent(s.bodies.get(0)).contains("- on_task: "));
        }
    }

    @Test
    void tooManyRequestsHonoursRetryAfter() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.status(429, Map.of("Retry-After", "3")),
                ScriptedServer.content("Yes"))) {
            Judgement r = judge(s).judgeDetailed(TASK, ANSWER);
            assertEquals(3, s.requests.get(), "one 429, its retry, and the second question");
            assertFalse(r.failed());
            assertEquals(1.0, r.feedback().score());
            assertEquals(1, sleeps.size());
            assertTrue(sleeps.get(0) >= 3000, "waited " + sleeps.get(0) + " ms, Retry-After said 3 s");
        }
    }

    @Test
    void serverErrorThenSuccess() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.status(500, Map.of()), ScriptedServer.content("Yes"))) {
            OpenAiJudge j = judge(s);
            Judgement r = j.judgeDetailed(TASK, ANSWER);
            assertEquals(3, s.requests.get());
            assertFalse(r.failed());
            assertTrue(r.feedback().answers().stream().allMatch(QuestionAnswer::valid));
            assertEquals(1, j.usage().retries());
            assertEquals(1, sleeps.size());
            assertTrue(sleeps.get(0) >= 50 && sleeps.get(0) <= 100, "first back-off is 100 ms jittered to [50,100]");
        }
    }

    @Test
    void replySlowerThanTimeoutIsRetried() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.slow(3000, ScriptedServer.content("Yes")),
                ScriptedServer.content("Yes"))) {
            Judgement r = judge(s, OpenAiJudgeConfig.builder().requestTimeout(Duration.ofMillis(300)))
                    .judgeDetailed(TASK, ANSWER);
            assertEquals(3, s.requests.get());
            assertFalse(r.failed());
            assertEquals(1.0, r.feedback().score());
        }
    }

    @Test
    void serverErrorsUntilMaxTriesFail() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.status(503, Map.of()))) {
            OpenAiJudge j = judge(s, OpenAiJudgeConfig.builder().maxTries(3));
            Judgement r = j.judgeDetailed(TASK, ANSWER);
            assertEquals(6, s.requests.get(), "3 tries for each of 2 questions");
            assertTrue(r.failed());
            assertFalse(r.feedback().valid());
            assertTrue(r.error().contains("gave up after 3 tries"), r.error());
            assertEquals(1, j.usage().failures());
        }
    }

    @Test
    void malformedJsonBodyIsRecordedInvalidNotRetried() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.raw("{\"choices\": [ this is not json"))) {
            OpenAiJudge j = judge(s);
            Judgement r = j.judgeDetailed(TASK, ANSWER);
            assertEquals(2, s.requests.get(), "one request per question, none retried");
            assertFalse(r.failed(), "a reply arrived: journal it, do not pay again");
            assertFalse(r.feedback().valid());
            assertTrue(r.feedback().rawReply().contains("malformed reply"));
            assertEquals(2, j.usage().malformed());
        }
    }

    @Test
    void truncatedBodyIsRetried() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.truncated(), ScriptedServer.content("Yes"))) {
            Judgement r = judge(s).judgeDetailed(TASK, ANSWER);
            assertEquals(3, s.requests.get());
            assertFalse(r.failed());
            assertEquals(1.0, r.feedback().score());
        }
    }

    @Test
    void replyWithoutYesOrNoIsInvalidNeverNo() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.content("It depends on the use case."))) {
            Judgement r = judge(s, OpenAiJudgeConfig.builder().logprobs(false)).judgeDetailed(TASK, ANSWER);
            assertEquals(2, s.requests.get());
            assertFalse(r.failed());
            assertTrue(r.feedback().answers().stream().noneMatch(QuestionAnswer::valid));
            assertTrue(Double.isNaN(r.feedback().score()));
            assertTrue(r.feedback().rawReply().contains("It depends"));
        }
    }

    @Test
    void refusedKeyThrowsWithoutTheKey() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.status(401, Map.of()))) {
            OpenAiJudge j = judge(s);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> j.judge(TASK, ANSWER));
            assertEquals(1, s.requests.get(), "no retry on 401");
            assertTrue(e.getMessage().contains("TEST_JUDGE_KEY"));
            assertFalse(e.getMessage().contains(KEY));
        }
    }

    @Test
    void keyNeverLeavesTheHeader() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.answer(req -> "Yes, " + KEY))) {
            OpenAiJudge j = judge(s);
            Feedback f = j.judge(TASK, ANSWER);
            assertFalse(j.configId().contains(KEY));
            assertFalse(j.toString().contains(KEY));
            assertFalse(j.config().toString().contains(KEY));
            assertFalse(f.rawReply().contains(KEY), "an echoed key is redacted");
            assertFalse(JournalEntry.of(j.configId(), TASK, f, 0).toJson().toString().contains(KEY));
            for (JsonNode b : s.bodies) {
                assertFalse(b.toString().contains(KEY));
            }
        }
    }

    @Test
    void configIdTracksWhatChangesAnswers() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.content("Yes"))) {
            String a = judge(s).configId();
            String b = judge(s, OpenAiJudgeConfig.builder().temperature(0.7)).configId();
            String c = judge(s, OpenAiJudgeConfig.builder().maxConcurrency(9)).configId();
            assertFalse(a.equals(b), "temperature changes answers");
            assertEquals(a, c, "concurrency does not");
        }
    }

    @Test
    void costAccounting() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.content("Yes"))) {
            OpenAiJudge j = judge(s, OpenAiJudgeConfig.builder().pricePer1kPromptTokens(0.5)
                    .pricePer1kCompletionTokens(1.5));
            Judgement r = j.judgeDetailed(TASK, ANSWER);
            assertEquals(200 * 0.5 / 1000 + 2 * 1.5 / 1000, r.costUsd(), 1e-12);
            assertEquals(r.costUsd(), j.usage().costUsd(), 1e-12);
            assertEquals(2, j.usage().requests());
        }
    }

    @Test
    void pairwiseUndoesThePositionSwap() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.content("A"))) {
            PairwiseJudge p = judge(s, OpenAiJudgeConfig.builder().logprobs(false)).pairwise(7);
            int swapped = 0;
            for (int i = 0; i < 16; i++) {
                String first = ANSWER + " #" + i;
                String second = Answers.hallucinated(TASK) + " #" + i;
                Preference pref = p.compare(TASK, first, second);
                boolean swap = PairwiseReplies.swapFor(7, TASK, first, second);
                swapped += swap ? 1 : 0;
                assertTrue(pref.valid());
                assertEquals(swap ? second : first, pref.chosen(), "the judge always says A: the answer shown first");
                String shownFirst = ScriptedServer.userContent(s.bodies.get(i)).split("### Answer A\n")[1];
                assertTrue(shownFirst.startsWith(swap ? second : first));
            }
            assertTrue(swapped > 0 && swapped < 16, "both orders occur: " + swapped);
        }
    }

    @Test
    void pairwiseUnreadableVerdictIsInvalid() throws Exception {
        try (ScriptedServer s = new ScriptedServer(ScriptedServer.content("Both are fine."))) {
            Preference pref = judge(s, OpenAiJudgeConfig.builder().logprobs(false)).pairwise(1)
                    .compare(TASK, ANSWER, Answers.hallucinated(TASK));
            assertFalse(pref.valid());
            assertEquals(ANSWER, pref.chosen(), "invalid keeps the given order");
        }
    }

    @Test
    void badConfigIsRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenAiJudgeConfig.builder().baseUrl("http://user:" + KEY + "@host").build());
        assertFalse(e.getMessage().contains(KEY));
        assertThrows(IllegalArgumentException.class, () -> OpenAiJudgeConfig.builder().baseUrl("ftp://x").build());
        assertThrows(IllegalArgumentException.class, () -> OpenAiJudgeConfig.builder().maxTries(0).build());
    }
}
