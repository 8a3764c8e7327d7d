package dev.rlaif.lm;

import ai.djl.ndarray.NDArray;

/**
 * Multi-head causal self-attention with GPT-2's fused QKV projection ({@code c_attn}: one GEMM
 * yields queries, keys and values) and output projection ({@code c_proj}).
 */
final class CausalSelfAttention {

    private final Dense cAttn;
    private final Dense cProj;
    private final int nHead;
    private final int headDim;
    private final double scale;

    CausalSelfAttention(Dense cAttn, Dense cProj, int nHead, int headDim) {
        this.cAttn = cAttn;
        this.cProj = cProj;
        this.nHead = nHead;
        this.headDim = headDim;
        this.scale = 1.0 / Math.sqrt(headDim);
    }

    /**
     * @param x {@code [B, t, d]} normalised input of the {@code t} new columns
     * @param bias {@code [B, 1, t, S]} additive mask: 0 where a query may attend a key, a large
     *     negative number elsewhere (future columns and padding); {@code S} counts cached columns too
     * @param cache the layer's KV cache, or {@code null} for a full forward
     * @return {@code [B, t, d]}
     */
    NDArray forward(NDArray x, NDArray bias, KvCache cache, int layer) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        // [B, t, 3d] -> [B, t, 3, H, hd] -> [3, B, H, t, hd]: q, k, v as strided views, no copy.
        NDArray qkv = cAttn.apply(x).reshape(b, t, 3, nHead, headDim).transpose(2, 0, 3, 1, 4);
        NDArray q = qkv.get(0).mul(scale); // scaling q ([.., t, hd]) is cheaper than scores ([.., t, S])
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        if (cache != null) {
            NDArray[] kv = cache.append(layer, k, v);
            k = kv[0];
            v = kv[1];
        }
        NDArray att = q.matMul(k.transpose(0, 1, 3, 2)).add(bias).softmax(-1); // [B, H, t, S]
        NDArray y = att.matMul(v); // [B, H, t, hd]
        y = y.transpose(0, 2, 1, 3).reshape(b, t, (long) nHead * headDim);
        return cProj.apply(y);
    }
}
