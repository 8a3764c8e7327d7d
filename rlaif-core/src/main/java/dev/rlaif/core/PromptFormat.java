package dev.rlaif.core;

/**
 * The prompt a policy sees and the target it learns, in one place.
 *
 * <p>The prompt mirrors APIBench's own {@code code} field: {@code "###Instruction: <q>\n###Output: "}.
 * The target is the reference answer in Gorilla's format with its first {@code targetFields} fields
 * (see {@link GorillaAnswer#render(int)}).
 *
 * @param targetFields how many Gorilla fields the training target keeps (1..5); 3 (domain, call,
 *     provider) fits small CPU budgets, 5 is the paper's full answer
 */
public record PromptFormat(int targetFields) {

    /** The instruction prefix. */
    public static final String INSTRUCTION = "###Instruction: ";
    /** The output marker that ends every prompt. */
    public static final String OUTPUT = "\n###Output: ";

    /** Validates. */
    public PromptFormat {
        if (targetFields < 1 || targetFields > GorillaAnswer.FIELD_COUNT) {
            throw new IllegalArgumentException("targetFields must be in [1,5], got " + targetFields);
        }
    }

    /** The full-answer format. */
    public static PromptFormat full() {
        return new PromptFormat(GorillaAnswer.FIELD_COUNT);
    }

    /** The prompt for a task. */
    public String prompt(Task task) {
        return INSTRUCTION + task.instruction() + OUTPUT;
    }

    /** The training target (the answer text after the prompt). */
    public String target(Task task) {
        return task.reference().render(targetFields);
    }
}
