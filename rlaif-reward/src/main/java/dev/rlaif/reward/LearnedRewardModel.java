package dev.rlaif.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.Provenance;
import dev.rlaif.core.RewardModel;
import dev.rlaif.core.Task;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.core.io.Json;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.TextTokenizer;
import dev.rlaif.lm.TokenBatch;
import dev.rlaif.lm.io.HfCheckpoint;
import dev.rlaif.lm.onnx.OnnxExport;
import dev.rlaif.lm.tokenizer.ByteLevelBpe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A learned reward model on DJL: the rlaif-lm decoder with a scalar value head read at the last
 * real token of {@code prompt + completion}, tokenized with the policy's tokenizer.
 *
 * <p>{@link #score} and {@link #scoreAll} return the head's raw output: for {@link RewardObjective#MSE}
 * an estimate of the judge's [0,1] score, for {@link RewardObjective#BCE} its logit, for
 * {@link RewardObjective#BRADLEY_TERRY} a utility with a free offset. {@link #normalization()} holds
 * the mean and std of the raw scores over the training set, so PPO whitens rewards the same way in
 * every run ({@link #whitened()}).
 *
 * <p><b>Scoring.</b> Batched, without gradients, under this model's own scoring {@link NDManager}:
 * answers are sorted by length so each batch pads little, every batch runs in a sub-manager closed
 * with it, and nothing outlives a call. Concurrent scoring from several threads is safe.
 *
 * <p><b>Files.</b> {@link #save} writes the Hugging Face layout ({@code config.json},
 * {@code model.safetensors} with {@code v_head.weight}/{@code v_head.bias}), the tokenizer
 * ({@code tokenizer.json} and {@code tokenizer_config.json}, when it is rlaif4j's BPE) and
 * {@code reward_config.json} (objective, normalisation, max length, provenance).
 */
public final class LearnedRewardModel implements RewardModel {

    /** The file beside the HF checkpoint that holds what only a reward model needs. */
    public static final String REWARD_CONFIG_FILE = "reward_config.json";

    private final Gpt2Model model;
    private final RewardInputs inputs;
    private final RewardObjective objective;
    private final RewardNormalization normalization;
    private final Provenance provenance;
    private final int batchSize;
    private final NDManager scoring;

    /**
     * Wraps a trained model; takes ownership of it ({@link #close()} closes it).
     *
     * @param maxLength longest sequence read, at most the model's {@code n_positions}
     */
    LearnedRewardModel(Gpt2Model model, TextTokenizer tokenizer, int maxLength, RewardObjective objective,
            RewardNormalization normalization, Provenance provenance, int batchSize) {
        if (!model.hasValueHead()) {
            throw new IllegalArgumentException("a reward model needs a value head");
        }
        if (tokenizer.vocabSize() != model.config().vocabSize()) {
            throw new IllegalArgumentException("tokenizer has " + tokenizer.vocabSize()
                    + " ids but the model's vocab_size is " + model.config().vocabSize());
        }
        if (maxLength > model.config().nPositions()) {
            throw new IllegalArgumentException("maxLength " + maxLength + " exceeds n_positions "
                    + model.config().nPositions());
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.model = model;
        this.inputs = new RewardInputs(tokenizer, maxLength);
        this.objective = Objects.requireNonNull(objective, "objective");
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        this.batchSize = batchSize;
        this.scoring = model.newStepManager();
    }

    /**
     * Loads a model saved by {@link #save}, with the tokenizer saved beside it.
     *
     * @throws InvalidInputException when the directory holds no {@code tokenizer.json} (use
     *     {@link #load(Path, TextTokenizer)}) or no {@code reward_config.json}
     */
    public static LearnedRewardModel load(Path dir) {
        if (HfCheckpoint.tokenizerFile(dir).isEmpty()) {
            throw new InvalidInputException(dir.toString(), 0, "no " + HfCheckpoint.TOKENIZER_FILE
                    + "; pass the policy's tokenizer explicitly");
        }
        return load(dir, ByteLevelBpe.load(dir));
    }

    /** Loads a model saved by {@link #save}, scoring with the given tokenizer (the policy's). */
    public static LearnedRewardModel load(Path dir, TextTokenizer tokenizer) {
        Path cfgFile = dir.resolve(REWARD_CONFIG_FILE);
        JsonNode cfg;
        try {
            cfg = Json.MAPPER.readTree(Files.readString(cfgFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException(cfgFile.toString(), 0, "cannot read: " + e.getMessage(), e);
        }
        RewardObjective objective;
        RewardNormalization norm;
        Provenance provenance;
        int maxLength;
        int batch;
        try {
            objective = RewardObjective.parse(Json.requireString(cfg, "objective"));
            JsonNode n = Json.requireObject(cfg, "normalization");
            norm = new RewardNormalization(Json.requireDouble(n, "mean"), Json.requireDouble(n, "std"));
            maxLength = (int) Json.requireLong(cfg, "max_length");
            batch = (int) Json.requireLong(cfg, "score_batch_size");
            provenance = Json.MAPPER.treeToValue(Json.requireObject(cfg, "provenance"), Provenance.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(cfgFile.toString(), 0, e.getMessage(), e);
        }
        HfCheckpoint ckpt = HfCheckpoint.load(dir);
        if (!ckpt.hasValueHead()) {
            throw new InvalidInputException(dir.toString(), 0, "the checkpoint has no value head (v_head.weight)");
        }
        Gpt2Model m = Gpt2Model.fromHost(ckpt.config(), ckpt.tensors());
        try {
            return new LearnedRewardModel(m, tokenizer, maxLength, objective, norm, provenance, batch);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Writes the model into {@code dir} (see the class comment), creating it. */
    public void save(Path dir) {
        HfCheckpoint ckpt = new HfCheckpoint(model.config(), model.toHost());
        ckpt.save(dir);
        if (inputs.tokenizer() instanceof ByteLevelBpe bpe) {
            bpe.save(dir);
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("objective", objective.id());
        ObjectNode n = o.putObject("normalization");
        n.put("mean", normalization.mean());
        n.put("std", normalization.std());
        o.put("max_length", inputs.maxLength());
        o.put("score_batch_size", batchSize);
        o.set("provenance", Json.MAPPER.valueToTree(provenance));
        try {
            Files.writeString(dir.resolve(REWARD_CONFIG_FILE),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(REWARD_CONFIG_FILE) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Exports this model, value head included, to an ONNX file and opens it with ONNX Runtime, with
     * this model's tokenizer, maximum length, normalisation and batch size.
     *
     * @param intraOpThreads ONNX Runtime threads per operator; 0 lets it choose (one per core)
     */
    public OnnxRewardModel exportOnnx(Path file, int intraOpThreads) {
        OnnxExport.export(file, model.config(), model.toHost(), true);
        return OnnxRewardModel.open(file, inputs.tokenizer(), inputs.maxLength(), normalization, batchSize,
                intraOpThreads);
    }

    /** What the head was trained to fit, which says how to read {@link #score}. */
    public RewardObjective objective() {
        return objective;
    }

    /** Mean and std of the raw scores over the training set. */
    public RewardNormalization normalization() {
        return normalization;
    }

    /** Where this model came from: trainer config, seed, data hash, parent checkpoint. */
    public Provenance provenance() {
        return provenance;
    }

    /** The longest token sequence read (prompt plus answer, cut from the left). */
    public int maxLength() {
        return inputs.maxLength();
    }

    /** The tokenizer (the policy's). */
    public TextTokenizer tokenizer() {
        return inputs.tokenizer();
    }

    /**
     * A view whose scores are whitened with {@link #normalization()}: {@code (raw − mean) / std}.
     * It shares this model; closing the view does nothing.
     */
    public RewardModel whitened() {
        LearnedRewardModel self = this;
        return new RewardModel() {
            @Override
            public double score(Task task, String completion) {
                return normalization.whiten(self.score(task, completion));
            }

            @Override
            public double[] scoreAll(List<Task> tasks, List<String> completions) {
                double[] raw = self.scoreAll(tasks, completions);
                for (int i = 0; i < raw.length; i++) {
                    raw[i] = normalization.whiten(raw[i]);
                }
                return raw;
            }
        };
    }

    @Override
    public double score(Task task, String completion) {
        return scoreAll(List.of(task), List.of(completion))[0];
    }

    @Override
    public double[] scoreAll(List<Task> tasks, List<String> completions) {
        if (tasks.size() != completions.size()) {
            throw new IllegalArgumentException(
                    "tasks (" + tasks.size() + ") and completions (" + completions.size() + ") differ in size");
        }
        List<int[][]> rows = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            rows.add(inputs.encode(tasks.get(i), completions.get(i)));
        }
        return scoreEncoded(rows);
    }

    /** Scores encoded {@code {prompt, completion}} rows, batched by sorted length. */
    double[] scoreEncoded(List<int[][]> rows) {
        return scoreSorted(rows, batchSize, inputs.maxLength(), this::forwardNoGrad);
    }

    /**
     * Scores rows through {@code forward} in batches of similar length, results in input order. A
     * batch holds at most {@code batchSize} rows and stays within {@code maxWidth} columns once
     * padded (its longest prompt plus its longest answer), so no row is ever cut by batching.
     */
    static double[] scoreSorted(List<int[][]> rows, int batchSize, int maxWidth, BatchForward forward) {
        int n = rows.size();
        double[] out = new double[n];
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> rows.get(i)[0].length + rows.get(i)[1].length).reversed());
        int from = 0;
        while (from < n) {
            int to = from;
            int maxP = 0;
            int maxC = 0;
            while (to < n && to - from < batchSize) {
                int[][] row = rows.get(order.get(to));
                int p = Math.max(maxP, row[0].length);
                int c = Math.max(maxC, row[1].length);
                if (to > from && p + c > maxWidth) {
                    break;
                }
                maxP = p;
                maxC = c;
                to++;
            }
            int[][] prompts = new int[to - from][];
            int[][] completions = new int[to - from][];
            for (int r = from; r < to; r++) {
                int[][] row = rows.get(order.get(r));
                prompts[r - from] = row[0];
                completions[r - from] = row[1];
            }
            float[] v = forward.apply(prompts, completions);
            for (int r = from; r < to; r++) {
                out[order.get(r)] = v[r - from];
            }
            from = to;
        }
        return out;
    }

    /** One batch forward to last-token values; the DJL and ONNX Runtime paths both implement it. */
    @FunctionalInterface
    interface BatchForward {
        float[] apply(int[][] prompts, int[][] completions);
    }

    private float[] forwardNoGrad(int[][] prompts, int[][] completions) {
        TokenBatch batch = new TokenBatch(prompts, completions, inputs.tokenizer().padId());
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager step = scoring.newSubManager()) {
            NDArray v = model.lastTokenValues(step, batch);
            return v.toType(DataType.FLOAT32, false).toFloatArray();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /** Number of NDArrays alive under the scoring manager (0 between calls); for leak tests. */
    int liveScoringArrays() {
        return scoring.getManagedArrays().size();
    }

    /** The model (owned by this object). */
    Gpt2Model model() {
        return model;
    }

    /** The encoder shared with the trainer and the ONNX runner. */
    RewardInputs inputs() {
        return inputs;
    }

    /** Releases the scoring manager and the model's parameters. */
    @Override
    public void close() {
        scoring.close();
        model.close();
    }
}
