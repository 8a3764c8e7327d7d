package dev.rlaif.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.QuestionAnswer;
import dev.rlaif.core.io.Json;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Reading P(yes) from judge replies: log-probs, text and structured JSON; unreadable means invalid. */
class ReplyParserTest {

    @Test
    void textAnswers() {
        assertEquals(1.0, ReplyParser.yesNoText("Yes"));
        assertEquals(1.0, ReplyParser.yesNoText("  **YES**, it does."));
        assertEquals(0.0, ReplyParser.yesNoText("No."));
        assertEquals(0.0, ReplyParser.yesNoText("The answer is no"));
        assertEquals(1.0, ReplyParser.yesNoText("Yes, it adds no parameters."), "the leading yes/no word decides");
        assertTrue(Double.isNaN(ReplyParser.yesNoText("Hard to say.")));
        assertTrue(Double.isNaN(ReplyParser.yesNoText("Partly yes, partly no.")), "both answers: unreadable");
        assertTrue(Double.isNaN(ReplyParser.yesNoText("")));
        assertTrue(Double.isNaN(ReplyParser.yesNoText("Nothing")), "words that only start with no are not no");
    }

    @Test
    void logprobsSumVariantsAndNormalise() throws Exception {
        JsonNode content = Json.MAPPER.readTree("""
                [{"token": "**", "logprob": -0.01, "top_logprobs": []},
                 {"token": "Yes", "logprob": -0.5, "top_logprobs": [
                    {"token": "Yes", "logprob": -0.5}, {"token": " yes", "logprob": -2.0},
                    {"token": "No", "logprob": -1.5}, {"token": "Maybe", "logprob": -3.0}]}]""");
        double y = Math.exp(-0.5) + Math.exp(-2.0);
        double n = Math.exp(-1.5);
        assertEquals(y / (y + n), ReplyParser.yesNoLogprobs(content), 1e-12);
    }

    @Test
    void chosenTokenMissingFromTheAlternativesStillCounts() throws Exception {
        JsonNode content = Json.MAPPER.readTree("""
                [{"token": "No", "logprob": -0.2, "top_logprobs": [{"token": "Yes", "logprob": -1.8}]}]""");
        double y = Math.exp(-1.8);
        double n = Math.exp(-0.2);
        assertEquals(y / (y + n), ReplyParser.yesNoLogprobs(content), 1e-12);
    }

    @Test
    void noYesNoTokenFallsBackToText() throws Exception {
        JsonNode choice = ScriptedServer.completion("Certainly not sure", Map.of("Certainly", -0.1))
                .path("choices").get(0);
        assertTrue(Double.isNaN(ReplyParser.fromChoice(choice)));
        JsonNode yes = ScriptedServer.completion("Yes", null).path("choices").get(0);
        assertEquals(1.0, ReplyParser.fromChoice(yes));
    }

    @Test
    void structuredReplies() {
        Rubric r = Fixtures.twoQuestions();
        List<QuestionAnswer> a = ReplyParser.structured("Here: {\"api_exists\": true, \"on_task\": \"No\"} done", r);
        assertEquals(1.0, a.get(0).pYes());
        assertEquals(0.0, a.get(1).pYes());
        List<QuestionAnswer> partial = ReplyParser.structured("{\"api_exists\": \"maybe\"}", r);
        assertFalse(partial.get(0).valid());
        assertFalse(partial.get(1).valid(), "a missing question is invalid, not no");
        assertTrue(ReplyParser.structured("{not json", r).stream().noneMatch(QuestionAnswer::valid));
        assertEquals(2.0, a.get(0).weight());
    }

    @Property(tries = 300)
    void anyTextIsYesNoOrInvalid(@ForAll String s) {
        double p = ReplyParser.yesNoText(s);
        assertTrue(Double.isNaN(p) || p == 0 || p == 1);
        for (QuestionAnswer a : ReplyParser.structured(s, Fixtures.twoQuestions())) {
            assertTrue(!a.valid() || a.pYes() == 0 || a.pYes() == 1);
        }
    }

    @Property(tries = 200)
    void logprobProbabilityIsInRange(@ForAll double yesLp, @ForAll double noLp) throws Exception {
        double y = -Math.abs(yesLp) % 50;
        double n = -Math.abs(noLp) % 50;
        JsonNode content = ScriptedServer.completion("Yes", Map.of("Yes", y, "No", n))
                .path("choices").get(0).path("logprobs").path("content");
        double p = ReplyParser.yesNoLogprobs(content);
        assertTrue(p >= 0 && p <= 1, "p=" + p);
    }
}
