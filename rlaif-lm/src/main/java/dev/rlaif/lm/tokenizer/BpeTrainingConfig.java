package dev.rlaif.lm.tokenizer;

/**
 * How to train a {@link ByteLevelBpe}.
 *
 * @param vocabSize the final vocabulary size, special tokens and the 256 byte tokens included; must
 *     exceed both. Training stops early when no pair reaches {@code minFrequency}.
 * @param minFrequency the fewest occurrences (counted over the corpus) a pair needs to be merged;
 *     2 by default, because a merge seen once only memorises one word
 * @param specials the special tokens and markers, numbered first
 */
public record BpeTrainingConfig(int vocabSize, int minFrequency, SpecialTokens specials) {

    /** The 256 byte tokens every byte-level vocabulary starts from. */
    static final int BYTE_TOKENS = 256;

    /** Validates the sizes. */
    public BpeTrainingConfig {
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minFrequency must be >= 1, got " + minFrequency);
        }
        int floor = specials.all().size() + BYTE_TOKENS;
        if (vocabSize <= floor) {
            throw new IllegalArgumentException("vocabSize " + vocabSize + " leaves no room for merges: "
                    + specials.all().size() + " special tokens + 256 byte tokens = " + floor);
        }
    }

    /** {@code vocabSize} with minimum frequency 2 and {@link SpecialTokens#defaults()}. */
    public static BpeTrainingConfig of(int vocabSize) {
        return new BpeTrainingConfig(vocabSize, 2, SpecialTokens.defaults());
    }

    /** The same config with other special tokens. */
    public BpeTrainingConfig withSpecials(SpecialTokens s) {
        return new BpeTrainingConfig(vocabSize, minFrequency, s);
    }
}
