package dev.rlaif.reward;

import dev.rlaif.core.RewardModel;
import dev.rlaif.core.Task;
import dev.rlaif.lm.TextTokenizer;
import dev.rlaif.lm.onnx.OnnxDecoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A learned reward model exported to ONNX ({@link LearnedRewardModel#exportOnnx}) and scored with
 * ONNX Runtime: the serving path, independent of DJL and PyTorch. It reads the same
 * {@code prompt + completion} ids, in the same padded layout, at the same last real token, so its
 * scores equal the DJL model's up to float rounding (the tests hold them within 1e-4).
 *
 * <p>Thread-safe (ONNX Runtime sessions take concurrent runs). Batches are sorted by length and kept
 * within {@link #maxLength()} columns, as on DJL.
 */
public final class OnnxRewardModel implements RewardModel {

    private final OnnxDecoder decoder;
    private final RewardInputs inputs;
    private final RewardNormalization normalization;
    private final int batchSize;

    private OnnxRewardModel(OnnxDecoder decoder, RewardInputs inputs, RewardNormalization normalization, int batchSize) {
        if (!decoder.hasValueHead()) {
            decoder.close();
            throw new IllegalArgumentException("the ONNX model has no 'values' output: export it with its value head");
        }
        this.decoder = decoder;
        this.inputs = inputs;
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.batchSize = batchSize;
    }

    /**
     * Opens an exported reward model.
     *
     * @param onnxFile the file written by {@link LearnedRewardModel#exportOnnx}
     * @param tokenizer the policy's tokenizer (the one the model was trained with)
     * @param maxLength the longest sequence read, as the DJL model's {@link LearnedRewardModel#maxLength()}
     * @param normalization the training-set statistics, as the DJL model's
     * @param batchSize rows per ONNX Runtime run
     * @param intraOpThreads threads per operator; 0 lets ONNX Runtime choose (one per core)
     */
    public static OnnxRewardModel open(Path onnxFile, TextTokenizer tokenizer, int maxLength,
            RewardNormalization normalization, int batchSize, int intraOpThreads) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        return new OnnxRewardModel(OnnxDecoder.open(onnxFile, intraOpThreads), new RewardInputs(tokenizer, maxLength),
                normalization, batchSize);
    }

    /** The training-set statistics of the raw scores (see {@link LearnedRewardModel#normalization()}). */
    public RewardNormalization normalization() {
        return normalization;
    }

    /** The longest token sequence read. */
    public int maxLength() {
        return inputs.maxLength();
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
        return LearnedRewardModel.scoreSorted(rows, batchSize, inputs.maxLength(), this::forward);
    }

    /** Lays a batch out as {@code TokenBatch} does (prompts left-padded, answers right-padded) and reads each row's last real token. */
    private float[] forward(int[][] prompts, int[][] completions) {
        int b = prompts.length;
        int p = 0;
        int c = 0;
        for (int r = 0; r < b; r++) {
            p = Math.max(p, prompts[r].length);
            c = Math.max(c, completions[r].length);
        }
        int t = p + c;
        long pad = inputs.tokenizer().padId();
        long[][] ids = new long[b][t];
        long[][] mask = new long[b][t];
        for (int r = 0; r < b; r++) {
            Arrays.fill(ids[r], pad);
            int start = p - prompts[r].length;
            for (int j = 0; j < prompts[r].length; j++) {
                ids[r][start + j] = prompts[r][j];
                mask[r][start + j] = 1;
            }
            for (int j = 0; j < completions[r].length; j++) {
                ids[r][p + j] = completions[r][j];
                mask[r][p + j] = 1;
            }
        }
        OnnxDecoder.Output out = decoder.forward(ids, mask);
        float[] v = new float[b];
        for (int r = 0; r < b; r++) {
            v[r] = out.values()[r * t + p + completions[r].length - 1];
        }
        return v;
    }

    /** Frees the ONNX Runtime session. */
    @Override
    public void close() {
        decoder.close();
    }
}
