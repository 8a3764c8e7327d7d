package dev.rlaif.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Task;
import dev.rlaif.core.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Judging in a child JVM is killed with SIGKILL mid-run (the server answers 12 requests, then
 * holds the replies to those in flight); the rerun keeps every judgement made before the kill and
 * asks the server for none of them again.
 */
class KillResumeTest {

    private static final int N = 30;
    private static final int KILL_AFTER = 12;

    @TempDir
    Path dir;

    @Test
    void killedRunResumesWithoutRepeatingRequests() throws Exception {
        Path journal = dir.resolve("journal.jsonl");
        AtomicInteger served = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(1);
        ScriptedServer.Step yes = ScriptedServer.content("{\"api_exists\": \"yes\", \"on_task\": \"yes\"}");
        ScriptedServer.Step gated = (ex, req) -> {
            if (served.incrementAndGet() > KILL_AFTER) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            yes.reply(ex, req);
        };
        try (ScriptedServer s = new ScriptedServer(gated)) {
            Process first = child(s.baseUrl(), journal, dir.resolve("first.log"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (completeLines(journal).size() < KILL_AFTER && first.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Map<String, Integer> countsAtKill = snapshot(s.byUserContent);
            first.destroyForcibly();
            first.waitFor();
            gate.countDown();
            List<String> before = completeLines(journal);
            assertEquals(KILL_AFTER, before.size(), "the server answered " + KILL_AFTER + " before holding replies back");

            Files.writeString(journal, "{\"key\": \"half-written", StandardOpenOption.APPEND);
            Process second = child(s.baseUrl(), journal, dir.resolve("second.log"));
            assertTrue(second.waitFor(120, TimeUnit.SECONDS), "rerun finished");
            assertEquals(0, second.exitValue(), Files.readString(dir.resolve("second.log")));
            assertTrue(Files.readString(dir.resolve("second.log")).contains("dropped a truncated last line"));

            List<String> after = completeLines(journal);
            assertEquals(before, after.subList(0, before.size()), "lines written before the kill are kept as they were");
            Set<String> keys = new HashSet<>();
            for (String line : after) {
                keys.add(Json.MAPPER.readTree(line).get("key").asText());
            }
            assertEquals(N, after.size());
            assertEquals(N, keys.size(), "each judgement journaled once");

            List<Task> tasks = Fixtures.eval(Hub.TORCHHUB);
            for (String line : before) {
                JsonNode e = Json.MAPPER.readTree(line);
                Task t = tasks.get(e.get("task").asInt() - 1);
                String prompt = promptOf(s.byUserContent.keySet(), t);
                assertEquals(1, s.byUserContent.get(prompt).get(),
                        "journaled before the kill, never requested again: " + t.id());
                assertEquals(1, countsAtKill.getOrDefault(prompt, 0));
            }
            int repeats = 0;
            for (AtomicInteger c : s.byUserContent.values()) {
                assertTrue(c.get() <= 2);
                repeats += c.get() - 1;
            }
            assertTrue(repeats <= 2, "only the requests in flight at the kill (at most 2) were repeated: " + repeats);
            assertEquals(N + repeats, s.requests.get());
        }
    }

    private static String promptOf(Set<String> prompts, Task t) {
        for (String p : prompts) {
            if (p.contains("### User request\n" + t.instruction() + "\n") && p.contains(t.reference().render())) {
                return p;
            }
        }
        throw new AssertionError("no request seen for " + t.id());
    }

    private static Map<String, Integer> snapshot(Map<String, AtomicInteger> m) {
        Map<String, Integer> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private static List<String> completeLines(Path journal) throws Exception {
        if (!Files.exists(journal)) {
            return List.of();
        }
        String s = new String(Files.readAllBytes(journal), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', start)) {
            out.add(s.substring(start, i));
            start = i + 1;
        }
        return out;
    }

    private static Process child(String url, Path journal, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Drlaif.quiet=true",
                "-cp", System.getProperty("java.class.path"), KillResumeChild.class.getName(),
                url, journal.toString(), Integer.toString(N));
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        pb.environment().remove("OPENAI_API_KEY");
        return pb.start();
    }
}
