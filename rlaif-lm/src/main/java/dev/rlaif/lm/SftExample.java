package dev.rlaif.lm;

import dev.rlaif.core.PromptFormat;
import dev.rlaif.core.Task;
import java.util.Arrays;

/**
 * One supervised example: the model is conditioned on {@code prompt} and learns {@code answer}.
 *
 * @param prompt the prompt ids (not trained on); non-empty
 * @param answer the target ids, ending with EOS so the policy learns to stop; non-empty
 */
public record SftExample(int[] prompt, int[] answer) {

    /** Validates. */
    public SftExample {
        if (prompt.length == 0 || answer.length == 0) {
            throw new IllegalArgumentException("prompt and answer must both be non-empty");
        }
    }

    /** The example of a task: its prompt, and its reference answer followed by EOS. */
    public static SftExample of(Task task, TextTokenizer tokenizer, PromptFormat format) {
        int[] target = tokenizer.encode(format.target(task));
        int[] answer = Arrays.copyOf(target, target.length + 1);
        answer[target.length] = tokenizer.eosId();
        return new SftExample(tokenizer.encode(format.prompt(task)), answer);
    }

    /** This example fitted into {@code maxLen} tokens: the prompt loses its oldest ids first, then the answer its last. */
    SftExample fit(int maxLen) {
        if (prompt.length + answer.length <= maxLen) {
            return this;
        }
        int keepPrompt = Math.max(1, Math.min(prompt.length, maxLen - answer.length));
        int keepAnswer = Math.max(1, Math.min(answer.length, maxLen - keepPrompt));
        return new SftExample(Arrays.copyOfRange(prompt, prompt.length - keepPrompt, prompt.length),
                Arrays.copyOf(answer, keepAnswer));
    }
}
