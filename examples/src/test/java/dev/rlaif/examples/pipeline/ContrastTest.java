package dev.rlaif.examples.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.Hub;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.GorillaData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Off-task contrast answers come from tasks of another domain, in the requested number, deterministically. */
class ContrastTest {

    @Test
    void contrastAnswersComeFromAnotherDomain() {
        List<Task> train = GorillaData.bundled().trainTasks(Hub.TORCHHUB).subList(0, 200);
        List<Task> tasks = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Map<String, Task> owner = new HashMap<>();
        for (Task t : train) {
            for (int k = 0; k < 2; k++) {
                String text = "answer " + k + " of " + t.id();
                tasks.add(t);
                texts.add(text);
                owner.put(text, t);
            }
        }
        int n = tasks.size();
        assertTrue(train.stream().map(Task::domain).distinct().count() > 1, "the sample spans several domains");

        Experiment.addContrast(tasks, texts, 2, 5);

        assertEquals(n + 2 * train.size(), tasks.size());
        assertEquals(tasks.size(), texts.size());
        for (int i = n; i < tasks.size(); i++) {
            Task source = owner.get(texts.get(i));
            assertNotEquals(tasks.get(i).domain(), source.domain(), "contrast " + i + " is from another domain");
        }
        List<String> again = new ArrayList<>(texts.subList(0, n));
        Experiment.addContrast(new ArrayList<>(tasks.subList(0, n)), again, 2, 5);
        assertEquals(texts, again, "same seed, same contrast set");
    }

    @Test
    void aSetWithOneTaskGetsNoContrast() {
        Task only = GorillaData.bundled().trainTasks(Hub.TORCHHUB).get(0);
        List<Task> tasks = new ArrayList<>(List.of(only, only));
        List<String> texts = new ArrayList<>(List.of("a", "b"));
        Experiment.addContrast(tasks, texts, 3, 1);
        assertEquals(2, tasks.size());
        assertEquals(List.of("a", "b"), texts);
    }
}
