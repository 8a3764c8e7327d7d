package dev.rlaif.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.Feedback;
import dev.rlaif.core.FeedbackProvider;
import dev.rlaif.core.Hub;
import dev.rlaif.core.QuestionAnswer;
import dev.rlaif.core.Task;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal: append as judged, resume without re-asking, keep failures out, survive a torn line. */
class JournaledFeedbackTest {

    private static final OfflineJudge OFFLINE = OfflineJudge.create(Fixtures.torchhubOnly());
    private static final List<Task> TASKS = Fixtures.eval(Hub.TORCHHUB).subList(0, 12);

    @TempDir
    Path dir;

    /** Counts calls per task and fails (as a network judge would) for the tasks in {@code failing}. */
    private static final class CountingJudge implements FeedbackProvider, DetailedJudge {
        final AtomicInteger calls = new AtomicInteger();
        final Set<String> failing = ConcurrentHashMap.newKeySet();

        @Override
        public Judgement judgeDetailed(Task task, String completion) {
            calls.incrementAndGet();
            Feedback f = OFFLINE.judge(task, completion);
            if (failing.contains(task.id())) {
                Feedback bad = new Feedback(task.id(), completion, Double.NaN,
                        List.of(QuestionAnswer.invalid("api_exists", 1)), "error: gave up", "x", 0, 0, 0);
                return new Judgement(bad, true, 0, "gave up");
            }
            return new Judgement(f, false, 0.001, "");
        }

        @Override
        public int parallelism() {
            return 3;
        }

        @Override
        public Feedback judge(Task task, String completion) {
            return judgeDetailed(task, completion).feedback();
        }

        @Override
        public String configId() {
            return "counting";
        }
    }

    private static List<String> references(List<Task> tasks) {
        List<String> out = new ArrayList<>();
        for (Task t : tasks) {
            out.add(t.reference().render());
        }
        return out;
    }

    @Test
    void rerunReadsTheJournalInsteadOfJudging() {
        Path journal = dir.resolve("j.jsonl");
        CountingJudge judge = new CountingJudge();
        List<Feedback> first;
        try (JournaledFeedback jf = JournaledFeedback.open(judge, journal)) {
            JournaledFeedback.Result r = jf.run(TASKS, references(TASKS));
            first = r.feedback();
            assertEquals(12, r.judged());
            assertEquals(0, r.fromJournal());
            assertEquals(0.012, r.costUsd(), 1e-12);
        }
        assertEquals(12, judge.calls.get());
        try (JournaledFeedback jf = JournaledFeedback.open(judge, journal)) {
            JournaledFeedback.Result r = jf.run(TASKS, references(TASKS));
            assertEquals(12, r.fromJournal());
            assertEquals(0, r.judged());
            assertEquals(first, r.feedback());
        }
        assertEquals(12, judge.calls.get(), "nothing asked twice");
        assertEquals(12, JournaledFeedback.read(journal).size());
    }

    @Test
    void journalLinesCarryTheTaskScoreAndAnswers() throws Exception {
        Path journal = dir.resolve("j.jsonl");
        try (JournaledFeedback jf = JournaledFeedback.open(OFFLINE, journal)) {
            jf.run(TASKS.subList(0, 1), references(TASKS.subList(0, 1)));
        }
        JsonNode line = Json.MAPPER.readTree(Files.readAllLines(journal).get(0));
        assertEquals("torchhub", line.get("hub").asText());
        assertEquals("eval", line.get("split").asText());
        assertEquals(TASKS.get(0).line(), line.get("task").asInt());
        double score = line.get("score").asDouble();
        assertTrue(score > 0.9 && score <= 1, "reference scores high: " + score);
        assertEquals(8, line.get("answers").size());
        assertEquals("api_exists", line.get("answers").get(0).get("id").asText());
        assertEquals(OFFLINE.configId(), line.get("judge").asText());
        JournalEntry e = JournalEntry.fromJson(line);
        assertEquals(JournalEntry.key(OFFLINE.configId(), TASKS.get(0), TASKS.get(0).reference().render()), e.key());
    }

    @Test
    void failuresAreReturnedButNotJournaled() {
        Path journal = dir.resolve("j.jsonl");
        CountingJudge judge = new CountingJudge();
        judge.failing.add(TASKS.get(3).id());
        judge.failing.add(TASKS.get(7).id());
        try (JournaledFeedback jf = JournaledFeedback.open(judge, journal)) {
            JournaledFeedback.Result r = jf.run(TASKS, references(TASKS));
            assertEquals(2, r.failed());
            assertFalse(r.feedback().get(3).valid());
            assertTrue(r.feedback().get(4).valid());
        }
        assertEquals(10, JournaledFeedback.read(journal).size());
        judge.failing.clear();
        try (JournaledFeedback jf = JournaledFeedback.open(judge, journal)) {
            JournaledFeedback.Result r = jf.run(TASKS, references(TASKS));
            assertEquals(2, r.judged(), "only the failed two are asked again");
            assertTrue(r.feedback().get(3).valid());
        }
        assertEquals(14, judge.calls.get());
    }

    @Test
    void repeatedPairsAreJudgedOnce() {
        CountingJudge judge = new CountingJudge();
        List<Task> tasks = List.of(TASKS.get(0), TASKS.get(0), TASKS.get(1));
        try (JournaledFeedback jf = JournaledFeedback.open(judge, dir.resolve("j.jsonl"))) {
            JournaledFeedback.Result r = jf.run(tasks, references(tasks));
            assertEquals(2, r.judged());
            assertEquals(r.feedback().get(0), r.feedback().get(1));
        }
        assertEquals(2, judge.calls.get());
    }

    @Test
    void tornLastLineIsDroppedWithAWarning() throws Exception {
        Path journal = dir.resolve("j.jsonl");
        try (JournaledFeedback jf = JournaledFeedback.open(OFFLINE, journal)) {
            jf.run(TASKS.subList(0, 3), references(TASKS.subList(0, 3)));
        }
        Files.writeString(journal, "{\"key\":\"abc\",\"sco", StandardOpenOption.APPEND);
        List<String> warnings = new ArrayList<>();
        try (JournaledFeedback jf = JournaledFeedback.open(OFFLINE, journal, 1, warnings::add)) {
            assertEquals(3, jf.size());
            assertTrue(jf.contains(TASKS.get(2), TASKS.get(2).reference().render()));
        }
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("truncated"), warnings.get(0));
    }

    @Test
    void damagedMiddleLineNamesTheLine() throws Exception {
        Path journal = dir.resolve("j.jsonl");
        Files.writeString(journal, "{\"key\": 1}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> JournaledFeedback.open(OFFLINE, journal));
        assertTrue(e.getMessage().startsWith(journal + ":1:"), e.getMessage());
    }

    @Test
    void aFatalErrorKeepsWhatWasJudged() {
        Path journal = dir.resolve("j.jsonl");
        FeedbackProvider exploding = new FeedbackProvider() {
            @Override
            public Feedback judge(Task task, String completion) {
                if (task.line() == TASKS.get(5).line()) {
                    throw new IllegalStateException("judge endpoint refused the API key");
                }
                return OFFLINE.judge(task, completion);
            }

            @Override
            public String configId() {
                return "exploding";
            }
        };
        try (JournaledFeedback jf = JournaledFeedback.open(exploding, journal)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> jf.run(TASKS, references(TASKS)));
            assertTrue(e.getMessage().contains("refused"));
        }
        assertEquals(5, JournaledFeedback.read(journal).size(), "the five judged before the failure are kept");
    }
}
