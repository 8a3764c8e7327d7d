package dev.rlaif.lm;

import java.util.Arrays;

/**
 * A float32 tensor held on the Java heap, row-major: the exchange format between files
 * (safetensors, ONNX) and the engine. The arrays are not copied.
 *
 * @param shape the dimensions
 * @param data the values, row-major, {@code product(shape)} long
 */
public record HostTensor(long[] shape, float[] data) {

    /** Validates that the data length matches the shape. */
    public HostTensor {
        long n = 1;
        for (long s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }
}
