package dev.rlaif.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.Progress;
import dev.rlaif.core.Provenance;
import dev.rlaif.core.TrainingListener;
import dev.rlaif.core.TrainingReport;
import dev.rlaif.core.io.Json;
import dev.rlaif.lm.io.HfCheckpoint;
import dev.rlaif.lm.io.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Supervised fine-tuning: causal-LM loss on the answer tokens only (the prompt conditions but is
 * never a target), AdamW, warm-up plus cosine decay, global-norm clipping, gradient accumulation,
 * held-out evaluation, and checkpoints that resume exactly.
 *
 * <p><b>Checkpoint.</b> A directory holding the model in Hugging Face's layout ({@code config.json},
 * {@code model.safetensors}), the optimiser moments ({@value #OPTIMIZER_FILE}), the step and
 * log history ({@value #TRAINER_STATE}, with HF Trainer's {@code global_step} and
 * {@code log_history} keys) and {@code provenance.json}. {@link #train} resumes from it when it
 * exists. The data order is a pure function of the seed and the step (epoch {@code e} is a seeded
 * shuffle), and there is no dropout, so a resumed run replays the uninterrupted one.
 *
 * <p><b>Memory.</b> Each micro-batch runs in its own step manager, closed before the next.
 */
public final class SftTrainer {

    /** The trainer-state file of a checkpoint. */
    public static final String TRAINER_STATE = "trainer_state.json";
    /** The optimiser-state file of a checkpoint. */
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    /** The provenance file of a checkpoint. */
    public static final String PROVENANCE_FILE = "provenance.json";

    private final SftConfig cfg;

    /** A trainer with the given settings. */
    public SftTrainer(SftConfig cfg) {
        this.cfg = cfg;
    }

    /**
     * Trains {@code model} in place for {@code cfg.maxSteps()} optimiser steps, resuming from
     * {@code checkpointDir} when it holds a checkpoint.
     *
     * @param eval held-out examples for {@code eval/loss} (may be empty)
     * @param checkpointDir where checkpoints go, or {@code null} for none
     * @param listener receives {@code train/loss}, {@code train/grad_norm},
     *     {@code train/learning_rate}, {@code train/tokens} and, when evaluated, {@code eval/loss}
     */
    public TrainingReport train(Gpt2Model model, List<SftExample> train, List<SftExample> eval, Path checkpointDir,
            TrainingListener listener) {
        return train(model, train, eval, checkpointDir, listener, cfg.maxSteps());
    }

    /** As {@link #train(Gpt2Model, List, List, Path, TrainingListener)}, stopping (with a checkpoint) after step {@code stopAt}. */
    TrainingReport train(Gpt2Model model, List<SftExample> train, List<SftExample> eval, Path checkpointDir,
            TrainingListener listener, int stopAt) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        long t0 = System.nanoTime();
        int maxLen = cfg.maxSeqLen() == 0 ? model.config().nPositions() : Math.min(cfg.maxSeqLen(), model.config().nPositions());
        List<SftExample> data = train.stream().map(e -> e.fit(maxLen)).toList();
        List<SftExample> held = eval.stream().map(e -> e.fit(maxLen)).toList();
        int pad = model.config().padTokenId() >= 0 ? model.config().padTokenId() : model.config().eosTokenId();
        LrSchedule schedule = cfg.schedule();
        List<Map<String, Double>> history = new ArrayList<>();
        try (AdamW opt = new AdamW(model, cfg.adam())) {
            int start = 0;
            if (checkpointDir != null && Files.exists(checkpointDir.resolve(TRAINER_STATE))) {
                start = resume(checkpointDir, model, opt, history);
            }
            opt.zeroGrad();
            try (Progress bar = Progress.start("sft", cfg.maxSteps())) {
                bar.set(start);
                for (int s = start; s < Math.min(stopAt, cfg.maxSteps()); s++) {
                    List<TokenBatch> micro = new ArrayList<>();
                    for (int a = 0; a < cfg.gradAccumSteps(); a++) {
                        micro.add(batch(data, (long) s * cfg.gradAccumSteps() + a, pad));
                    }
                    double lr = schedule.at(s);
                    double[] r = step(model, opt, micro, lr, cfg.maxGradNorm());
                    Map<String, Double> stats = new LinkedHashMap<>();
                    stats.put("train/loss", r[0]);
                    stats.put("train/grad_norm", r[1]);
                    stats.put("train/learning_rate", lr);
                    stats.put("train/tokens", r[2]);
                    int done = s + 1;
                    boolean last = done == cfg.maxSteps();
                    if (!held.isEmpty() && (last || (cfg.evalEvery() > 0 && done % cfg.evalEvery() == 0))) {
                        stats.put("eval/loss", evalLoss(model, held, cfg.batchSize(), pad));
                    }
                    history.add(stats);
                    listener.onStep(done, cfg.maxSteps(), stats);
                    bar.step(1);
                    bar.status(String.format(Locale.ROOT, "loss=%.4f", r[0]));
                    if (checkpointDir != null && (last || done == stopAt
                            || (cfg.checkpointEvery() > 0 && done % cfg.checkpointEvery() == 0))) {
                        save(checkpointDir, model, opt, done, history, data);
                    }
                }
            }
        }
        return new TrainingReport(history.size(), history, (System.nanoTime() - t0) / 1e9,
                checkpointDir == null ? null : checkpointDir);
    }

    /**
     * Mean answer-token negative log-likelihood of {@code examples} (nats per token), without
     * gradients.
     */
    public static double evalLoss(Gpt2Model model, List<SftExample> examples, int batchSize) {
        int pad = model.config().padTokenId() >= 0 ? model.config().padTokenId() : model.config().eosTokenId();
        int maxLen = model.config().nPositions();
        return evalLoss(model, examples.stream().map(e -> e.fit(maxLen)).toList(), batchSize, pad);
    }

    private static double evalLoss(Gpt2Model model, List<SftExample> examples, int batchSize, int pad) {
        double nll = 0;
        long tokens = 0;
        for (int i = 0; i < examples.size(); i += batchSize) {
            TokenBatch b = toBatch(examples.subList(i, Math.min(examples.size(), i + batchSize)), pad);
            for (float[] row : model.scoreNoGrad(b, 1.0).logprobs()) {
                for (float lp : row) {
                    nll -= lp;
                }
            }
            tokens += b.completionTokens();
        }
        return nll / Math.max(1, tokens);
    }

    /**
     * One optimiser step over some micro-batches: backward of each (the loss of each is its summed
     * answer-token NLL over the step's total answer tokens, so the gradients add up to the step's
     * token mean), global-norm clip, AdamW update.
     *
     * @return {@code {loss, gradient norm before clipping, answer tokens}}
     */
    static double[] step(Gpt2Model model, AdamW opt, List<TokenBatch> micro, double lr, double maxGradNorm) {
        int tokens = micro.stream().mapToInt(TokenBatch::completionTokens).sum();
        double loss = 0;
        try (GradientCollector gc = Engines.pytorch().newGradientCollector()) {
            for (TokenBatch b : micro) {
                try (NDManager stepManager = model.newStepManager()) {
                    NDArray l = model.score(stepManager, b, 1.0, false).logprobs().sum().neg().div(tokens);
                    gc.backward(l);
                    loss += Gpt2Model.toFloats(l)[0];
                }
            }
        }
        double norm = opt.clipGradNorm(maxGradNorm);
        opt.step(lr);
        return new double[] {loss, norm, tokens};
    }

    /** Micro-batch {@code k} of the endless, per-epoch-shuffled stream of examples. */
    TokenBatch batch(List<SftExample> data, long k, int pad) {
        int n = data.size();
        List<SftExample> rows = new ArrayList<>(cfg.batchSize());
        int[] perm = null;
        long cachedEpoch = -1;
        for (long i = k * cfg.batchSize(); i < (k + 1) * cfg.batchSize(); i++) {
            long epoch = i / n;
            if (epoch != cachedEpoch) {
                perm = permutation(n, cfg.seed(), epoch);
                cachedEpoch = epoch;
            }
            rows.add(data.get(perm[(int) (i % n)]));
        }
        return toBatch(rows, pad);
    }

    /** The seeded order of epoch {@code epoch} (Fisher–Yates). */
    static int[] permutation(int n, long seed, long epoch) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static TokenBatch toBatch(List<SftExample> rows, int pad) {
        int[][] prompts = new int[rows.size()][];
        int[][] answers = new int[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            prompts[i] = rows.get(i).prompt();
            answers[i] = rows.get(i).answer();
        }
        return new TokenBatch(prompts, answers, pad);
    }

    private void save(Path dir, Gpt2Model model, AdamW opt, int step, List<Map<String, Double>> history,
            List<SftExample> data) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempDirectory(dir, ".partial-");
            new HfCheckpoint(model.config(), model.toHost()).save(tmp);
            Safetensors.write(tmp.resolve(OPTIMIZER_FILE), opt.state(), Map.of("format", "pt"));
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("global_step", step);
            state.put("seed", cfg.seed());
            state.put("config", cfg.toMap());
            state.put("log_history", history);
            Files.writeString(tmp.resolve(TRAINER_STATE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(state));
            Provenance prov = Provenance.of("sft", cfg.toMap(), cfg.seed(), dataHash(data), List.of());
            Files.writeString(tmp.resolve(PROVENANCE_FILE), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(prov));
            // The state file moves last: a checkpoint counts only once it names its step.
            List<Path> files;
            try (var s = Files.list(tmp)) {
                files = s.sorted((a, b) -> Boolean.compare(a.endsWith(TRAINER_STATE), b.endsWith(TRAINER_STATE))).toList();
            }
            for (Path f : files) {
                Files.move(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.delete(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint to " + dir + ": " + e.getMessage(), e);
        }
    }

    private int resume(Path dir, Gpt2Model model, AdamW opt, List<Map<String, Double>> history) {
        try {
            JsonNode state = Json.MAPPER.readTree(Files.readString(dir.resolve(TRAINER_STATE)));
            int step = (int) Json.requireLong(state, "global_step");
            JsonNode saved = Json.requireObject(state, "config");
            for (String key : List.of("seed", "batch_size", "grad_accum_steps")) {
                if (saved.path(key).asLong() != ((Number) cfg.toMap().get(key)).longValue()) {
                    throw new IllegalArgumentException("checkpoint " + dir + " was trained with " + key + "="
                            + saved.path(key) + ", this run uses " + cfg.toMap().get(key) + "; the data order would differ");
                }
            }
            model.loadWeights(HfCheckpoint.load(dir).tensors());
            opt.load(Safetensors.read(dir.resolve(OPTIMIZER_FILE)), step);
            history.addAll(Json.MAPPER.convertValue(Json.require(state, "log_history"),
                    new TypeReference<List<Map<String, Double>>>() { }));
            return step;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String dataHash(List<SftExample> data) {
        StringBuilder sb = new StringBuilder();
        for (SftExample e : data) {
            sb.append(Arrays.toString(e.prompt())).append('|').append(Arrays.toString(e.answer())).append('\n');
        }
        return Provenance.sha256(sb.toString());
    }
}
