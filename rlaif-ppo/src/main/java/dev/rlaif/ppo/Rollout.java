package dev.rlaif.ppo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.rlaif.core.RewardModel;
import dev.rlaif.core.SamplingConfig;
import dev.rlaif.core.Task;
import dev.rlaif.lm.DecoderPolicy;
import dev.rlaif.lm.Generation;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.TokenBatch;
import dev.rlaif.lm.TokenLogprobs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One step's samples and everything measured on them before the update, on the host. Rows are
 * completions, grouped by task ({@code group} consecutive rows per task); per-token arrays are
 * ragged, one value per sampled token, the stop token included.
 *
 * <p>The old log-probabilities are re-scored by the same batched forward the update uses rather
 * than taken from the sampler, so the first minibatch's ratios are exactly 1 and clipping measures
 * the policy's movement, not two code paths' rounding.
 */
final class Rollout {

    final List<Task> tasks;
    final int group;
    final int[][] prompts;
    final int[][] completions;
    final boolean[] endedWithEos;
    final String[] texts;
    final double[] rawScores;
    final double[][] logprobs;
    final double[][] refLogprobs;
    final double[][] entropy;

    Rollout(List<Task> tasks, int group, int[][] prompts, int[][] completions, boolean[] endedWithEos,
            String[] texts, double[] rawScores, double[][] logprobs, double[][] refLogprobs, double[][] entropy) {
        this.tasks = tasks;
        this.group = group;
        this.prompts = prompts;
        this.completions = completions;
        this.endedWithEos = endedWithEos;
        this.texts = texts;
        this.rawScores = rawScores;
        this.logprobs = logprobs;
        this.refLogprobs = refLogprobs;
        this.entropy = entropy;
    }

    /**
     * Samples {@code group} answers per task with the policy, scores them with the reward model,
     * and measures their log-probabilities under the policy and the reference, {@code chunk} rows
     * per forward.
     */
    static Rollout collect(DecoderPolicy policy, Gpt2Model reference, List<Task> taskBatch, int group,
            SamplingConfig sampling, RewardModel reward, int chunk) {
        List<int[]> promptIds = new ArrayList<>(taskBatch.size());
        for (Task t : taskBatch) {
            promptIds.add(policy.promptIds(t));
        }
        List<Generation> gens = policy.generateIds(promptIds, sampling.withNumSamples(group));
        int n = gens.size();
        List<Task> rowTasks = new ArrayList<>(n);
        int[][] prompts = new int[n][];
        int[][] completions = new int[n][];
        boolean[] eos = new boolean[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            Generation g = gens.get(i);
            rowTasks.add(taskBatch.get(i / group));
            prompts[i] = g.promptIds();
            completions[i] = g.tokenIds();
            eos[i] = g.endedWithStop();
            if (completions[i].length == 0) {
                throw new IllegalStateException("the sampler returned an empty completion; maxNewTokens too large"
                        + " for n_positions " + policy.model().config().nPositions() + "?");
            }
            int[] textIds = eos[i] ? Arrays.copyOf(completions[i], completions[i].length - 1) : completions[i];
            texts[i] = policy.tokenizer().decode(textIds);
        }
        double[] scores = reward.scoreAll(rowTasks, Arrays.asList(texts));
        double[][] logprobs = new double[n][];
        double[][] refLogprobs = new double[n][];
        double[][] entropy = new double[n][];
        int pad = policy.tokenizer().padId();
        for (int start = 0; start < n; start += chunk) {
            int end = Math.min(n, start + chunk);
            TokenBatch tb = new TokenBatch(Arrays.copyOfRange(prompts, start, end),
                    Arrays.copyOfRange(completions, start, end), pad);
            TokenLogprobs pol = policy.model().scoreNoGrad(tb, sampling.temperature());
            TokenLogprobs ref = reference.scoreNoGrad(tb, sampling.temperature());
            for (int r = start; r < end; r++) {
                logprobs[r] = widen(pol.logprobs()[r - start]);
                entropy[r] = widen(pol.entropy()[r - start]);
                refLogprobs[r] = widen(ref.logprobs()[r - start]);
            }
        }
        return new Rollout(rowTasks, group, prompts, completions, eos, texts, scores, logprobs, refLogprobs, entropy);
    }

    /** Number of completions. */
    int size() {
        return completions.length;
    }

    /** The rows {@code rows} as a batch in the layout the decoder scores. */
    TokenBatch batch(int[] rows, int padId) {
        int[][] p = new int[rows.length][];
        int[][] c = new int[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            p[i] = prompts[rows[i]];
            c[i] = completions[rows[i]];
        }
        return new TokenBatch(p, c, padId);
    }

    /** Per-token KL estimates to the reference. */
    double[][] kl(KlEstimator estimator) {
        double[][] out = new double[size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new double[logprobs[i].length];
            for (int t = 0; t < out[i].length; t++) {
                out[i][t] = estimator.estimate(logprobs[i][t], refLogprobs[i][t]);
            }
        }
        return out;
    }

    /**
     * The scores as the algorithms use them: clipped to {@code [−clip, clip]} when {@code clip > 0},
     * then lowered by {@code missingEosPenalty} where the answer hit the length limit.
     */
    double[] shapedScores(double clip, double missingEosPenalty) {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = shapeScore(rawScores[i], endedWithEos[i], clip, missingEosPenalty);
        }
        return out;
    }

    /** One score shaped as {@link #shapedScores} says. */
    static double shapeScore(double raw, boolean endedWithEos, double clip, double missingEosPenalty) {
        double s = clip > 0 ? Math.max(-clip, Math.min(clip, raw)) : raw;
        return endedWithEos ? s : s - missingEosPenalty;
    }

    /** Number of answers that ended with a stop token. */
    int eosCount() {
        int k = 0;
        for (boolean e : endedWithEos) {
            k += e ? 1 : 0;
        }
        return k;
    }

    /**
     * A ragged per-token quantity of the rows {@code rows} as a right-padded {@code [B, C]} array
     * (zeros on padding) in {@code manager}, as float32.
     */
    static NDArray padded(NDManager manager, double[][] values, int[] rows, int width) {
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            double[] v = values[rows[i]];
            for (int t = 0; t < v.length; t++) {
                out[i * width + t] = (float) v[t];
            }
        }
        return manager.create(out, new Shape(rows.length, width));
    }

    /** Mean over rows of each row's sum. */
    static double meanOfSums(double[][] rows) {
        double s = 0;
        for (double[] r : rows) {
            for (double v : r) {
                s += v;
            }
        }
        return rows.length == 0 ? 0 : s / rows.length;
    }

    /** Mean of an array. */
    static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return a.length == 0 ? 0 : s / a.length;
    }

    /** Mean completion length in tokens. */
    double meanLength() {
        double s = 0;
        for (int[] c : completions) {
            s += c.length;
        }
        return s / size();
    }

    private static double[] widen(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
