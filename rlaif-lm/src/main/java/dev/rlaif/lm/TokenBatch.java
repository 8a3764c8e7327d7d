package dev.rlaif.lm;

import java.util.Arrays;

/**
 * A batch of (prompt, completion) id sequences in the one layout every scoring path uses: prompts
 * LEFT-padded to a common width {@code P}, completions RIGHT-padded to a common width {@code C}, so
 * row {@code b} reads {@code [pad.. prompt_b, completion_b, pad..]} and every completion starts at
 * column {@code P}. Generation produces exactly this layout, so log-probs scored later line up with
 * the sampled tokens column for column, and the completion scores of a batch form a rectangular
 * {@code [B, C]} block ({@code C} may be 0, e.g. for a prompt-only forward).
 *
 * <p>Position ids count real tokens only, so a sequence gets the same positions (and, up to float
 * rounding, the same logits) whether it is padded or not.
 *
 * @param prompts the prompt ids of each row; each must be non-empty
 * @param completions the completion ids of each row (same row count); may be empty
 * @param padId the id written into padded cells (never attended to nor scored)
 */
public record TokenBatch(int[][] prompts, int[][] completions, int padId) {

    /** Validates the rows. */
    public TokenBatch {
        if (prompts.length == 0 || prompts.length != completions.length) {
            throw new IllegalArgumentException(
                    "need >= 1 row and as many completions as prompts: " + prompts.length + " vs " + completions.length);
        }
        for (int[] p : prompts) {
            if (p.length == 0) {
                throw new IllegalArgumentException("every prompt needs at least one token");
            }
        }
    }

    /** A batch without completions (e.g. the prefill of generation). */
    public static TokenBatch promptsOnly(int[][] prompts, int padId) {
        int[][] empty = new int[prompts.length][0];
        return new TokenBatch(prompts, empty, padId);
    }

    /** Number of rows {@code B}. */
    public int size() {
        return prompts.length;
    }

    /** Width {@code P} of the left-padded prompt block: the column where completions start. */
    public int promptWidth() {
        return Arrays.stream(prompts).mapToInt(p -> p.length).max().orElse(0);
    }

    /** Width {@code C} of the right-padded completion block. */
    public int completionWidth() {
        return Arrays.stream(completions).mapToInt(c -> c.length).max().orElse(0);
    }

    /** Total width {@code T = P + C}. */
    public int width() {
        return promptWidth() + completionWidth();
    }

    /** Column of the last real token of a row: its last completion token, or its last prompt token. */
    public int lastTokenColumn(int row) {
        return promptWidth() + completions[row].length - 1;
    }

    /** The {@code [B, T]} ids, row-major, with padding. */
    long[] ids() {
        int p = promptWidth();
        int t = width();
        long[] ids = new long[size() * t];
        Arrays.fill(ids, padId);
        for (int b = 0; b < size(); b++) {
            int[] pr = prompts[b];
            for (int j = 0; j < pr.length; j++) {
                ids[b * t + p - pr.length + j] = pr[j];
            }
            int[] co = completions[b];
            for (int j = 0; j < co.length; j++) {
                ids[b * t + p + j] = co[j];
            }
        }
        return ids;
    }

    /** Whether each of the {@code [B, T]} cells holds a real token. */
    boolean[] valid() {
        int p = promptWidth();
        int t = width();
        boolean[] valid = new boolean[size() * t];
        for (int b = 0; b < size(); b++) {
            Arrays.fill(valid, b * t + p - prompts[b].length, b * t + p + completions[b].length, true);
        }
        return valid;
    }

    /** The completion ids as {@code [B, C]} targets (padding cells hold {@code padId}). */
    long[] targets() {
        int c = completionWidth();
        long[] out = new long[size() * c];
        Arrays.fill(out, padId);
        for (int b = 0; b < size(); b++) {
            int[] co = completions[b];
            for (int j = 0; j < co.length; j++) {
                out[b * c + j] = co[j];
            }
        }
        return out;
    }

    /** {@code [B, C]} mask: 1 where a completion token exists, 0 on padding. */
    float[] targetMask() {
        int c = completionWidth();
        float[] out = new float[size() * c];
        for (int b = 0; b < size(); b++) {
            Arrays.fill(out, b * c, b * c + completions[b].length, 1f);
        }
        return out;
    }

    /** Number of real completion tokens in the batch. */
    public int completionTokens() {
        return Arrays.stream(completions).mapToInt(c -> c.length).sum();
    }
}
