package dev.rlaif.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** GPT-2's position-wise MLP: {@code c_fc} to 4·d, tanh-approximated GELU, {@code c_proj} back to d. */
final class Mlp {

    /** {@code 2·sqrt(2/π)}: {@code 0.5·(1 + tanh(u)) = sigmoid(2u)}. */
    private static final double A = 2 * Math.sqrt(2 / Math.PI);
    private static final double B = A * 0.044715;

    private final Dense cFc;
    private final Dense cProj;

    Mlp(Dense cFc, Dense cProj) {
        this.cFc = cFc;
        this.cProj = cProj;
    }

    NDArray forward(NDArray x) {
        return cProj.apply(gelu(cFc.apply(x)));
    }

    /**
     * GPT-2's GELU ({@code gelu_new}): {@code 0.5·x·(1 + tanh(sqrt(2/π)·(x + 0.044715·x³)))},
     * rewritten as {@code x·sigmoid(x·(A + B·x²))} to save two elementwise passes. PyTorch's fused
     * {@code gelu} (as DJL exposes it) is the erf form, which differs by up to 1e-3 and would break
     * parity with GPT-2 checkpoints.
     */
    static NDArray gelu(NDArray x) {
        NDArray inner = x.square().mul(B).add(A).mul(x);
        return x.mul(Activation.sigmoid(inner));
    }
}
