package dev.rlaif.core.gorilla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.Hub;
import dev.rlaif.core.Split;
import dev.rlaif.core.Task;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SplitsTest {

    static final List<Task> HF = GorillaData.bundled().evalTasks(Hub.HUGGINGFACE);

    @Property(tries = 20)
    void reSplitIsGroupedStratifiedAndComplete(@ForAll long seed) {
        TaskSplit s = Splits.regroup(HF, seed, 0.2);
        assertEquals(HF.size(), s.train().size() + s.eval().size());
        Set<String> trainApis = s.train().stream().map(t -> t.api().apiName()).collect(Collectors.toSet());
        Set<String> evalApis = s.eval().stream().map(t -> t.api().apiName()).collect(Collectors.toSet());
        Set<String> both = new HashSet<>(trainApis);
        both.retainAll(evalApis);
        assertTrue(both.isEmpty(), "APIs on both sides: " + both);
        Set<String> trainDomains = s.train().stream().map(Task::domain).collect(Collectors.toSet());
        Set<String> allDomains = HF.stream().map(Task::domain).collect(Collectors.toSet());
        assertEquals(allDomains, trainDomains, "every domain has training questions");
        double frac = s.eval().size() / (double) HF.size();
        assertTrue(frac > 0.15 && frac < 0.3, "eval fraction " + frac);
        assertTrue(s.train().stream().allMatch(t -> t.split() == Split.TRAIN));
        assertTrue(s.eval().stream().allMatch(t -> t.split() == Split.EVAL));
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        List<Integer> a = Splits.regroup(HF, 7, 0.2).eval().stream().map(Task::line).toList();
        List<Integer> b = Splits.regroup(HF, 7, 0.2).eval().stream().map(Task::line).toList();
        List<Integer> c = Splits.regroup(HF, 8, 0.2).eval().stream().map(Task::line).toList();
        assertEquals(a, b);
        assertTrue(!a.equals(c));
    }

    @Test
    void torchHubUsesTheOfficialSplit() {
        TaskSplit s = Splits.split(GorillaData.bundled(), Hub.TORCHHUB, 1);
        assertEquals(837, s.train().size());
        assertEquals(186, s.eval().size());
    }
}
