package dev.rlaif.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.Split;
import dev.rlaif.core.gorilla.GorillaData;
import dev.rlaif.core.io.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RewardDatasetTest {

    @Test
    void readsAFeedbackJournalAndSkipsInvalidJudgements() throws Exception {
        Path f = Files.createTempFile("journal", ".jsonl");
        Files.writeString(f, String.join("\n",
                "{\"hub\":\"torchhub\",\"split\":\"train\",\"task\":3,\"completion\":\"a\",\"score\":0.5,\"answers\":[]}",
                "{\"hub\":\"torchhub\",\"split\":\"train\",\"task\":3,\"completion\":\"b\",\"score\":null,\"answers\":[]}",
                "{\"hub\":\"torchhub\",\"split\":\"eval\",\"task\":\"torchhub:eval:5\",\"completion\":\"c\",\"score\":1}",
                "{\"hub\":\"huggingface\",\"split\":\"train\",\"task\":14,\"completion\":\"d\",\"score\":0}", ""));
        RewardDataset d = RewardDataset.fromJournal(f, GorillaData.bundled());
        assertEquals(3, d.size());
        assertEquals(1, d.skipped());
        assertEquals("torchhub:train:3", d.samples().get(0).task().id());
        assertEquals(GorillaData.bundled().trainTasks(dev.rlaif.core.Hub.TORCHHUB).get(2).instruction(),
                d.samples().get(0).task().instruction());
        assertEquals("torchhub:eval:5", d.samples().get(1).task().id());
        // A hub without a train file: train:14 is line 14 of the eval file, with the journal's split.
        assertEquals(Split.TRAIN, d.samples().get(2).task().split());
        assertEquals(GorillaData.bundled().evalTasks(dev.rlaif.core.Hub.HUGGINGFACE).get(13).instruction(),
                d.samples().get(2).task().instruction());
    }

    @Test
    void badLinesNameTheFileAndLine() throws Exception {
        Path f = Files.createTempFile("journal", ".jsonl");
        Files.writeString(f, "{\"hub\":\"torchhub\",\"split\":\"train\",\"task\":1,\"completion\":\"a\",\"score\":0.5}\n"
                + "{\"hub\":\"torchhub\",\"split\":\"train\",\"task\":99999,\"completion\":\"a\",\"score\":0.5}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> RewardDataset.fromJournal(f, GorillaData.bundled()));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("99999"), e.getMessage());
    }

    @Property(tries = 20)
    void splitsAreGroupedByTaskDisjointAndReproducible(@ForAll @LongRange(min = 0, max = 1000) long seed,
            @ForAll @DoubleRange(min = 0.05, max = 0.95) double fraction) {
        RewardDataset d = RewardFixtures.dataset();
        RewardDataset.Partition a = d.splitByTask(fraction, seed);
        RewardDataset.Partition b = d.splitByTask(fraction, seed);
        assertEquals(a.heldOut().taskIds(), b.heldOut().taskIds());
        Set<String> both = new HashSet<>(a.train().taskIds());
        both.retainAll(a.heldOut().taskIds());
        assertTrue(both.isEmpty());
        assertEquals(d.size(), a.train().size() + a.heldOut().size());
        int tasks = d.taskIds().size();
        assertEquals(Math.max(1, Math.min(tasks - 1, Math.round(fraction * tasks))), a.heldOut().taskIds().size());
    }
}
