package dev.rlaif.lm;

/**
 * The shape of a GPT-2-family decoder, with Hugging Face's {@code config.json} field names.
 *
 * @param vocabSize {@code vocab_size}
 * @param nPositions {@code n_positions}: the longest sequence (prompt plus answer)
 * @param nEmbd {@code n_embd}: the model width
 * @param nLayer {@code n_layer}: the number of transformer blocks
 * @param nHead {@code n_head}: attention heads per block; must divide {@code nEmbd}
 * @param layerNormEpsilon {@code layer_norm_epsilon} (GPT-2: 1e-5)
 * @param bosTokenId {@code bos_token_id}
 * @param eosTokenId {@code eos_token_id}
 * @param padTokenId {@code pad_token_id} (GPT-2 has none; rlaif4j's tokenizers define one)
 */
public record Gpt2Config(int vocabSize, int nPositions, int nEmbd, int nLayer, int nHead,
        double layerNormEpsilon, int bosTokenId, int eosTokenId, int padTokenId) {

    /** Validates the shape. */
    public Gpt2Config {
        if (vocabSize < 1 || nPositions < 1 || nEmbd < 1 || nLayer < 1 || nHead < 1) {
            throw new IllegalArgumentException("all sizes must be >= 1: " + this);
        }
        if (nEmbd % nHead != 0) {
            throw new IllegalArgumentException("n_embd (" + nEmbd + ") must be divisible by n_head (" + nHead + ")");
        }
    }

    /** Width of one attention head. */
    public int headDim() {
        return nEmbd / nHead;
    }

    /** Number of parameters (tied LM head counted once), as HF counts them. */
    public long parameterCount() {
        long d = nEmbd;
        long perBlock = 2 * 2 * d // ln_1, ln_2
                + d * 3 * d + 3 * d // c_attn
                + d * d + d // attn c_proj
                + d * 4 * d + 4 * d // c_fc
                + 4 * d * d + d; // mlp c_proj
        return (long) vocabSize * d + (long) nPositions * d + nLayer * perBlock + 2 * d;
    }
}
