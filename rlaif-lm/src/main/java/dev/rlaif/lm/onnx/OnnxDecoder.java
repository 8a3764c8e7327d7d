package dev.rlaif.lm.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an exported decoder ({@link OnnxExport}) with ONNX Runtime: an inference engine independent of
 * DJL/PyTorch, for serving a reward model or a policy without the training stack, and for checking
 * the two engines against each other.
 *
 * <p>Thread-safe: ONNX Runtime sessions accept concurrent {@code run} calls. Close it to free the
 * native session; the shared {@link OrtEnvironment} is process-wide and stays open.
 */
public final class OnnxDecoder implements AutoCloseable {

    /**
     * One forward pass's results, row-major on the heap.
     *
     * @param batch rows
     * @param sequence columns
     * @param vocab logits per position
     * @param logits {@code [batch, sequence, vocab]}
     * @param values {@code [batch, sequence]}, or null when the model has no value head
     */
    public record Output(int batch, int sequence, int vocab, float[] logits, float[] values) {

        /** The logit of token {@code v} at row {@code b}, column {@code t}. */
        public float logit(int b, int t, int v) {
            return logits[(b * sequence + t) * vocab + v];
        }
    }

    private final OrtSession session;
    private final boolean hasValues;

    private OnnxDecoder(OrtSession session) {
        this.session = session;
        this.hasValues = session.getOutputNames().contains(OnnxExport.VALUES);
    }

    /** Opens a model with ONNX Runtime's default threading. */
    public static OnnxDecoder open(Path model) {
        return open(model, 0);
    }

    /**
     * Opens a model.
     *
     * @param intraOpThreads threads per operator; 0 lets ONNX Runtime choose (one per core)
     */
    public static OnnxDecoder open(Path model, int intraOpThreads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (intraOpThreads > 0) {
                opts.setIntraOpNumThreads(intraOpThreads);
            }
            return new OnnxDecoder(env.createSession(model.toString(), opts));
        } catch (OrtException ex) {
            throw new IllegalArgumentException("ONNX Runtime cannot load " + model + ": " + ex.getMessage(), ex);
        }
    }

    /** Whether the model returns values (was exported with its value head). */
    public boolean hasValueHead() {
        return hasValues;
    }

    /**
     * Runs the decoder on a rectangular batch.
     *
     * @param inputIds {@code [batch][sequence]} token ids (any id at padded cells)
     * @param attentionMask same shape: 1 for real tokens, 0 for padding (either side)
     */
    public Output forward(long[][] inputIds, long[][] attentionMask) {
        int b = inputIds.length;
        if (b == 0 || attentionMask.length != b) {
            throw new IllegalArgumentException("need >= 1 row and a mask row per id row");
        }
        int t = inputIds[0].length;
        long[] ids = new long[b * t];
        long[] mask = new long[b * t];
        for (int r = 0; r < b; r++) {
            if (inputIds[r].length != t || attentionMask[r].length != t) {
                throw new IllegalArgumentException("row " + r + " is not " + t + " wide");
            }
            System.arraycopy(inputIds[r], 0, ids, r * t, t);
            System.arraycopy(attentionMask[r], 0, mask, r * t, t);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = {b, t};
        try (OnnxTensor idT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
                OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
                OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT_IDS, idT, OnnxExport.ATTENTION_MASK, maskT))) {
            OnnxTensor logitsT = (OnnxTensor) result.get(OnnxExport.LOGITS).orElseThrow();
            long[] ls = logitsT.getInfo().getShape();
            float[] logits = copy(logitsT.getFloatBuffer());
            Optional<ai.onnxruntime.OnnxValue> v = hasValues ? result.get(OnnxExport.VALUES) : Optional.empty();
            float[] values = v.isPresent() ? copy(((OnnxTensor) v.get()).getFloatBuffer()) : null;
            return new Output(b, t, (int) ls[2], logits, values);
        } catch (OrtException ex) {
            throw new IllegalStateException("ONNX Runtime failed: " + ex.getMessage(), ex);
        }
    }

    private static float[] copy(FloatBuffer buf) {
        float[] out = new float[buf.remaining()];
        buf.get(out);
        return out;
    }

    /** Frees the native session. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ex) {
            throw new IllegalStateException("cannot close ONNX Runtime session", ex);
        }
    }
}
