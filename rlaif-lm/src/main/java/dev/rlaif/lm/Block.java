package dev.rlaif.lm;

import ai.djl.ndarray.NDArray;

/** One pre-LayerNorm transformer block: {@code x + attn(ln_1(x))}, then {@code x + mlp(ln_2(x))}. */
final class Block {

    private final Norm ln1;
    private final CausalSelfAttention attn;
    private final Norm ln2;
    private final Mlp mlp;
    private final int index;

    Block(int index, Norm ln1, CausalSelfAttention attn, Norm ln2, Mlp mlp) {
        this.index = index;
        this.ln1 = ln1;
        this.attn = attn;
        this.ln2 = ln2;
        this.mlp = mlp;
    }

    /** {@code [B, t, d] -> [B, t, d]}; see {@link CausalSelfAttention#forward} for the mask. */
    NDArray forward(NDArray x, NDArray bias, KvCache cache) {
        NDArray h = x.add(attn.forward(ln1.apply(x), bias, cache, index));
        return h.add(mlp.forward(ln2.apply(h)));
    }
}
