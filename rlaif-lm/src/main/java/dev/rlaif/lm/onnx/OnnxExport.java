package dev.rlaif.lm.onnx;

import dev.rlaif.lm.Gpt2Config;
import dev.rlaif.lm.HostTensor;
import dev.rlaif.lm.io.HfCheckpoint;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Exports the GPT-2 decoder to an ONNX file (opset 17) that ONNX Runtime, or any other ONNX
 * runtime, can run without rlaif4j.
 *
 * <p>The graph takes {@code input_ids} and {@code attention_mask} ({@code [batch, sequence]}, int64,
 * mask 1 for real tokens and 0 for padding, padding on either side) and returns {@code logits}
 * ({@code [batch, sequence, vocab]}) and, with a value head, {@code values} ({@code [batch, sequence]}).
 * It follows {@code Gpt2Model} operation for operation, padding conventions included, so the two
 * engines agree at every position and not only at real tokens:
 * <ul>
 *   <li>position ids count real tokens before each cell (an exclusive cumulative sum of the mask), so
 *       a left-padded prompt starts at position 0 and a padding cell takes the next real token's position;
 *   <li>query {@code i} attends key {@code j} when {@code j == i}, or {@code j < i} and {@code j} is
 *       real, through an additive bias of {@code -1e9}; padding queries thus see only themselves and
 *       stay finite;
 *   <li>the queries are scaled by {@code 1/sqrt(head_dim)} before the score product; the MLP uses GPT-2's
 *       tanh GELU; logits are the final hidden state times the transposed token embedding.
 * </ul>
 * Weights are HF-layout {@link HostTensor}s (Conv1D {@code [in, out]} matrices, which is exactly what
 * ONNX's {@code MatMul} wants). They are stored inside the file, so models must stay under protobuf's
 * 2 GiB message limit (GPT-2 small and medium do; gpt2-large in float32 does not).
 */
public final class OnnxExport {

    /** Name of the token-id input. */
    public static final String INPUT_IDS = "input_ids";
    /** Name of the attention-mask input. */
    public static final String ATTENTION_MASK = "attention_mask";
    /** Name of the logits output. */
    public static final String LOGITS = "logits";
    /** Name of the value output, present only with a value head. */
    public static final String VALUES = "values";

    /** Matches {@code Gpt2Model}'s additive mask so padding rows are identical in both engines. */
    private static final float MASKED = -1e9f;
    private static final long PROTOBUF_LIMIT = Integer.MAX_VALUE;

    private OnnxExport() {
    }

    /**
     * Writes the decoder to {@code file} (atomically: a temporary file renamed into place).
     *
     * @param weights HF-layout weights by bare GPT-2 name, as from {@code Gpt2Model.toHost()} or
     *     {@link HfCheckpoint#tensors()}
     * @param valueHead whether to export the value head as a second output; the weights must then
     *     contain {@code v_head.weight} and {@code v_head.bias}
     * @throws IllegalArgumentException when the weights do not match the config or the model exceeds
     *     2 GiB
     */
    public static void export(Path file, Gpt2Config config, Map<String, HostTensor> weights, boolean valueHead) {
        if (valueHead && !weights.containsKey(HfCheckpoint.VALUE_HEAD_WEIGHT)) {
            throw new IllegalArgumentException("valueHead requested but the weights have no '"
                    + HfCheckpoint.VALUE_HEAD_WEIGHT + "'");
        }
        // Validates every name and shape with a clear message before anything is written.
        Map<String, HostTensor> w = new HfCheckpoint(config, weights).tensors();
        OnnxGraph g = build(config, w, valueHead);
        String graphName = "rlaif4j_gpt2";
        long size = g.graphSize(graphName);
        if (size > PROTOBUF_LIMIT) {
            throw new IllegalArgumentException("the model needs " + size + " bytes, over protobuf's 2 GiB limit for"
                    + " one ONNX file");
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
            String version = OnnxExport.class.getPackage().getImplementationVersion();
            g.writeModel(os, graphName, version == null ? "dev" : version);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + tmp, ex);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot move " + tmp + " to " + file, ex);
        }
    }

    private static OnnxGraph build(Gpt2Config c, Map<String, HostTensor> w, boolean valueHead) {
        OnnxGraph g = new OnnxGraph();
        g.input(INPUT_IDS, OnnxGraph.INT64, "batch", "sequence");
        g.input(ATTENTION_MASK, OnnxGraph.INT64, "batch", "sequence");
        g.output(LOGITS, OnnxGraph.FLOAT, "batch", "sequence", (long) c.vocabSize());
        if (valueHead) {
            g.output(VALUES, OnnxGraph.FLOAT, "batch", "sequence");
        }
        String wte = weight(g, w, "wte.weight");
        String wpe = weight(g, w, "wpe.weight");

        // Position ids: real tokens before each cell (exclusive cumulative sum of the mask).
        String axis1 = g.constant("axis_1", new long[0], new long[] {1});
        String positions = g.op("CumSum", "positions", List.of(ATTENTION_MASK, axis1), OnnxGraph.Attr.i("exclusive", 1));
        String x = g.op("Add", "embed", List.of(
                g.op("Gather", "tok", List.of(wte, INPUT_IDS), OnnxGraph.Attr.i("axis", 0)),
                g.op("Gather", "pos", List.of(wpe, positions), OnnxGraph.Attr.i("axis", 0))));

        String bias = attentionBias(g);
        long d = c.nEmbd();
        long hd = c.headDim();
        String headsShape = g.ints("heads_shape", 0, 0, c.nHead(), hd);
        String mergedShape = g.ints("merged_shape", 0, 0, d);
        String split = g.ints("qkv_split", d, d, d);
        String scale = g.scalar("attn_scale", (float) (1.0 / Math.sqrt(hd)));
        float eps = (float) c.layerNormEpsilon();
        String[] geluConstants = {g.scalar("gelu_c", 0.044715f), g.scalar("gelu_k", (float) Math.sqrt(2 / Math.PI)),
            g.scalar("half", 0.5f), g.scalar("one", 1f)};
        for (int i = 0; i < c.nLayer(); i++) {
            String h = "h." + i + ".";
            String ln1 = layerNorm(g, w, x, h + "ln_1", eps);
            String qkv = linear(g, w, ln1, h + "attn.c_attn");
            List<String> parts = g.opMulti("Split", "qkv", 3, List.of(qkv, split), OnnxGraph.Attr.i("axis", 2));
            String q = heads(g, parts.get(0), headsShape, 0, 2, 1, 3); // [B, H, T, hd]
            String k = heads(g, parts.get(1), headsShape, 0, 2, 3, 1); // [B, H, hd, T]
            String v = heads(g, parts.get(2), headsShape, 0, 2, 1, 3); // [B, H, T, hd]
            q = g.op("Mul", "q_scaled", List.of(q, scale));
            String scores = g.op("Add", "scores", List.of(g.op("MatMul", "qk", List.of(q, k)), bias)); // [B, H, T, T]
            String probs = g.op("Softmax", "probs", List.of(scores), OnnxGraph.Attr.i("axis", -1));
            String ctx = g.op("Transpose", "ctx", List.of(g.op("MatMul", "pv", List.of(probs, v))),
                    OnnxGraph.Attr.ints("perm", 0, 2, 1, 3)); // [B, T, H, hd]
            ctx = g.op("Reshape", "ctx_merged", List.of(ctx, mergedShape));
            x = g.op("Add", "resid_attn", List.of(x, linear(g, w, ctx, h + "attn.c_proj")));
            String ln2 = layerNorm(g, w, x, h + "ln_2", eps);
            String fc = gelu(g, linear(g, w, ln2, h + "mlp.c_fc"), geluConstants);
            x = g.op("Add", "resid_mlp", List.of(x, linear(g, w, fc, h + "mlp.c_proj")));
        }
        String hidden = layerNorm(g, w, x, "ln_f", eps);
        String wteT = g.op("Transpose", "wte_t", List.of(wte), OnnxGraph.Attr.ints("perm", 1, 0));
        g.opNamed("MatMul", LOGITS, List.of(hidden, wteT));
        if (valueHead) {
            String v = linear(g, w, hidden, "v_head");
            g.opNamed("Squeeze", VALUES, List.of(v, g.ints("squeeze_axes", 2)));
        }
        return g;
    }

    /**
     * {@code [B, 1, T, T]} additive bias: 0 where query {@code i} may see key {@code j} ({@code j == i},
     * or {@code j < i} and {@code j} real), {@code -1e9} elsewhere.
     */
    private static String attentionBias(OnnxGraph g) {
        String seqLen = g.op("Gather", "seq_len", List.of(g.op("Shape", "ids_shape", List.of(INPUT_IDS)),
                g.constant("index_1", new long[0], new long[] {1})), OnnxGraph.Attr.i("axis", 0));
        String zero = g.constant("zero_i64", new long[0], new long[] {0});
        String one = g.constant("one_i64", new long[0], new long[] {1});
        String range = g.op("Range", "range", List.of(zero, seqLen, one));
        String queries = g.op("Unsqueeze", "query_idx", List.of(range, g.ints("axes_1", 1))); // [T, 1]
        String keys = g.op("Unsqueeze", "key_idx", List.of(range, g.ints("axes_0", 0))); // [1, T]
        String self = g.op("Equal", "self", List.of(queries, keys));
        String past = g.op("Less", "past", List.of(keys, queries));
        String realKeys = g.op("Unsqueeze", "real_keys", List.of(
                g.op("Cast", "mask_bool", List.of(ATTENTION_MASK), OnnxGraph.Attr.i("to", OnnxGraph.BOOL)),
                g.ints("axes_1_2", 1, 2))); // [B, 1, 1, T]
        String visible = g.op("Or", "visible", List.of(self, g.op("And", "past_real", List.of(past, realKeys))));
        return g.op("Where", "attn_bias", List.of(visible, g.scalar("unmasked", 0f), g.scalar("masked", MASKED)));
    }

    /** Reshapes {@code [B, T, d]} to {@code [B, T, H, hd]} and permutes it. */
    private static String heads(OnnxGraph g, String in, String shape, long... perm) {
        return g.op("Transpose", "heads", List.of(g.op("Reshape", "split_heads", List.of(in, shape))),
                OnnxGraph.Attr.ints("perm", perm));
    }

    /** {@code x W + b} with HF's Conv1D weight {@code [in, out]}. */
    private static String linear(OnnxGraph g, Map<String, HostTensor> w, String x, String prefix) {
        String mm = g.op("MatMul", prefix + ".mm", List.of(x, weight(g, w, prefix + ".weight")));
        return g.op("Add", prefix + ".out", List.of(mm, weight(g, w, prefix + ".bias")));
    }

    private static String layerNorm(OnnxGraph g, Map<String, HostTensor> w, String x, String prefix, float eps) {
        return g.op("LayerNormalization", prefix, List.of(x, weight(g, w, prefix + ".weight"), weight(g, w, prefix + ".bias")),
                OnnxGraph.Attr.i("axis", -1), OnnxGraph.Attr.f("epsilon", eps));
    }

    /**
     * GPT-2's {@code gelu_new}: {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}.
     *
     * @param k the scalar constants 0.044715, sqrt(2/pi), 0.5 and 1
     */
    private static String gelu(OnnxGraph g, String x, String[] k) {
        String cube = g.op("Mul", "gelu_x3", List.of(g.op("Mul", "gelu_x2", List.of(x, x)), x));
        String inner = g.op("Add", "gelu_inner", List.of(x, g.op("Mul", "gelu_cx3", List.of(cube, k[0]))));
        String t = g.op("Tanh", "gelu_tanh", List.of(g.op("Mul", "gelu_scaled", List.of(inner, k[1]))));
        String half = g.op("Mul", "gelu_half", List.of(x, k[2]));
        return g.op("Mul", "gelu", List.of(half, g.op("Add", "gelu_1p", List.of(t, k[3]))));
    }

    private static String weight(OnnxGraph g, Map<String, HostTensor> w, String name) {
        HostTensor t = w.get(name);
        return g.constant(name, Arrays.copyOf(t.shape(), t.shape().length), t.data());
    }
}
