package dev.rlaif.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Keys and values of every layer for the columns decoded so far, so each new token costs one
 * column of attention instead of a forward over the whole sequence.
 *
 * <p>The buffers are allocated once at full length ({@code [B, H, capacity, hd]} per layer) and
 * written in place, so a decode step copies only its own column; attention reads a prefix view.
 */
final class KvCache {

    private final NDArray[] keys;
    private final NDArray[] values;
    private final int capacity;
    private int length;

    KvCache(NDManager manager, Gpt2Config cfg, int batch, int capacity, DataType dtype) {
        this.capacity = capacity;
        this.keys = new NDArray[cfg.nLayer()];
        this.values = new NDArray[cfg.nLayer()];
        Shape shape = new Shape(batch, cfg.nHead(), capacity, cfg.headDim());
        for (int l = 0; l < cfg.nLayer(); l++) {
            keys[l] = manager.zeros(shape, dtype);
            values[l] = manager.zeros(shape, dtype);
        }
    }

    /** Columns filled so far. */
    int length() {
        return length;
    }

    /**
     * Writes layer {@code layer}'s keys and values for {@code t} new columns ({@code [B, H, t, hd]})
     * after the filled prefix and returns views of the filled prefix including them.
     */
    NDArray[] append(int layer, NDArray k, NDArray v) {
        int t = (int) k.getShape().get(2);
        if (length + t > capacity) {
            throw new IllegalStateException("KV cache full: " + length + " + " + t + " > " + capacity);
        }
        NDIndex slot = new NDIndex().addAllDim(2).addSliceDim(length, length + t);
        keys[layer].set(slot, k);
        values[layer].set(slot, v);
        NDIndex prefix = new NDIndex().addAllDim(2).addSliceDim(0, length + t);
        NDArray kView = keys[layer].get(prefix);
        NDArray vView = values[layer].get(prefix);
        kView.attach(k.getManager());
        vView.attach(k.getManager());
        return new NDArray[] {kView, vView};
    }

    /** Marks {@code t} more columns as filled, after every layer has appended them. */
    void advance(int t) {
        length += t;
    }
}
