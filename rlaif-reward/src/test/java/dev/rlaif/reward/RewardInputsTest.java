package dev.rlaif.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.PromptFormat;
import dev.rlaif.core.Task;
import dev.rlaif.lm.TextTokenizer;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class RewardInputsTest {

    @Test
    void readsThePolicysPromptAndTheCompletionTokenizedSeparately() {
        TextTokenizer tok = RewardFixtures.tokenizer();
        Task task = RewardFixtures.tasks().get(0);
        String answer = task.reference().render(3);
        int[][] e = new RewardInputs(tok, 10_000).encode(task, answer);
        assertArrayEquals(tok.encode(PromptFormat.full().prompt(task)), e[0]);
        assertArrayEquals(tok.encode(answer), e[1]);
    }

    @Property(tries = 100)
    void longSequencesKeepTheirLastTokens(@ForAll @StringLength(max = 300) String completion,
            @ForAll @IntRange(min = 2, max = 120) int maxLength) {
        TextTokenizer tok = RewardFixtures.tokenizer();
        Task task = RewardFixtures.tasks().get(1);
        int[] p = tok.encode(PromptFormat.full().prompt(task));
        int[] c = tok.encode(completion);
        int[][] e = new RewardInputs(tok, maxLength).encode(task, completion);
        int[] full = concat(p, c);
        int[] kept = concat(e[0], e[1]);
        assertTrue(e[0].length >= 1);
        assertEquals(Math.min(full.length, maxLength), kept.length);
        if (c.length < maxLength) {
            assertArrayEquals(Arrays.copyOfRange(full, full.length - kept.length, full.length), kept);
        } else {
            assertArrayEquals(new int[] {p[p.length - 1]}, e[0]);
            assertArrayEquals(Arrays.copyOfRange(c, c.length - (maxLength - 1), c.length), e[1]);
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
