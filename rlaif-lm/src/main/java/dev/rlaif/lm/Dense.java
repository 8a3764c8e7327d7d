package dev.rlaif.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

/**
 * An affine map {@code x·Wᵀ + b} on PyTorch's fused {@code linear} (one GEMM with the bias folded
 * in). The weight is held as {@code [out, in]}, the layout {@code linear} wants without a copy; the
 * Conv1D layout of Hugging Face files ({@code [in, out]}) is converted once, at load and save time,
 * in {@link Gpt2Model#fromHost} and {@link Gpt2Model#toHost}.
 */
final class Dense {

    private final NDArray weight;
    private final NDArray bias;

    Dense(NDArray weight, NDArray bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /** {@code [..., in] -> [..., out]}; the result lives in {@code x}'s manager. */
    NDArray apply(NDArray x) {
        return Linear.linear(x, weight, bias).singletonOrThrow();
    }
}
