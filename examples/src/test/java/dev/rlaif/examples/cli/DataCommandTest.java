package dev.rlaif.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.io.Json;
import org.junit.jupiter.api.Test;

class DataCommandTest {

    @Test
    void statsPrintsTheRecordCountsOfEveryHub() throws Exception {
        CliTestSupport.Run r = CliTestSupport.run("data", "stats", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode hubs = Json.MAPPER.readTree(r.out()).get("hubs");
        int[][] expected = {{936, 911}, {696, 688}, {94, 186}};
        String[] names = {"huggingface", "tensorflowhub", "torchhub"};
        for (int i = 0; i < 3; i++) {
            JsonNode h = hubs.get(i);
            assertEquals(names[i], h.get("hub").asText());
            assertEquals(expected[i][0], h.get("api_records").asInt());
            assertEquals(expected[i][1], h.get("eval_records").asInt());
        }
        assertEquals(837, hubs.get(2).get("train_records").asInt());
        assertTrue(hubs.get(0).get("train_records").isNull());
    }

    @Test
    void badUsageAndBadInputExitWithTwo() {
        CliTestSupport.Run r = CliTestSupport.run("data", "stats", "--no-such-flag");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("no-such-flag"), r.err());
        r = CliTestSupport.run("data", "stats", "--data", "/definitely/not/here");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("rlaif: not a directory"), r.err());
    }
}
