package dev.rlaif.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Preference;
import dev.rlaif.core.Task;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BM25 retrieval, rubric handling, the call lexer, back-off arithmetic and the TRL export. */
class RetrievalAndRubricTest {

    private static final Bm25Index HF = Bm25Index.of(Fixtures.db(Hub.HUGGINGFACE));

    @TempDir
    Path dir;

    @Test
    void bm25FindsTheRecordByItsOwnWords() {
        List<ApiDoc> db = Fixtures.db(Hub.HUGGINGFACE);
        int hits = 0;
        for (int i = 0; i < db.size(); i += 37) {
            String name = db.get(i).apiName();
            List<Bm25Index.Hit> top = HF.search(name + " " + db.get(i).description(), 5);
            hits += top.stream().anyMatch(h -> h.doc().apiName().equals(name)) ? 1 : 0;
        }
        int asked = (db.size() + 36) / 37;
        assertTrue(hits >= asked * 9 / 10, hits + " of " + asked + " found in the top 5");
    }

    @Test
    void bm25ScoresAgreeBetweenPaths() {
        String q = "translate English text to French";
        double[] all = HF.scores(q);
        List<Bm25Index.Hit> top = HF.search(q, 3);
        assertEquals(3, top.size());
        assertEquals(all[top.get(0).index()], top.get(0).score(), 1e-9);
        assertEquals(all[7], HF.score(q, 7), 1e-9);
        assertEquals(HF.score(q, 7), HF.score(q, HF.docs().get(7).documentText()), 1e-9);
        assertTrue(top.get(0).score() >= top.get(1).score());
    }

    @Property(tries = 100)
    void bm25NeverNegative(@ForAll String query) {
        for (double s : HF.scores(query)) {
            assertTrue(s >= 0);
        }
    }

    @Test
    void rubricRendersAndValidates() {
        Rubric r = Rubric.apiCall();
        assertEquals(8, r.questions().size());
        String p = r.render("do {docs} thing", "ANSWER", "DOCS", "Q?");
        assertTrue(p.contains("do {docs} thing"), "placeholders inside values are left alone");
        assertTrue(p.contains("ANSWER") && p.contains("DOCS") && p.endsWith("Q?"));
        assertThrows(IllegalArgumentException.class, () -> new Rubric("x", List.of(), Rubric.DEFAULT_TEMPLATE));
        assertThrows(IllegalArgumentException.class,
                () -> new Rubric("x", List.of(new RubricQuestion("a", "A?", 1)), "no placeholders"));
        assertThrows(IllegalArgumentException.class, () -> new RubricQuestion("Bad Id", "A?", 1));
        assertTrue(!r.id().equals(Fixtures.twoQuestions().id()));
    }

    @Test
    void rubricFromFile() throws Exception {
        Path f = dir.resolve("rubric.json");
        Files.writeString(f, "{\"name\": \"mine\", \"questions\": [{\"id\": \"q1\", \"text\": \"Good?\", \"weight\": 3},"
                + " {\"id\": \"q2\", \"text\": \"Short?\"}]}");
        Rubric r = Rubric.read(f);
        assertEquals(3.0, r.question("q1").weight());
        assertEquals(1.0, r.question("q2").weight());
        assertEquals(Rubric.DEFAULT_TEMPLATE, r.template());
        Files.writeString(f, "{\"name\": \"mine\", \"questions\": [{\"id\": \"q1\"}]}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Rubric.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("text"), e.getMessage());
    }

    @Test
    void callLexer() {
        PyCall c = PyCall.first("model = torch.hub.load(repo_or_dir='pytorch/vision', model=\"resnet18\", "
                + "pretrained=True, cfg={'a': (1, 2)}, s='x, y)')");
        assertEquals("torch.hub.load", c.callee());
        assertEquals(List.of("repo_or_dir", "model", "pretrained", "cfg", "s"), c.keywords());
        assertEquals(List.of("pytorch/vision", "resnet18", "x, y)"), c.literals());
        assertTrue(c.closed());
        PyCall cut = PyCall.first("pipeline('text-classification', model='distil");
        assertEquals("pipeline", cut.callee());
        assertTrue(!cut.closed());
        assertEquals(List.of("a", "b", "c.d"), PyCall.every("a(b(1), c.d(2))").stream().map(PyCall::callee).toList());
    }

    @Test
    void backoffDoublesWithJitterAndHonoursRetryAfter() {
        OpenAiJudgeConfig c = OpenAiJudgeConfig.builder().initialBackoff(Duration.ofMillis(1000))
                .maxBackoff(Duration.ofMillis(5000)).build();
        ChatClient client = new ChatClient(c, null, ms -> { });
        for (int attempt = 1; attempt <= 5; attempt++) {
            long base = Math.min(5000, 1000L << (attempt - 1));
            long w = client.backoffMillis(attempt, 0);
            assertTrue(w >= base / 2 && w <= base, attempt + ": " + w);
        }
        assertEquals(5000, client.backoffMillis(1, 60_000), "Retry-After is capped at the max back-off");
        assertEquals(2500, ChatClient.retryAfter("2.5"));
        assertEquals(0, ChatClient.retryAfter("soon"));
        assertTrue(ChatClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == 0, "a past date means now");
    }

    @Test
    void trlExportKeepsValidPreferencesOnly() throws Exception {
        Task t = Fixtures.eval(Hub.TORCHHUB).get(0);
        Path out = dir.resolve("prefs.jsonl");
        int n = Preferences.writeTrl(out, List.of(
                new Preference(t.id(), "P", "good", "bad", 0.4, true, ""),
                new Preference(t.id(), "P", "x", "y", 0, false, "??")));
        assertEquals(1, n);
        List<String> lines = Files.readAllLines(out);
        assertEquals(1, lines.size());
        var o = Json.MAPPER.readTree(lines.get(0));
        assertEquals("P", o.get("prompt").asText());
        assertEquals("good", o.get("chosen").asText());
        assertEquals("bad", o.get("rejected").asText());
        assertEquals(0.4, o.get("margin").asDouble());
    }
}
