package dev.rlaif.lm;

/**
 * The tokenizer contract the decoder, the sampler and the trainers need, and nothing more: they see
 * only ids. rlaif4j's byte-level BPE and the Hugging Face {@code tokenizer.json} loader implement
 * it; tests use tiny character tokenizers.
 *
 * <p>Implementations must be thread-safe and deterministic: {@code decode(encode(s))} returns
 * {@code s} for any text the vocabulary covers.
 */
public interface TextTokenizer {

    /** The ids of a text, without any special token added. */
    int[] encode(String text);

    /** The text of some ids; special tokens (BOS, EOS, PAD) are dropped. */
    String decode(int[] ids);

    /** The end-of-sequence id: generation stops on it and SFT appends it to every answer. */
    int eosId();

    /** The padding id; it is never attended to nor scored, so any in-vocabulary id works. */
    int padId();

    /** The beginning-of-sequence id. */
    int bosId();

    /** The number of ids, which must equal the model's {@code vocab_size}. */
    int vocabSize();
}
