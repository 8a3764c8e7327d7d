package dev.rlaif.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsLogTest {

    @Test
    void resumeCutsTheLogBackToTheCheckpointStep(@TempDir Path out) throws Exception {
        try (StatsLog log = StatsLog.open(out, 0)) {
            for (int s = 1; s <= 5; s++) {
                log.append(Map.of("step", (double) s, "objective/kl", 0.1 * s));
            }
        }
        try (StatsLog log = StatsLog.open(out, 3)) {
            assertEquals(3, log.history().size());
            assertEquals(0.3, log.history().get(2).get("objective/kl"), 1e-12);
            log.append(Map.of("step", 4.0, "objective/kl", 9.0));
        }
        assertEquals(4, Files.readAllLines(out.resolve(StatsLog.FILE)).size());
        try (StatsLog fresh = StatsLog.open(out, 0)) {
            assertEquals(0, fresh.history().size(), "a run without a checkpoint starts a fresh log");
        }
    }

    @Test
    void withoutAnOutputDirectoryStatsStayInMemory() {
        try (StatsLog log = StatsLog.open(null, 0)) {
            log.append(Map.of("step", 1.0));
            assertEquals(1, log.history().size());
        }
    }
}
