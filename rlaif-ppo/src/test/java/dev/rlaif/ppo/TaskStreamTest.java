package dev.rlaif.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rlaif.core.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TaskStreamTest {

    @Property(tries = 30)
    void everyPassVisitsEveryTaskOnce(@ForAll @IntRange(min = 1, max = 4) int perStep, @ForAll long seed) {
        List<Task> tasks = TinyWorld.tasks();
        TaskStream stream = new TaskStream(tasks, seed, perStep);
        List<Task> drawn = new ArrayList<>();
        for (int step = 0; drawn.size() < 3 * tasks.size(); step++) {
            drawn.addAll(stream.batch(step));
        }
        for (int pass = 0; pass < 3; pass++) {
            assertEquals(new HashSet<>(tasks), new HashSet<>(drawn.subList(pass * tasks.size(), (pass + 1) * tasks.size())));
        }
    }

    @Test
    void theBatchOfAStepDependsOnlyOnTheSeedAndTheStep() {
        TaskStream a = new TaskStream(TinyWorld.tasks(), 9, 3);
        TaskStream b = new TaskStream(TinyWorld.tasks(), 9, 3);
        for (int s = 10; s >= 0; s--) {
            assertEquals(a.batch(s), b.batch(s));
        }
        assertEquals(21, a.cursor(7));
        List<List<Task>> orders = new ArrayList<>();
        for (long seed = 0; seed < 6; seed++) {
            orders.add(new TaskStream(TinyWorld.tasks(), seed, 4).batch(0));
        }
        assertNotEquals(1, new HashSet<>(orders).size(), "different seeds shuffle differently");
    }
}
