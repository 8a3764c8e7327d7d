package dev.rlaif.lm;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A GPT-2-shaped decoder on DJL's PyTorch engine, trainable end to end: token and position
 * embeddings, pre-LayerNorm blocks of causal self-attention and a GELU MLP, a final LayerNorm, and
 * logits tied to the token embedding. An optional scalar value head ({@code v_head}) on the final
 * hidden state serves the critic and the reward model.
 *
 * <p>The forward pass is written directly in NDArray operations over a plain parameter store keyed
 * by Hugging Face's GPT-2 names ({@code wte.weight}, {@code h.0.attn.c_attn.weight}, ...), so the
 * names need no mapping and every tensor shape is visible. Parameters live on the GPU when DJL sees
 * one, else on the CPU, and are owned by the model's manager until {@link #close()}.
 *
 * <p><b>Memory discipline.</b> Every activation is created in the caller's step manager (open one
 * per step with {@link #newStepManager()} in try-with-resources); no NDArray outlives its step
 * unless it is a parameter.
 *
 * <p><b>Gradients.</b> The forward methods that return NDArrays record autograd history whenever
 * the thread's grad mode is on (inside a DJL {@code GradientCollector}); the {@code ...NoGrad}
 * conveniences never do. A model is not thread-safe for training; concurrent no-grad inference is
 * safe.
 */
public final class Gpt2Model implements AutoCloseable {

    /** Additive attention-mask value: finite, so a fully masked (padding) query row cannot go NaN. */
    static final float MASKED = -1e9f;

    /**
     * Most logits computed in one piece when scoring: 4M floats (16 MB). glibc serves blocks above
     * 32 MB with fresh {@code mmap}s, so a whole {@code [B·C, V]} logit tensor would page-fault its
     * way through tens of thousands of new pages on every step (forward and backward); chunks this
     * size are recycled from the heap instead.
     */
    static final int LOGIT_CHUNK_ELEMENTS = 1 << 22;

    /** Standard deviation of GPT-2's weight initialisation. */
    static final double INIT_STD = 0.02;

    private static final String VALUE_WEIGHT = "v_head.weight";
    private static final String VALUE_BIAS = "v_head.bias";

    private final Gpt2Config config;
    private final NDManager manager;
    private final DataType dataType;
    private final Map<String, NDArray> params;
    private final NDArray wte;
    private final NDArray wpe;
    private final List<Block> blocks;
    private final Norm lnF;
    private final Dense valueHead;

    /**
     * The outputs of one forward pass over a {@link TokenBatch}.
     *
     * @param logits {@code [B, T, V]} next-token logits at every column
     * @param hidden {@code [B, T, d]} final hidden states (after {@code ln_f})
     * @param values {@code [B, T]} value-head outputs, or {@code null} without a value head
     */
    public record Output(NDArray logits, NDArray hidden, NDArray values) {
    }

    private Gpt2Model(Gpt2Config config, Map<String, float[]> hfWeights, Device device, DataType dataType) {
        this.config = config;
        this.dataType = dataType;
        this.manager = Engines.pytorch().newBaseManager(device);
        Map<String, NDArray> p = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes(config, hfWeights.containsKey(VALUE_WEIGHT)).entrySet()) {
            String name = e.getKey();
            float[] data = hfWeights.get(name);
            long[] hfShape = e.getValue();
            if (isConv1D(name)) {
                data = transpose(data, (int) hfShape[0], (int) hfShape[1]);
                hfShape = new long[] {hfShape[1], hfShape[0]};
            }
            NDArray a = manager.create(data, new Shape(hfShape));
            if (dataType != DataType.FLOAT32) {
                NDArray converted = a.toType(dataType, false);
                a.close();
                a = converted;
            }
            a.setRequiresGradient(true);
            p.put(name, a);
        }
        this.params = Collections.unmodifiableMap(p);
        this.wte = p.get("wte.weight");
        this.wpe = p.get("wpe.weight");
        List<Block> bs = new ArrayList<>();
        for (int i = 0; i < config.nLayer(); i++) {
            String h = "h." + i + ".";
            bs.add(new Block(i,
                    new Norm(p.get(h + "ln_1.weight"), p.get(h + "ln_1.bias"), config.layerNormEpsilon()),
                    new CausalSelfAttention(
                            new Dense(p.get(h + "attn.c_attn.weight"), p.get(h + "attn.c_attn.bias")),
                            new Dense(p.get(h + "attn.c_proj.weight"), p.get(h + "attn.c_proj.bias")),
                            config.nHead(), config.headDim()),
                    new Norm(p.get(h + "ln_2.weight"), p.get(h + "ln_2.bias"), config.layerNormEpsilon()),
                    new Mlp(new Dense(p.get(h + "mlp.c_fc.weight"), p.get(h + "mlp.c_fc.bias")),
                            new Dense(p.get(h + "mlp.c_proj.weight"), p.get(h + "mlp.c_proj.bias")))));
        }
        this.blocks = List.copyOf(bs);
        this.lnF = new Norm(p.get("ln_f.weight"), p.get("ln_f.bias"), config.layerNormEpsilon());
        this.valueHead = p.containsKey(VALUE_WEIGHT) ? new Dense(p.get(VALUE_WEIGHT), p.get(VALUE_BIAS)) : null;
    }

    /**
     * A freshly initialised model, as GPT-2 initialises: weights normal(0, 0.02), the two residual
     * projections of each block ({@code attn.c_proj}, {@code mlp.c_proj}) scaled by
     * {@code 1/sqrt(2·n_layer)} so the residual stream's variance does not grow with depth, biases
     * 0, LayerNorm gains 1. The draw happens on the host from {@code seed}, so it is the same on
     * every device.
     *
     * @param valueHead whether to add a scalar value head
     */
    public static Gpt2Model create(Gpt2Config config, boolean valueHead, long seed) {
        return create(config, valueHead, seed, DataType.FLOAT32, Engines.defaultDevice());
    }

    /** As {@link #create(Gpt2Config, boolean, long)}, on a chosen device and float type (tests use float64). */
    static Gpt2Model create(Gpt2Config config, boolean valueHead, long seed, DataType dataType, Device device) {
        return new Gpt2Model(config, initialWeights(config, valueHead, seed), device, dataType);
    }

    /**
     * A model from weights in Hugging Face's exact layout: GPT-2 names, optionally prefixed with
     * {@code transformer.} (as in {@code GPT2LMHeadModel} files), and Conv1D orientation
     * ({@code [in, out]}) for {@code c_attn}, {@code c_proj}, {@code c_fc} and {@code v_head}. A value
     * head is created when {@code v_head.weight} ({@code [n_embd, 1]}) and {@code v_head.bias}
     * ({@code [1]}) are present. The tied {@code lm_head.weight} and the causal-mask buffers of old
     * checkpoints ({@code attn.bias}, {@code attn.masked_bias}) are ignored; any other unknown or
     * missing name, or a wrong shape, is an error.
     */
    public static Gpt2Model fromHost(Gpt2Config config, Map<String, HostTensor> weights) {
        Map<String, float[]> data = new LinkedHashMap<>();
        Map<String, HostTensor> named = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : weights.entrySet()) {
            String name = e.getKey().startsWith("transformer.") ? e.getKey().substring("transformer.".length()) : e.getKey();
            if (name.equals("lm_head.weight") || name.endsWith(".attn.bias") || name.endsWith(".attn.masked_bias")) {
                continue;
            }
            named.put(name, e.getValue());
        }
        boolean head = named.containsKey(VALUE_WEIGHT);
        Map<String, long[]> expected = shapes(config, head);
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            HostTensor t = named.get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException("missing weight '" + e.getKey() + "'");
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new IllegalArgumentException("weight '" + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(e.getValue()));
            }
            data.put(e.getKey(), t.data());
        }
        for (String name : named.keySet()) {
            if (!expected.containsKey(name)) {
                throw new IllegalArgumentException("unknown weight '" + name + "'");
            }
        }
        return new Gpt2Model(config, data, Engines.defaultDevice(), DataType.FLOAT32);
    }

    /**
     * The weights in Hugging Face's exact layout (unprefixed GPT-2 names, Conv1D orientation,
     * float32), ready for a safetensors writer. The arrays are fresh copies.
     */
    public Map<String, HostTensor> toHost() {
        Map<String, HostTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes(config, hasValueHead()).entrySet()) {
            String name = e.getKey();
            NDArray p = params.get(name);
            float[] data = toFloats(p);
            if (isConv1D(name)) {
                long[] s = p.getShape().getShape();
                data = transpose(data, (int) s[0], (int) s[1]);
            }
            out.put(name, new HostTensor(e.getValue(), data));
        }
        return out;
    }

    /** A deep copy on the same device (e.g. PPO's frozen reference policy). */
    public Gpt2Model copy() {
        return new Gpt2Model(config, hostData(), manager.getDevice(), dataType);
    }

    /**
     * A copy of this model's weights with a freshly initialised value head (normal(0, 0.02), bias
     * 0), replacing any existing one: the starting point of a reward model or a critic.
     */
    public Gpt2Model withNewValueHead(long seed) {
        Map<String, float[]> data = hostData();
        SplittableRandom rng = new SplittableRandom(seed);
        data.put(VALUE_WEIGHT, gaussian(rng, config.nEmbd(), INIT_STD));
        data.put(VALUE_BIAS, new float[1]);
        return new Gpt2Model(config, data, manager.getDevice(), dataType);
    }

    /**
     * Overwrites this model's weights with another's (same config, same heads), in place, so
     * optimiser state and references held by callers stay valid (e.g. refreshing PPO's reference).
     */
    public void loadWeightsFrom(Gpt2Model other) {
        if (!other.config.equals(config) || other.hasValueHead() != hasValueHead()) {
            throw new IllegalArgumentException("models differ in shape: " + other.config + " vs " + config);
        }
        loadWeights(other.toHost());
    }

    /**
     * Overwrites this model's weights, in place, from tensors in the layout {@link #fromHost}
     * accepts; every parameter of this model must be present (a resumed run reloads its checkpoint
     * into the model the caller holds).
     */
    public void loadWeights(Map<String, HostTensor> weights) {
        Map<String, long[]> expected = shapes(config, hasValueHead());
        try (Engines.Scope ng = Engines.noGrad()) {
            copyIn(weights, expected);
        }
    }

    private void copyIn(Map<String, HostTensor> weights, Map<String, long[]> expected) {
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            String name = e.getKey();
            HostTensor t = weights.containsKey(name) ? weights.get(name) : weights.get("transformer." + name);
            if (t == null || !Arrays.equals(t.shape(), e.getValue())) {
                throw new IllegalArgumentException("missing or misshapen weight '" + name + "'");
            }
            long[] s = e.getValue();
            float[] data = isConv1D(name) ? transpose(t.data(), (int) s[0], (int) s[1]) : t.data();
            NDArray p = params.get(name);
            if (dataType == DataType.FLOAT64) {
                double[] d = new double[data.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = data[i];
                }
                p.set(d);
            } else {
                p.set(data);
            }
        }
    }

    /** The shape of this model. */
    public Gpt2Config config() {
        return config;
    }

    /** Whether the model has a value head. */
    public boolean hasValueHead() {
        return valueHead != null;
    }

    /** Where the parameters live. */
    public Device device() {
        return manager.getDevice();
    }

    /** The parameters' float type (float32 except in tests). */
    public DataType dataType() {
        return dataType;
    }

    /**
     * The trainable parameters by Hugging Face name, in a stable order. Linear weights are held
     * {@code [out, in]} (PyTorch's {@code Linear} layout), i.e. transposed relative to the Conv1D
     * layout of {@link #toHost()}; optimisers and gradient code need not care.
     */
    public Map<String, NDArray> parameters() {
        return params;
    }

    /** Number of parameters (tied LM head counted once, value head included). */
    public long parameterCount() {
        return params.values().stream().mapToLong(NDArray::size).sum();
    }

    /** A manager for one step's arrays, on the model's device; close it when the step ends. */
    public NDManager newStepManager() {
        return manager.newSubManager();
    }

    /**
     * The full forward pass over a batch: logits at every column, final hidden states and (with a
     * value head) values. Prefer {@link #score} when only completion log-probs are needed: it
     * computes logits only where a completion token is predicted.
     */
    public Output forward(NDManager step, TokenBatch batch) {
        NDArray hidden = hidden(step, batch);
        NDArray values = valueHead == null ? null : valueHead.apply(hidden).squeeze(-1);
        return new Output(lmHead(hidden), hidden, values);
    }

    /**
     * Scores the completions of a batch: for completion column {@code j} of row {@code b}, the
     * log-probability of {@code completions[b][j]} given everything before it, the entropy of that
     * next-token distribution, and (with a value head) the value of the state that predicts it (the
     * hidden state one column earlier, as PPO's critic wants). All results are {@code [B, C]},
     * zero on padding, and carry gradients when the thread records them.
     *
     * @param temperature divides the logits first (1 = the model's own distribution); pass the
     *     sampling temperature so PPO's ratios compare like with like
     * @param withEntropy whether to compute entropies (one more pass over {@code [B, C, V]})
     */
    public ScoredTokens score(NDManager step, TokenBatch batch, double temperature, boolean withEntropy) {
        int p = batch.promptWidth();
        int c = batch.completionWidth();
        if (c == 0) {
            throw new IllegalArgumentException("nothing to score: every completion is empty");
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        int b = batch.size();
        int d = config.nEmbd();
        NDArray hidden = hidden(step, batch);
        // The states at columns P-1 .. P+C-2 predict the completion tokens at P .. P+C-1.
        NDArray h = hidden.get(new NDIndex().addAllDim().addSliceDim(p - 1, p + c - 1)); // [B, C, d]
        NDArray flat = h.reshape((long) b * c, d);
        NDArray targets = toDevice(step.create(batch.targets(), new Shape((long) b * c, 1)));
        NDArray mask = toDevice(step.create(batch.targetMask(), new Shape(b, c))).toType(dataType, false);
        NDList logprobs = new NDList();
        NDList entropy = new NDList();
        int rows = Math.max(1, LOGIT_CHUNK_ELEMENTS / config.vocabSize());
        for (int start = 0; start < b * c; start += rows) {
            NDIndex slice = new NDIndex().addSliceDim(start, Math.min(b * c, start + rows));
            NDArray logits = lmHead(flat.get(slice)); // [rows, V]
            if (temperature != 1.0) {
                logits = logits.div(temperature);
            }
            NDArray logp = logits.logSoftmax(-1);
            logprobs.add(logp.gather(targets.get(slice), -1));
            if (withEntropy) {
                entropy.add(logp.exp().mul(logp).sum(new int[] {-1}).neg());
            }
        }
        NDArray lp = join(logprobs).reshape(b, c).mul(mask);
        NDArray ent = withEntropy ? join(entropy).reshape(b, c).mul(mask) : null;
        NDArray values = valueHead == null ? null : valueHead.apply(h).squeeze(-1).mul(mask);
        return new ScoredTokens(lp, ent, values, mask);
    }

    private static NDArray join(NDList parts) {
        return parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts);
    }


    /**
     * The value-head output at each row's last real token ({@link TokenBatch#lastTokenColumn}), as a
     * reward model reads it: {@code [B]}, with gradients when recorded.
     *
     * @throws IllegalStateException without a value head
     */
    public NDArray lastTokenValues(NDManager step, TokenBatch batch) {
        requireValueHead();
        int b = batch.size();
        long[] cols = new long[b];
        for (int i = 0; i < b; i++) {
            cols[i] = batch.lastTokenColumn(i);
        }
        NDArray hidden = hidden(step, batch);
        NDArray values = valueHead.apply(hidden).squeeze(-1); // [B, T]
        NDArray index = toDevice(step.create(cols, new Shape(b, 1)));
        return values.gather(index, 1).squeeze(1);
    }

    /**
     * {@link #score} without gradients, copied to the host and trimmed: row {@code b} holds
     * {@code completions[b].length} values. Entropies are always computed; values only with a
     * value head (else {@code null}).
     */
    public TokenLogprobs scoreNoGrad(TokenBatch batch, double temperature) {
        try (Engines.Scope ng = Engines.noGrad(); NDManager step = newStepManager()) {
            ScoredTokens s = score(step, batch, temperature, true);
            return new TokenLogprobs(rows(s.logprobs(), batch), rows(s.entropy(), batch),
                    s.values() == null ? null : rows(s.values(), batch));
        }
    }

    /** {@link #lastTokenValues} without gradients, on the host. */
    public float[] lastTokenValuesNoGrad(TokenBatch batch) {
        try (Engines.Scope ng = Engines.noGrad(); NDManager step = newStepManager()) {
            return toFloats(lastTokenValues(step, batch));
        }
    }

    /** Releases every parameter. */
    @Override
    public void close() {
        manager.close();
    }

    /** {@code [B, T, d]} final hidden states of a whole batch (no cache). */
    NDArray hidden(NDManager step, TokenBatch batch) {
        int b = batch.size();
        int t = batch.width();
        boolean[] valid = batch.valid();
        // A row's positions count its real tokens, so a batch may be wider than n_positions (a long
        // prompt in one row, a long answer in another) as long as no row is longer.
        for (int r = 0; r < b; r++) {
            int real = 0;
            for (int j = 0; j < t; j++) {
                real += valid[r * t + j] ? 1 : 0;
            }
            if (real > config.nPositions()) {
                throw new IllegalArgumentException("row " + r + " has " + real + " tokens, more than n_positions "
                        + config.nPositions());
            }
        }
        NDArray ids = toDevice(step.create(batch.ids(), new Shape(b, t)));
        long[] pos = positions(valid, b, t);
        for (int i = 0; i < pos.length; i++) {
            pos[i] = Math.min(pos[i], config.nPositions() - 1); // trailing padding of a full row
        }
        NDArray positions = toDevice(step.create(pos, new Shape(b, t)));
        NDArray bias = toDevice(step.create(causalBias(valid, b, t), new Shape(b, 1, t, t))).toType(dataType, false);
        return hidden(ids, positions, bias, null);
    }

    /**
     * The decoder trunk: {@code ids, positions [B, t]} (int64), {@code bias [B, 1, t, S]} (see
     * {@link CausalSelfAttention#forward}) to final hidden states {@code [B, t, d]}, reading and
     * extending {@code cache} when it is not {@code null}. Every result lives in {@code ids}' manager.
     */
    NDArray hidden(NDArray ids, NDArray positions, NDArray bias, KvCache cache) {
        NDArray x = embed(ids, wte).add(embed(positions, wpe));
        for (Block block : blocks) {
            x = block.forward(x, bias, cache);
        }
        if (cache != null) {
            cache.advance((int) ids.getShape().get(1));
        }
        return lnF.apply(x);
    }

    /** Logits tied to the token embedding: {@code [..., d] -> [..., V]}. */
    NDArray lmHead(NDArray hidden) {
        return Linear.linear(hidden, wte).singletonOrThrow();
    }

    /** Moves an input to the model's device when the caller's manager lives elsewhere. */
    NDArray toDevice(NDArray a) {
        return a.getDevice().equals(device()) ? a : a.toDevice(device(), false);
    }

    /**
     * Position ids that count real tokens only: a left-padded prompt starts at position 0 as it
     * would unpadded. Padding cells get the position of the next real token (they are masked).
     */
    static long[] positions(boolean[] valid, int b, int t) {
        long[] pos = new long[b * t];
        for (int r = 0; r < b; r++) {
            long seen = 0;
            for (int j = 0; j < t; j++) {
                pos[r * t + j] = valid[r * t + j] ? seen++ : seen;
            }
        }
        return pos;
    }

    /**
     * {@code [B, t, t]} additive mask: query {@code i} sees key {@code j} when {@code j <= i} and
     * {@code j} is a real token; every query also sees itself, so padding rows stay finite.
     */
    static float[] causalBias(boolean[] valid, int b, int t) {
        float[] bias = new float[b * t * t];
        for (int r = 0; r < b; r++) {
            for (int i = 0; i < t; i++) {
                int row = (r * t + i) * t;
                for (int j = 0; j < t; j++) {
                    boolean visible = j == i || (j < i && valid[r * t + j]);
                    bias[row + j] = visible ? 0f : MASKED;
                }
            }
        }
        return bias;
    }

    private static NDArray embed(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    private void requireValueHead() {
        if (valueHead == null) {
            throw new IllegalStateException("this model has no value head; see withNewValueHead");
        }
    }

    private Map<String, float[]> hostData() {
        Map<String, float[]> data = new LinkedHashMap<>();
        for (Map.Entry<String, HostTensor> e : toHost().entrySet()) {
            data.put(e.getKey(), e.getValue().data());
        }
        return data;
    }

    private static float[][] rows(NDArray a, TokenBatch batch) {
        float[] flat = toFloats(a);
        int c = batch.completionWidth();
        float[][] out = new float[batch.size()][];
        for (int b = 0; b < batch.size(); b++) {
            out[b] = Arrays.copyOfRange(flat, b * c, b * c + batch.completions()[b].length);
        }
        return out;
    }

    /** The values of an array of any float type, as float32 on the host. */
    static float[] toFloats(NDArray a) {
        if (a.getDataType() == DataType.FLOAT32) {
            return a.toFloatArray();
        }
        if (a.getDataType() != DataType.FLOAT64) {
            throw new IllegalArgumentException("expected a float32 or float64 array, got " + a.getDataType());
        }
        double[] d = a.toDoubleArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /**
     * The one place that knows Hugging Face's Conv1D layout: these weights are stored {@code [in,
     * out]} in HF files and transposed to {@code [out, in]} here.
     */
    static boolean isConv1D(String name) {
        return name.endsWith("attn.c_attn.weight") || name.endsWith("attn.c_proj.weight")
                || name.endsWith("mlp.c_fc.weight") || name.endsWith("mlp.c_proj.weight") || name.equals(VALUE_WEIGHT);
    }

    /** Row-major {@code [rows, cols] -> [cols, rows]}. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    /** Every parameter name with its Hugging Face (Conv1D) shape, in HF's order. */
    static Map<String, long[]> shapes(Gpt2Config c, boolean valueHead) {
        long d = c.nEmbd();
        Map<String, long[]> s = new LinkedHashMap<>();
        s.put("wte.weight", new long[] {c.vocabSize(), d});
        s.put("wpe.weight", new long[] {c.nPositions(), d});
        for (int i = 0; i < c.nLayer(); i++) {
            String h = "h." + i + ".";
            s.put(h + "ln_1.weight", new long[] {d});
            s.put(h + "ln_1.bias", new long[] {d});
            s.put(h + "attn.c_attn.weight", new long[] {d, 3 * d});
            s.put(h + "attn.c_attn.bias", new long[] {3 * d});
            s.put(h + "attn.c_proj.weight", new long[] {d, d});
            s.put(h + "attn.c_proj.bias", new long[] {d});
            s.put(h + "ln_2.weight", new long[] {d});
            s.put(h + "ln_2.bias", new long[] {d});
            s.put(h + "mlp.c_fc.weight", new long[] {d, 4 * d});
            s.put(h + "mlp.c_fc.bias", new long[] {4 * d});
            s.put(h + "mlp.c_proj.weight", new long[] {4 * d, d});
            s.put(h + "mlp.c_proj.bias", new long[] {d});
        }
        s.put("ln_f.weight", new long[] {d});
        s.put("ln_f.bias", new long[] {d});
        if (valueHead) {
            s.put(VALUE_WEIGHT, new long[] {d, 1});
            s.put(VALUE_BIAS, new long[] {1});
        }
        return s;
    }

    private static Map<String, float[]> initialWeights(Gpt2Config c, boolean valueHead, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double residualStd = INIT_STD / Math.sqrt(2.0 * c.nLayer());
        Map<String, float[]> w = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : shapes(c, valueHead).entrySet()) {
            String name = e.getKey();
            int n = (int) Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b);
            float[] data;
            if (name.contains("ln_") && name.endsWith(".weight")) {
                data = new float[n];
                Arrays.fill(data, 1f);
            } else if (name.endsWith(".bias")) {
                data = new float[n];
            } else if (name.endsWith("c_proj.weight")) {
                data = gaussian(rng, n, residualStd);
            } else {
                data = gaussian(rng, n, INIT_STD);
            }
            w.put(name, data);
        }
        return w;
    }

    private static float[] gaussian(SplittableRandom rng, int n, double std) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (rng.nextGaussian() * std);
        }
        return a;
    }
}
