package dev.rlaif.ppo;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.GorillaAnswer;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Progress;
import dev.rlaif.core.PromptFormat;
import dev.rlaif.core.RewardModel;
import dev.rlaif.core.SamplingConfig;
import dev.rlaif.core.Split;
import dev.rlaif.core.Task;
import dev.rlaif.core.io.Json;
import dev.rlaif.lm.DecoderPolicy;
import dev.rlaif.lm.Gpt2Config;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.LmBench;
import dev.rlaif.lm.TextTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Performance figures of PPO, as a program: the time of a PPO step on the d=256, 4-layer
 * model with sequences of 128, its update's model FLOP utilisation against the machine's measured
 * fp32 matmul peak, and resident memory across 1,000 PPO steps of a tiny model (it must stay flat:
 * DJL leaks whatever is not closed). {@link #run} returns the figures for {@code rlaif bench};
 * {@link #main} prints them as JSON.
 *
 * <p>Every figure comes from the real trainer ({@link PpoTrainer#train}), with synthetic tasks, a
 * synthetic tokenizer and a cheap reward, and sampling that never stops early, so each answer has
 * exactly the configured length.
 */
public final class PpoBench {

    private PpoBench() {
    }

    /**
     * What to measure.
     *
     * @param model the timed model
     * @param promptTokens prompt length of the timed run
     * @param newTokens answer length of the timed run (prompt plus answer is the sequence)
     * @param batch answers per PPO step of the timed run
     * @param miniBatch answers per gradient step
     * @param ppoEpochs passes over each batch
     * @param timedSteps timed PPO steps (after one untimed warm-up step)
     * @param peakSize side of the square matmuls that measure the peak
     * @param memoryModel the tiny model of the memory run
     * @param memorySteps PPO steps of the memory run; the first tenth are warm-up
     */
    public record Options(Gpt2Config model, int promptTokens, int newTokens, int batch, int miniBatch, int ppoEpochs,
            int timedSteps, int peakSize, Gpt2Config memoryModel, int memorySteps) {

        /**
         * The figures: d=256, 4 layers, 4 heads, vocab 8192 (as the SFT bench), 64 prompt
         * plus 64 answer tokens (sequences of 128), 16 answers per step in minibatches of 8, one PPO
         * epoch, 3 timed steps; peak from 2048² matmuls; memory over 1,000 steps of a d=32 model.
         */
        public static Options standard() {
            return new Options(new Gpt2Config(8192, 128, 256, 4, 4, 1e-5, 0, 1, 2), 64, 64, 16, 8, 1, 3, 2048,
                    new Gpt2Config(64, 64, 32, 1, 2, 1e-5, 0, 1, 2), 1000);
        }

        /** Tiny sizes that exercise every measurement in seconds (smoke tests, not figures). */
        public static Options quick() {
            return new Options(new Gpt2Config(256, 48, 32, 1, 2, 1e-5, 0, 1, 2), 32, 8, 4, 2, 1, 2, 128,
                    new Gpt2Config(64, 48, 16, 1, 1, 1e-5, 0, 1, 2), 30);
        }
    }

    /**
     * The figures.
     *
     * @param threads PyTorch intra-op threads
     * @param peakGflops median fp32 matmul GFLOP/s, measured between the timed steps
     * @param stepSeconds median seconds of a whole PPO step (rollout and update)
     * @param rolloutSeconds median seconds of its rollout (sampling, reward, three scoring passes)
     * @param updateSeconds median seconds of its update (policy and critic forward, backward, AdamW)
     * @param updateFlops model FLOPs of one update (see {@link #updateFlops})
     * @param updateMfu model FLOP utilisation of the update: achieved FLOP/s over the peak
     * @param tokensPerSecond trained sequence tokens per second of whole steps
     * @param rssWarmKb resident memory after the memory run's warm-up
     * @param rssEndKb resident memory at its end
     * @param rssGrowth relative growth between the two (target: at most 0.05)
     * @param memorySteps steps of the memory run
     */
    public record Report(int threads, double peakGflops, double stepSeconds, double rolloutSeconds,
            double updateSeconds, double updateFlops, double updateMfu, double tokensPerSecond, long rssWarmKb,
            long rssEndKb, double rssGrowth, int memorySteps) {

        /** As a JSON-friendly map. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("threads", threads);
            m.put("peak_gflops", peakGflops);
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("step_seconds", stepSeconds);
            step.put("rollout_seconds", rolloutSeconds);
            step.put("update_seconds", updateSeconds);
            step.put("update_flops", updateFlops);
            step.put("update_mfu", updateMfu);
            step.put("tokens_per_second", tokensPerSecond);
            m.put("ppo_step", step);
            Map<String, Object> mem = new LinkedHashMap<>();
            mem.put("steps", memorySteps);
            mem.put("rss_after_warmup_kb", rssWarmKb);
            mem.put("rss_end_kb", rssEndKb);
            mem.put("growth", rssGrowth);
            m.put("memory", mem);
            return m;
        }
    }

    /** Runs every measurement; the standard options take several minutes on two cores. */
    public static Report run(Options o) {
        boolean wasQuiet = Boolean.getBoolean("rlaif.quiet");
        Progress.setQuiet(true);
        try {
            double[] timed = timedSteps(o);
            long[] rss = memory(o);
            double flops = updateFlops(o.model(), o.batch(), o.promptTokens(), o.newTokens(), o.ppoEpochs());
            return new Report(JniUtils.getNumThreads(), timed[3], timed[0], timed[1], timed[2], flops,
                    flops / timed[2] / (timed[3] * 1e9), o.batch() * (double) (o.promptTokens() + o.newTokens()) / timed[0],
                    rss[0], rss[1], (double) (rss[1] - rss[0]) / rss[0], o.memorySteps());
        } finally {
            Progress.setQuiet(wasQuiet);
        }
    }

    /**
     * Model FLOPs of one PPO update: per epoch, a forward and backward pass of the policy and of the
     * critic over every token of the batch ({@code 72·L·d²} per token for the blocks' matmuls and
     * {@code 12·L·d·T} for attention, as {@link LmBench#trainFlops} counts), plus the policy's tied
     * LM head ({@code 6·V·d}) on each answer token. The critic's LM head is not counted: its logits
     * serve no loss, so they are work the update need not do.
     */
    public static double updateFlops(Gpt2Config c, int batch, int promptTokens, int newTokens, int epochs) {
        double d = c.nEmbd();
        double seq = promptTokens + newTokens;
        double perModel = batch * seq * (72.0 * c.nLayer() * d * d + 12.0 * c.nLayer() * d * seq);
        return epochs * (2 * perModel + 6.0 * c.vocabSize() * d * batch * newTokens);
    }

    /** {@code {step s, rollout s, update s, peak GFLOP/s}}, medians over the timed steps. */
    static double[] timedSteps(Options o) {
        int steps = o.timedSteps() + 1;
        RunConfig run = RunConfig.builder().steps(steps).promptsPerStep(o.batch()).miniBatchSize(o.miniBatch())
                .learningRate(1e-5).sampling(new SamplingConfig(o.newTokens(), 1.0, 0, 1.0, 1, 0)).build();
        PpoConfig cfg = PpoConfig.builder().run(run).ppoEpochs(o.ppoEpochs()).build();
        double[] peaks = new double[o.timedSteps()];
        List<Map<String, Double>> seen = new ArrayList<>();
        try (Gpt2Model model = Gpt2Model.create(o.model(), false, 1);
                NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray a = m.randomNormal(new Shape(o.peakSize(), o.peakSize()));
            NDArray b = m.randomNormal(new Shape(o.peakSize(), o.peakSize()));
            DecoderPolicy policy = new DecoderPolicy(model, new Synthetic(o.model().vocabSize()), new PromptFormat(1),
                    o.batch(), new int[0]);
            new PpoTrainer(cfg).train(policy, tasks(o.promptTokens(), o.batch()), Synthetic.REWARD, (step, total, stats) -> {
                if (step > 1) {
                    seen.add(stats);
                    peaks[step - 2] = peakGflops(m, a, b);
                }
            });
        }
        return new double[] {median(seen, "time/step_seconds"), median(seen, "time/rollout_seconds"),
                median(seen, "time/update_seconds"), median(peaks)};
    }

    /** {@code {RSS after warm-up, RSS at the end}} in kB over the memory run. */
    static long[] memory(Options o) {
        Gpt2Config c = o.memoryModel();
        int warm = Math.max(1, o.memorySteps() / 10);
        RunConfig run = RunConfig.builder().steps(o.memorySteps()).promptsPerStep(4).miniBatchSize(4)
                .learningRate(1e-4).sampling(new SamplingConfig(8, 1.0, 0, 1.0, 1, 0)).build();
        long[] rss = new long[2];
        try (Gpt2Model model = Gpt2Model.create(c, false, 2)) {
            DecoderPolicy policy = new DecoderPolicy(model, new Synthetic(c.vocabSize()), new PromptFormat(1));
            new PpoTrainer(PpoConfig.builder().run(run).ppoEpochs(1).build()).train(policy, tasks(16, 8),
                    Synthetic.REWARD, (step, total, stats) -> {
                        if (step == warm || step == total) {
                            System.gc();
                            rss[step == warm ? 0 : 1] = LmBench.rssKb();
                        }
                    });
        }
        return rss;
    }

    /** One timed {@code a·b} in GFLOP/s, without gradients. */
    private static double peakGflops(NDManager m, NDArray a, NDArray b) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager s = m.newSubManager()) {
            long t0 = System.nanoTime();
            NDArray c = a.matMul(b);
            c.attach(s);
            c.getFloat(0, 0);
            return 2.0 * Math.pow(a.getShape().get(0), 3) / ((System.nanoTime() - t0) / 1e9) / 1e9;
        } finally {
            JniUtils.setGradMode(grad);
        }
    }

    /** Tasks whose prompts are exactly {@code promptTokens} long under {@link Synthetic}. */
    private static List<Task> tasks(int promptTokens, int n) {
        int overhead = PromptFormat.INSTRUCTION.length() + PromptFormat.OUTPUT.length();
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            char[] q = new char[Math.max(1, promptTokens - overhead)];
            Arrays.fill(q, (char) ('a' + i % 26));
            ApiDoc api = new ApiDoc("d", "f", NullNode.getInstance(), "n", "c()", NullNode.getInstance(),
                    NullNode.getInstance(), NullNode.getInstance(), NullNode.getInstance(), "bench");
            out.add(new Task(Hub.TORCHHUB, Split.TRAIN, i + 1, new String(q), api, new GorillaAnswer("d", "c()", "p", "", "")));
        }
        return out;
    }

    private static double median(List<Map<String, Double>> stats, String key) {
        return median(stats.stream().mapToDouble(s -> s.get(key)).toArray());
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** One id per character ({@code char mod V}); ids decode to letters. Ids 0-2 are the specials. */
    private record Synthetic(int vocabSize) implements TextTokenizer {

        /** A cheap reward: the share of {@code a}s in the answer. */
        static final RewardModel REWARD = (task, text) ->
                text.isEmpty() ? 0 : text.chars().filter(ch -> ch == 'a').count() / (double) text.length();

        @Override
        public int[] encode(String text) {
            return text.chars().map(ch -> 3 + ch % (vocabSize - 3)).toArray();
        }

        @Override
        public String decode(int[] ids) {
            StringBuilder sb = new StringBuilder();
            for (int id : ids) {
                if (id >= 3) {
                    sb.append((char) ('a' + id % 26));
                }
            }
            return sb.toString();
        }

        @Override
        public int eosId() {
            return 1;
        }

        @Override
        public int padId() {
            return 2;
        }

        @Override
        public int bosId() {
            return 0;
        }
    }

    /**
     * Prints the figures as one JSON object on stdout.
     *
     * @param args {@code --quick} for tiny sizes
     */
    public static void main(String[] args) {
        boolean quick = Arrays.asList(args).contains("--quick");
        Report r = run(quick ? Options.quick() : Options.standard());
        System.out.println(Json.write(r.toMap()));
    }
}
