package dev.rlaif.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.io.Json;
import dev.rlaif.lm.HostTensor;
import dev.rlaif.lm.io.Safetensors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PPO run killed with SIGKILL in a child JVM and resumed ends with the same weights, optimiser
 * moments and statistics as an uninterrupted run with the same seed.
 */
class KillAndResumeTest {

    private static final int STEPS = 5;
    /** Killed after step 3, one step past the checkpoint of step 2, so step 3 must be redone. */
    private static final int KILL_AFTER = 3;

    @Test
    void killedAndResumedRunEndsExactlyLikeAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        Path straight = tmp.resolve("straight");
        Path killed = tmp.resolve("killed");

        assertEquals(0, runChild(straight, 0));

        Process victim = start(killed, KILL_AFTER);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean ready = false;
            while ((line = out.readLine()) != null) {
                if (line.equals(ResumeChild.KILL_ME)) {
                    ready = true;
                    break;
                }
            }
            assertTrue(ready, "the child never reached step " + KILL_AFTER);
            victim.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
            assertTrue(victim.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(KILL_AFTER, Files.readAllLines(killed.resolve(StatsLog.FILE)).size(),
                "the killed run logged step " + KILL_AFTER + " after its last checkpoint");

        assertEquals(0, runChild(killed, 0));

        for (String file : List.of("policy/model.safetensors", "value/model.safetensors",
                "optimizer.policy.safetensors", "optimizer.value.safetensors")) {
            Map<String, HostTensor> a = Safetensors.read(straight.resolve(Checkpoint.DIR).resolve(file));
            Map<String, HostTensor> b = Safetensors.read(killed.resolve(Checkpoint.DIR).resolve(file));
            assertEquals(a.keySet(), b.keySet(), file);
            for (String name : a.keySet()) {
                assertArrayEquals(a.get(name).data(), b.get(name).data(), 1e-6f, file + ": " + name);
            }
        }
        JsonNode stateA = Json.MAPPER.readTree(straight.resolve(Checkpoint.DIR).resolve(Checkpoint.STATE_FILE).toFile());
        JsonNode stateB = Json.MAPPER.readTree(killed.resolve(Checkpoint.DIR).resolve(Checkpoint.STATE_FILE).toFile());
        assertEquals(stateA.get("scalars"), stateB.get("scalars"), "KL controller state");
        assertEquals(stateA.get("optimizer_steps"), stateB.get("optimizer_steps"));

        List<JsonNode> statsA = stats(straight);
        List<JsonNode> statsB = stats(killed);
        assertEquals(STEPS, statsA.size());
        assertEquals(STEPS, statsB.size(), "the redone step appears once");
        for (int i = 0; i < STEPS; i++) {
            for (Iterator<String> it = statsA.get(i).fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!key.startsWith("time/")) {
                    assertEquals(statsA.get(i).get(key).asDouble(), statsB.get(i).get(key).asDouble(), 1e-6,
                            "step " + (i + 1) + " " + key);
                }
            }
        }
    }

    private static List<JsonNode> stats(Path out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(StatsLog.FILE))) {
            nodes.add(Json.MAPPER.readTree(line));
        }
        return nodes;
    }

    private static int runChild(Path out, int killAfter) throws Exception {
        Process p = start(out, killAfter);
        p.getInputStream().transferTo(System.out);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child run did not finish");
        return p.exitValue();
    }

    private static Process start(Path out, int killAfter) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx1g", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1", "-cp", System.getProperty("java.class.path"),
                ResumeChild.class.getName(), out.toString(), Integer.toString(STEPS), Integer.toString(killAfter));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        // MKL picks kernels by CPU and memory alignment unless asked for reproducible results; a
        // resumed run must not differ from the uninterrupted one by kernel choice alone.
        pb.environment().put("MKL_CBWR", "COMPATIBLE");
        return pb.start();
    }
}
