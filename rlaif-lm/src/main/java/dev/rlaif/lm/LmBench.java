package dev.rlaif.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.rlaif.core.PromptFormat;
import dev.rlaif.core.SamplingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The language model's performance figures, each a ratio or a rate measured within one run so it
 * holds on a noisy machine: the fp32 matmul peak this machine reaches through DJL, SFT throughput
 * and model FLOP utilisation against that peak, KV-cached generation throughput and its speed-up
 * over full recomputation, and resident memory across many training steps.
 *
 * <p>Each timing is the best (shortest) of several repeats after warm-up: on a shared machine,
 * interference only ever adds time, so the minimum is the estimate least disturbed by it (as
 * Python's {@code timeit} advises), for the peak and the model figures alike.
 */
public final class LmBench {

    private LmBench() {
    }

    /**
     * What to measure; {@link #standard()} is the published configuration.
     *
     * @param peakSize side of the square matmuls that measure the peak
     * @param model the model trained and sampled
     * @param trainBatch rows per training step
     * @param trainSeq tokens per training row
     * @param trainRepeats timed training steps
     * @param genBatch rows sampled together
     * @param genPrompt prompt tokens per row
     * @param genNewTokens tokens sampled per row
     * @param memoryModel the (tiny) model of the memory run
     * @param memorySteps training steps of the memory run; the first tenth are warm-up
     */
    public record Options(int peakSize, Gpt2Config model, int trainBatch, int trainSeq, int trainRepeats, int genBatch,
            int genPrompt, int genNewTokens, Gpt2Config memoryModel, int memorySteps) {

        /**
         * The figures: peak from 2048² matmuls; SFT on d=256, 4 layers, 4 heads, vocab
         * 8192 (the size of rlaif4j's trained BPE), sequences of 128, batch 16; generation of 128
         * tokens after 16-token prompts at batch 32; memory over 1,000 steps of a d=64, 2-layer model.
         */
        public static Options standard() {
            return new Options(2048, new Gpt2Config(8192, 256, 256, 4, 4, 1e-5, 0, 0, 0), 16, 128, 5,
                    32, 16, 128, new Gpt2Config(256, 64, 64, 2, 2, 1e-5, 0, 0, 0), 1000);
        }

        /** Tiny sizes that exercise every measurement in seconds (smoke tests, not figures). */
        public static Options quick() {
            return new Options(256, new Gpt2Config(512, 64, 64, 2, 2, 1e-5, 0, 0, 0), 4, 32, 3,
                    4, 4, 16, new Gpt2Config(64, 16, 16, 1, 1, 1e-5, 0, 0, 0), 40);
        }
    }

    /**
     * The figures.
     *
     * @param threads PyTorch intra-op threads
     * @param peakGflops fp32 matmul GFLOP/s
     * @param trainStepSeconds one SFT optimiser step (forward, backward, clip, AdamW)
     * @param trainTokensPerSecond SFT tokens per second
     * @param trainFlopsPerStep model FLOPs of one step (see {@link LmBench#trainFlops})
     * @param mfu model FLOP utilisation: achieved FLOP/s over {@code peakGflops}
     * @param genTokensPerSecond tokens sampled per second with the KV cache
     * @param genUncachedTokensPerSecond the same without the cache (full recomputation per token)
     * @param cacheSpeedup ratio of the two
     * @param rssWarmKb resident memory after the memory run's warm-up
     * @param rssEndKb resident memory at its end
     * @param rssGrowth relative growth between the two
     * @param options what was measured
     */
    public record Report(int threads, double peakGflops, double trainStepSeconds, double trainTokensPerSecond,
            double trainFlopsPerStep, double mfu, double genTokensPerSecond, double genUncachedTokensPerSecond,
            double cacheSpeedup, long rssWarmKb, long rssEndKb, double rssGrowth, Options options) {

        /** The figures as a JSON-friendly map with stable snake_case keys, grouped in sections. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("threads", threads);
            m.put("matmul", Map.of("size", options.peakSize(), "peak_gflops", peakGflops));
            Map<String, Object> train = new LinkedHashMap<>();
            Gpt2Config c = options.model();
            train.put("n_embd", c.nEmbd());
            train.put("n_layer", c.nLayer());
            train.put("n_head", c.nHead());
            train.put("vocab_size", c.vocabSize());
            train.put("seq_len", options.trainSeq());
            train.put("batch", options.trainBatch());
            train.put("step_seconds", trainStepSeconds);
            train.put("tokens_per_second", trainTokensPerSecond);
            train.put("flops_per_step", trainFlopsPerStep);
            train.put("mfu", mfu);
            m.put("sft", train);
            Map<String, Object> gen = new LinkedHashMap<>();
            gen.put("batch", options.genBatch());
            gen.put("prompt_tokens", options.genPrompt());
            gen.put("new_tokens", options.genNewTokens());
            gen.put("tokens_per_second", genTokensPerSecond);
            gen.put("uncached_tokens_per_second", genUncachedTokensPerSecond);
            gen.put("cache_speedup", cacheSpeedup);
            m.put("generation", gen);
            Map<String, Object> mem = new LinkedHashMap<>();
            mem.put("steps", options.memorySteps());
            mem.put("rss_after_warmup_kb", rssWarmKb);
            mem.put("rss_end_kb", rssEndKb);
            mem.put("growth", rssGrowth);
            m.put("memory", mem);
            return m;
        }
    }

    /** Runs every measurement (the standard options take a few minutes on two cores). */
    public static Report run(Options o) {
        Engines.pytorch();
        double[] train = trainAndPeak(o);
        double[] gen = generation(o);
        long[] rss = memory(o);
        double flops = trainFlops(o.model(), o.trainBatch(), o.trainSeq());
        double peak = train[1];
        return new Report(JniUtils.getNumThreads(), peak, train[0], o.trainBatch() * o.trainSeq() / train[0], flops,
                flops / train[0] / (peak * 1e9), gen[0], gen[1], gen[0] / gen[1], rss[0], rss[1],
                (double) (rss[1] - rss[0]) / rss[0], o);
    }

    /**
     * Model FLOPs of one SFT step on rows of {@code seq} tokens (a 1-token prompt and a
     * {@code seq-1}-token answer): {@code 6·12·L·d²} per token for the blocks' matmuls (forward
     * and backward), {@code 12·L·d·seq} per token for attention (PaLM's appendix B, as nanoGPT
     * counts it), and {@code 6·V·d} per answer token for the tied LM head, which runs only where an
     * answer token is predicted. Embedding lookups, norms and elementwise work count nothing.
     */
    public static double trainFlops(Gpt2Config c, int batch, int seq) {
        double d = c.nEmbd();
        double tokens = (double) batch * seq;
        return tokens * (72.0 * c.nLayer() * d * d + 12.0 * c.nLayer() * d * seq)
                + 6.0 * c.vocabSize() * d * batch * (seq - 1);
    }

    /**
     * {@code {best seconds per SFT step, best peak GFLOP/s}}. Peak matmuls and training steps
     * alternate, so both see the same machine load and their ratio (the MFU) holds on a shared
     * machine.
     */
    static double[] trainAndPeak(Options o) {
        Gpt2Config c = o.model();
        SftTrainer trainer = new SftTrainer(SftConfig.defaults().withBatch(o.trainBatch(), 1));
        try (Gpt2Model model = Gpt2Model.create(c, false, 1); AdamW opt = new AdamW(model, AdamW.Settings.defaults());
                NDManager m = Engines.pytorch().newBaseManager(Engines.defaultDevice())) {
            List<SftExample> data = randomExamples(c.vocabSize(), o.trainBatch() * 4, o.trainSeq(), 1);
            NDArray a = m.randomNormal(new Shape(o.peakSize(), o.peakSize()));
            NDArray b = m.randomNormal(new Shape(o.peakSize(), o.peakSize()));
            double[] steps = new double[o.trainRepeats()];
            double[] peaks = new double[o.trainRepeats()];
            for (int i = -2; i < steps.length; i++) {
                double matmul = matmulSeconds(m, a, b);
                TokenBatch batch = trainer.batch(data, i + 2, c.padTokenId());
                long t0 = System.nanoTime();
                SftTrainer.step(model, opt, List.of(batch), 1e-4, 1.0);
                if (i >= 0) {
                    steps[i] = (System.nanoTime() - t0) / 1e9;
                    peaks[i] = 2.0 * Math.pow(o.peakSize(), 3) / matmul / 1e9;
                }
            }
            return new double[] {Arrays.stream(steps).min().orElseThrow(), Arrays.stream(peaks).max().orElseThrow()};
        }
    }

    /** Seconds of one {@code a·b}, without gradients. */
    private static double matmulSeconds(NDManager m, NDArray a, NDArray b) {
        try (Engines.Scope ng = Engines.noGrad(); NDManager s = m.newSubManager()) {
            NDArray x = a.duplicate();
            x.attach(s);
            long t0 = System.nanoTime();
            NDArray c = x.matMul(b);
            c.getFloat(0, 0); // forces completion on asynchronous devices
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** {@code {cached tokens/s, uncached tokens/s}} at the options' batch, best of three cached runs and one uncached. */
    static double[] generation(Options o) {
        Gpt2Config c = o.model();
        try (Gpt2Model model = Gpt2Model.create(c, false, 2)) {
            SplittableRandom rng = new SplittableRandom(3);
            List<int[]> prompts = new ArrayList<>();
            for (int i = 0; i < o.genBatch(); i++) {
                prompts.add(rng.ints(o.genPrompt(), 0, c.vocabSize()).toArray());
            }
            DecoderPolicy policy = new DecoderPolicy(model, new FixedVocab(c.vocabSize()),
                    PromptFormat.full(), o.genBatch(), new int[0]);
            SamplingConfig cfg = new SamplingConfig(o.genNewTokens(), 1.0, 0, 1.0, 1, 4);
            double tokens = (double) o.genBatch() * o.genNewTokens();
            double[] out = new double[2];
            for (int mode = 0; mode < 2; mode++) {
                boolean cache = mode == 0;
                int repeats = cache ? 3 : 1; // the uncached run is long enough to time once
                double[] times = new double[repeats];
                policy.generateIds(prompts.subList(0, 1), cfg.withNumSamples(1), cache); // warm-up
                for (int i = 0; i < repeats; i++) {
                    long t0 = System.nanoTime();
                    policy.generateIds(prompts, cfg, cache);
                    times[i] = (System.nanoTime() - t0) / 1e9;
                }
                out[mode] = tokens / Arrays.stream(times).min().orElseThrow();
            }
            return out;
        }
    }

    /** {@code {RSS after warm-up, RSS at the end}} in kB across the memory run. */
    static long[] memory(Options o) {
        Gpt2Config c = o.memoryModel();
        SftTrainer trainer = new SftTrainer(SftConfig.defaults().withBatch(8, 1));
        try (Gpt2Model model = Gpt2Model.create(c, false, 5); AdamW opt = new AdamW(model, AdamW.Settings.defaults())) {
            List<SftExample> data = randomExamples(c.vocabSize(), 64, c.nPositions(), 8);
            int warm = Math.max(1, o.memorySteps() / 10);
            long rssWarm = 0;
            for (int s = 0; s < o.memorySteps(); s++) {
                SftTrainer.step(model, opt, List.of(trainer.batch(data, s, c.padTokenId())), 1e-4, 1.0);
                if (s + 1 == warm) {
                    System.gc();
                    rssWarm = rssKb();
                }
            }
            System.gc();
            return new long[] {rssWarm, rssKb()};
        }
    }

    /** Resident set size of this process, from {@code /proc/self/status} (0 where unavailable). */
    public static long rssKb() {
        try {
            Path status = Path.of("/proc/self/status");
            if (!Files.exists(status)) {
                return 0;
            }
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<SftExample> randomExamples(int vocab, int n, int seq, int promptLen) {
        SplittableRandom rng = new SplittableRandom(11);
        List<SftExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new SftExample(rng.ints(promptLen, 1, vocab).toArray(), rng.ints(seq - promptLen, 1, vocab).toArray()));
        }
        return out;
    }

    /** A tokenizer stand-in for id-only sampling: no text, every id valid. */
    private record FixedVocab(int vocabSize) implements TextTokenizer {

        @Override
        public int[] encode(String text) {
            throw new UnsupportedOperationException("the bench samples ids only");
        }

        @Override
        public String decode(int[] ids) {
            return "";
        }

        @Override
        public int eosId() {
            return 0;
        }

        @Override
        public int padId() {
            return 0;
        }

        @Override
        public int bosId() {
            return 0;
        }
    }
}
