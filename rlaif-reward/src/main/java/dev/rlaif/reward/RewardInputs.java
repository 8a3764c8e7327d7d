package dev.rlaif.reward;

import dev.rlaif.core.PromptFormat;
import dev.rlaif.core.Task;
import dev.rlaif.lm.TextTokenizer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns (task, completion) into the token ids a reward model reads: the policy's prompt
 * ({@link PromptFormat#prompt(Task)}) and the completion, each tokenized on its own exactly as the
 * policy tokenizes them when it generates and scores, so the reward model sees the policy's own
 * sequence. Thread-safe; prompt ids are cached per prompt text.
 *
 * <p>A sequence longer than {@code maxLength} keeps its <em>last</em> {@code maxLength} tokens
 * (cut from the prompt's start first, keeping at least one prompt token), because the head reads
 * the last token and must see the answer's true end.
 */
final class RewardInputs {

    /** The prompt format; only its prompt, which does not depend on the target length, is used. */
    static final PromptFormat FORMAT = PromptFormat.full();

    private final TextTokenizer tokenizer;
    private final int maxLength;
    private final Map<String, int[]> promptCache = new ConcurrentHashMap<>();

    RewardInputs(TextTokenizer tokenizer, int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be >= 2, got " + maxLength);
        }
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
    }

    TextTokenizer tokenizer() {
        return tokenizer;
    }

    int maxLength() {
        return maxLength;
    }

    /** {@code {promptIds, completionIds}} of a task's answer. */
    int[][] encode(Task task, String completion) {
        return encode(FORMAT.prompt(task), completion);
    }

    /** {@code {promptIds, completionIds}} of a prompt text and an answer. */
    int[][] encode(String prompt, String completion) {
        int[] p = promptCache.computeIfAbsent(prompt, tokenizer::encode);
        if (p.length == 0) {
            throw new IllegalArgumentException("the prompt tokenizes to nothing: '" + prompt + "'");
        }
        int[] c = tokenizer.encode(completion);
        int over = p.length + c.length - maxLength;
        if (over > 0) {
            int fromPrompt = Math.min(over, p.length - 1);
            p = Arrays.copyOfRange(p, fromPrompt, p.length);
            over -= fromPrompt;
            if (over > 0) {
                c = Arrays.copyOfRange(c, over, c.length);
            }
        }
        return new int[][] {p, c};
    }
}
