package dev.rlaif.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/** A LayerNorm over the last axis, on PyTorch's fused kernel (one pass forward and backward). */
final class Norm {

    private final NDArray weight;
    private final NDArray bias;
    private final Shape shape;
    private final float eps;

    Norm(NDArray weight, NDArray bias, double eps) {
        this.weight = weight;
        this.bias = bias;
        this.shape = weight.getShape();
        this.eps = (float) eps;
    }

    NDArray apply(NDArray x) {
        return LayerNorm.layerNorm(x, shape, weight, bias, eps).singletonOrThrow();
    }
}
