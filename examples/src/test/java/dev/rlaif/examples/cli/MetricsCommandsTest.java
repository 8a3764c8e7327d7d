package dev.rlaif.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parse, gorilla-eval and score commands on tiny inputs, through the real command line. */
class MetricsCommandsTest {

    @TempDir
    Path dir;

    @Test
    void parsePrintsNamedNodeSexp() throws Exception {
        Path f = Files.writeString(dir.resolve("f.py"), "foo(x=1)");
        CliTestSupport.Run r = CliTestSupport.run("parse", "--sexp", f.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("(module (expression_statement (call (identifier) (argument_list (keyword_argument (identifier)"
                + " (integer))))))", r.out().strip());
    }

    @Test
    void gorillaEvalScoresAResponseFile() throws Exception {
        Path f = Files.writeString(dir.resolve("r.jsonl"),
                "{\"question_id\": 1, \"text\": \"<<<api_call>>>: torch.hub.load(repo_or_dir='nobody/x', model='y')\"}\n"
                + "{\"question_id\": 2}\n");
        CliTestSupport.Run r = CliTestSupport.run("gorilla-eval", "--hub", "torchhub", "--responses", f.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode o = Json.MAPPER.readTree(r.out());
        assertEquals(2, o.get("n").asInt());
        assertEquals(0.5, o.get("hallucination").asDouble(), 1e-12);
        assertEquals(0.5, o.get("wrong").asDouble(), 1e-12);
        assertEquals(0.0, o.get("accuracy").asDouble(), 1e-12);
    }

    @Test
    void scorePrintsCorpusAndPerPairFigures() throws Exception {
        Path f = Files.writeString(dir.resolve("p.jsonl"),
                "{\"reference\": \"def foo ( x ) :\\n    return x\", \"prediction\": \"def foo ( x ) :\\n    return x\"}\n"
                + "{\"reference\": [\"testing one two\"], \"prediction\": \"testing one\"}\n");
        CliTestSupport.Run r = CliTestSupport.run("score", "--input", f.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode o = Json.MAPPER.readTree(r.out());
        for (String k : new String[] {"score", "ngram", "weighted_ngram", "syntax", "dataflow"}) {
            assertTrue(o.get("codebleu").has(k), k);
        }
        assertTrue(o.has("bleu"));
        // ROUGE-L F: 1.0 for the identical pair, 0.8 for the published pair; the corpus is their mean.
        assertEquals(0.9, o.get("rouge_l").get("f1").asDouble(), 1e-9);
        CliTestSupport.Run pp = CliTestSupport.run("score", "--input", f.toString(), "--per-pair");
        assertEquals(0, pp.exitCode(), pp.err());
        String[] lines = pp.out().strip().split("\n");
        assertEquals(2, lines.length);
        assertEquals(1.0, Json.MAPPER.readTree(lines[0]).get("codebleu").get("score").asDouble(), 1e-9);
    }

    @Test
    void badInputExitsWithTwoNamingTheLine() throws Exception {
        Path f = Files.writeString(dir.resolve("bad.jsonl"), "{\"reference\": \"a\", \"prediction\": \"b\"}\n{\"x\": 1}\n");
        CliTestSupport.Run r = CliTestSupport.run("score", "--input", f.toString(), "--json");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("bad.jsonl:2"), r.err());
        assertEquals(2, CliTestSupport.run("gorilla-eval", "--hub", "nohub", "--responses", f.toString()).exitCode());
    }
}
