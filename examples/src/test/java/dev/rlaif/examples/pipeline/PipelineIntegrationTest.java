package dev.rlaif.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.Hub;
import dev.rlaif.core.io.Json;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on the micro preset: killed with SIGKILL in a child JVM once its first
 * stages are done, then resumed in-process; every artifact of the report is checked.
 */
class PipelineIntegrationTest {

    @TempDir
    Path out;

    @Test
    void killedRunResumesAndWritesEveryArtifact() throws Exception {
        Path sftMarker = out.resolve("seed-1/sft/provenance.json");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-Dai.djl.offline=true", "-Drlaif.quiet=true",
                "-cp", System.getProperty("java.class.path"),
                "dev.rlaif.examples.cli.RlaifCli", "run", "--preset", "micro", "--out", out.toString()));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(out.resolveSibling(out.getFileName() + "-child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(sftMarker) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(sftMarker), "the child finished its SFT stage before being killed");
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(out.resolve("results.json")), "killed before the end");
        String sftProvenance = Files.readString(sftMarker);

        Pipeline.run("micro", out, Hub.TORCHHUB, 1, 0, null, Experiment.JudgeChoice.offline());

        assertEquals(sftProvenance, Files.readString(sftMarker), "the finished SFT stage was kept, not redone");
        for (String f : List.of("results.json", "report.md", "rl_reward.png", "rl_kl.png", "rl_entropy.png", "metrics.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode results = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        JsonNode seed = results.get("seeds").get(0);
        for (String model : List.of("sft", "rlaif", "sft_large", "constant")) {
            JsonNode m = seed.get("metrics").get(model);
            for (String metric : List.of("ast_accuracy", "hallucination", "wrong", "strict_accuracy", "executability",
                    "ast_accuracy_domain_macro", "distinct_calls")) {
                double v = m.get(metric).asDouble(-1);
                assertTrue(v >= 0 && v <= 1, model + " " + metric + " = " + v);
            }
            double verdicts = m.get("ast_accuracy").asDouble() + m.get("hallucination").asDouble() + m.get("wrong").asDouble();
            assertEquals(1.0, verdicts, 1e-9, "every answer gets exactly one Gorilla verdict");
        }
        assertEquals(1.0 / 8, seed.get("metrics").get("constant").get("distinct_calls").asDouble(), 1e-12,
                "the constant baseline gives one call to all 8 eval tasks");
        assertTrue(seed.get("parameters").get("sft_large").asLong() > seed.get("parameters").get("sft").asLong());
        assertFalse(seed.get("rlHistory").isEmpty(), "RL statistics were logged");
        assertTrue(seed.get("rlHistory").get(0).has("objective/kl"));
        assertTrue(results.get("provenance").get("data_hash").asText().length() == 64);
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("| RLAIF policy |"), report);
        assertTrue(report.contains("rl_reward.png"));

        // A second rerun skips everything and reproduces the same results.
        String before = Json.MAPPER.readTree(out.resolve("results.json").toFile()).get("seeds").get(0).get("metrics").toString();
        Pipeline.run("micro", out, Hub.TORCHHUB, 1, 0, null, Experiment.JudgeChoice.offline());
        String after = Json.MAPPER.readTree(out.resolve("results.json").toFile()).get("seeds").get(0).get("metrics").toString();
        assertEquals(before, after);
        assertTrue(new File(out.toFile(), "seed-1/rl/policy/model.safetensors").length() > 0);
    }
}
