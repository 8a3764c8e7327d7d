package dev.rlaif.reward;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.Preference;
import dev.rlaif.core.Progress;
import dev.rlaif.core.Provenance;
import dev.rlaif.core.TrainingListener;
import dev.rlaif.core.TrainingReport;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.core.io.Json;
import dev.rlaif.lm.AdamW;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.HostTensor;
import dev.rlaif.lm.LrSchedule;
import dev.rlaif.lm.TextTokenizer;
import dev.rlaif.lm.TokenBatch;
import dev.rlaif.lm.io.HfCheckpoint;
import dev.rlaif.lm.io.HfConfigJson;
import dev.rlaif.lm.io.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Trains a {@link LearnedRewardModel} on AI feedback: regression on rubric scores, or pairwise
 * Bradley–Terry on pairs derived from the scores of several answers to one task, or on given
 * {@link Preference}s.
 *
 * <p>The loop is AdamW (rlaif-lm's) with linear warm-up and cosine decay, global-norm clipping, a
 * validation loss every {@link RewardTrainerConfig#evalEvery()} steps on training tasks kept aside,
 * early stopping on it, and a checkpoint at each validation (weights, optimiser moments, the
 * best weights so far and the early-stopping state), so a killed run resumed from its directory
 * ends with exactly the parameters of an uninterrupted one: the data order is a pure function of
 * the seed and the step. One sub-{@link NDManager} per step; nothing outlives it but parameters.
 *
 * <p>The output directory, when finished, holds the reward model ({@link LearnedRewardModel#save}),
 * {@code evaluation.json} (held-out metrics with the model's provenance) and
 * {@code trainer_state/}. Calling {@code fit} again with the same inputs and directory reloads the
 * finished model instead of training again; with different inputs it refuses, rather than mixing
 * two runs.
 */
public final class RewardTrainer {

    /** The held-out evaluation, written into the output directory. */
    public static final String EVALUATION_FILE = "evaluation.json";
    /** The resume state, a folder inside the output directory. */
    public static final String STATE_DIR = "trainer_state";

    private static final String STATE_FILE = "state.json";
    private static final String OPTIMIZER_FILE = "optimizer.safetensors";
    private static final String BEST_DIR = "best";

    private final RewardTrainerConfig config;
    private final List<String> parents;

    /** A trainer with no recorded parent artifact. */
    public RewardTrainer(RewardTrainerConfig config) {
        this(config, List.of());
    }

    /**
     * @param parents provenance ids ({@link Provenance#id()}) of the artifacts the run starts from,
     *     e.g. the SFT checkpoint and the feedback journal, recorded in the model's provenance
     */
    public RewardTrainer(RewardTrainerConfig config, List<String> parents) {
        this.config = config;
        this.parents = List.copyOf(parents);
    }

    /** The configuration. */
    public RewardTrainerConfig config() {
        return config;
    }

    /**
     * Splits {@code data} by task ({@link RewardDataset#splitByTask} with this config's seed), trains
     * on one side and evaluates on the other: the one call a pipeline needs after judging.
     *
     * @param holdout share of the tasks held out for the evaluation, in (0,1)
     */
    public TrainedReward fit(Gpt2Model init, TextTokenizer tokenizer, RewardDataset data, double holdout, Path outDir,
            TrainingListener listener) {
        RewardDataset.Partition p = data.splitByTask(holdout, config.seed());
        return fit(init, tokenizer, p.train(), p.heldOut(), outDir, listener);
    }

    /**
     * Trains on scored samples with the configured objective ({@link RewardObjective#BRADLEY_TERRY}
     * derives pairs within each task) and evaluates on the held-out tasks.
     *
     * @param init the starting weights, e.g. the SFT policy (copied: the caller's model is left
     *     untouched; any value head it has is replaced by a fresh one), or a freshly created model
     * @param tokenizer the policy's tokenizer
     * @param train samples to learn from; {@link RewardTrainerConfig#validationFraction()} of their
     *     tasks are kept aside for the validation loss
     * @param heldOut samples of tasks the model never trains on, for the evaluation
     * @param outDir where the model, {@code evaluation.json} and the resume state go
     * @param listener receives each step's statistics
     */
    public TrainedReward fit(Gpt2Model init, TextTokenizer tokenizer, RewardDataset train, RewardDataset heldOut,
            Path outDir, TrainingListener listener) {
        return fit(init, tokenizer, train, heldOut, outDir, listener, Integer.MAX_VALUE).orElseThrow();
    }

    /**
     * As {@link #fit(Gpt2Model, TextTokenizer, RewardDataset, RewardDataset, Path, TrainingListener)},
     * but stops with a checkpoint after step {@code stopAt}, like a killed run (tests resume it);
     * empty when it stopped there before the end.
     */
    Optional<TrainedReward> fit(Gpt2Model init, TextTokenizer tokenizer, RewardDataset train, RewardDataset heldOut,
            Path outDir, TrainingListener listener, int stopAt) {
        if (train.size() == 0 || heldOut.size() == 0) {
            throw new IllegalArgumentException("need training and held-out samples, got " + train.size()
                    + " and " + heldOut.size());
        }
        RewardDataset.Partition parts = train.splitByTask(config.validationFraction(), config.seed());
        List<Unit> fitUnits = units(parts.train());
        List<Unit> valUnits = units(parts.heldOut());
        if (fitUnits.isEmpty() || valUnits.isEmpty()) {
            throw new IllegalArgumentException("the " + config.objective().id() + " objective found no training "
                    + "or no validation unit (Bradley–Terry needs tasks with answers whose scores differ by >= "
                    + config.pairMinGap() + ")");
        }
        String inputHash = Provenance.sha256(train.inputHash() + "\n" + heldOut.inputHash());
        List<Sequence> normSet = new ArrayList<>();
        for (ScoredSample s : train.samples()) {
            normSet.add(new Sequence(RewardInputs.FORMAT.prompt(s.task()), s.completion()));
        }
        return run(init, tokenizer, fitUnits, valUnits, normSet, heldOut, inputHash, outDir, listener, stopAt);
    }

    /**
     * Trains pairwise (Bradley–Terry, whatever the configured objective) on preferences, e.g. from a
     * pairwise judge, using each preference's margin; invalid preferences are skipped. Validation
     * holds out {@link RewardTrainerConfig#validationFraction()} of the preferences' tasks.
     *
     * @param heldOut scored samples of other tasks, for the evaluation
     */
    public TrainedReward fitPreferences(Gpt2Model init, TextTokenizer tokenizer, List<Preference> preferences,
            RewardDataset heldOut, Path outDir, TrainingListener listener) {
        List<Preference> valid = preferences.stream().filter(Preference::valid).toList();
        List<String> tasks = new ArrayList<>(valid.stream().map(Preference::taskId).distinct().sorted().toList());
        if (tasks.size() < 2) {
            throw new IllegalArgumentException("need valid preferences on at least 2 tasks, got " + tasks.size());
        }
        Collections.shuffle(tasks, new Random(config.seed()));
        int held = (int) Math.max(1, Math.min(tasks.size() - 1, Math.round(config.validationFraction() * tasks.size())));
        Set<String> val = new HashSet<>(tasks.subList(0, held));
        List<Unit> fitUnits = new ArrayList<>();
        List<Unit> valUnits = new ArrayList<>();
        List<Sequence> normSet = new ArrayList<>();
        StringBuilder hash = new StringBuilder();
        for (Preference p : valid) {
            Sequence c = new Sequence(p.prompt(), p.chosen());
            Sequence r = new Sequence(p.prompt(), p.rejected());
            (val.contains(p.taskId()) ? valUnits : fitUnits).add(new Unit(c, r, (float) p.margin()));
            normSet.add(c);
            normSet.add(r);
            hash.append(p.taskId()).append('\u0000').append(p.chosen()).append('\u0000').append(p.rejected())
                    .append('\u0000').append(p.margin()).append('\n');
        }
        RewardTrainerConfig pairwise = config.toBuilder().objective(RewardObjective.BRADLEY_TERRY).build();
        String inputHash = Provenance.sha256(Provenance.sha256(hash.toString()) + "\n" + heldOut.inputHash());
        return new RewardTrainer(pairwise, parents)
                .run(init, tokenizer, fitUnits, valUnits, normSet, heldOut, inputHash, outDir, listener, Integer.MAX_VALUE)
                .orElseThrow();
    }

    /** A prompt and an answer, as text. */
    private record Sequence(String prompt, String completion) {
    }

    /**
     * One training unit: a scored answer ({@code rejected == null}, {@code value} = target score) or
     * a pair ({@code value} = margin).
     */
    private record Unit(Sequence chosen, Sequence rejected, float value) {
    }

    /** The units of the configured objective: every sample, or every within-task pair with a large enough gap. */
    private List<Unit> units(RewardDataset data) {
        List<Unit> out = new ArrayList<>();
        if (config.objective() != RewardObjective.BRADLEY_TERRY) {
            for (ScoredSample s : data.samples()) {
                out.add(new Unit(sequence(s), null, (float) s.score()));
            }
            return out;
        }
        for (List<Integer> group : data.indicesByTask().values()) {
            for (int a = 0; a < group.size(); a++) {
                for (int b = a + 1; b < group.size(); b++) {
                    ScoredSample x = data.samples().get(group.get(a));
                    ScoredSample y = data.samples().get(group.get(b));
                    double gap = Math.abs(x.score() - y.score());
                    if (gap < config.pairMinGap() || gap <= RewardEvaluation.TIE) {
                        continue;
                    }
                    ScoredSample hi = x.score() > y.score() ? x : y;
                    ScoredSample lo = hi == x ? y : x;
                    out.add(new Unit(sequence(hi), sequence(lo), (float) (config.marginScale() * gap)));
                }
            }
        }
        return out;
    }

    private static Sequence sequence(ScoredSample s) {
        return new Sequence(RewardInputs.FORMAT.prompt(s.task()), s.completion());
    }

    private Provenance provenance(Gpt2Model init, String inputHash) {
        Map<String, Object> cfg = new LinkedHashMap<>(config.toMap());
        cfg.put("base_config", HfConfigJson.toJson(init.config()));
        return Provenance.of("reward", cfg, config.seed(), inputHash, parents);
    }

    private Optional<TrainedReward> run(Gpt2Model init, TextTokenizer tokenizer, List<Unit> fitUnits, List<Unit> valUnits,
            List<Sequence> normSet, RewardDataset heldOut, String inputHash, Path outDir, TrainingListener listener,
            int stopAt) {
        if (tokenizer.vocabSize() != init.config().vocabSize()) {
            throw new IllegalArgumentException("tokenizer has " + tokenizer.vocabSize()
                    + " ids but the model's vocab_size is " + init.config().vocabSize());
        }
        long t0 = System.nanoTime();
        Provenance provenance = provenance(init, inputHash);
        Path stateDir = outDir.resolve(STATE_DIR);
        JsonNode saved = readState(stateDir);
        if (saved != null && !provenance.id().equals(saved.path("provenance_id").asText())) {
            throw new IllegalArgumentException(outDir + " holds a reward run with other inputs or settings"
                    + " (provenance " + saved.path("provenance_id").asText() + ", this run " + provenance.id()
                    + "); choose another output directory or delete it");
        }
        if (saved != null && saved.path("finished").asBoolean()) {
            LearnedRewardModel done = LearnedRewardModel.load(outDir, tokenizer);
            return Optional.of(new TrainedReward(done, RewardEvaluation.evaluate(done, heldOut),
                    new TrainingReport(saved.path("step").asInt(), List.of(), (System.nanoTime() - t0) / 1e9, outDir)));
        }
        int maxLength = config.maxLength() == 0 ? init.config().nPositions()
                : Math.min(config.maxLength(), init.config().nPositions());
        RewardInputs inputs = new RewardInputs(tokenizer, maxLength);
        List<Encoded> fit = encode(inputs, fitUnits);
        List<Encoded> val = encode(inputs, valUnits);
        Gpt2Model model = init.withNewValueHead(config.seed());
        boolean handedOver = false;
        try {
            int stepsPerEpoch = (fitUnits.size() + config.batchSize() - 1) / config.batchSize();
            int total = config.epochs() * stepsPerEpoch;
            LrSchedule schedule = new LrSchedule(config.learningRate(),
                    (int) Math.ceil(config.warmupRatio() * total), total, config.minLrRatio());
            Loop loop = new Loop();
            List<Map<String, Double>> history = new ArrayList<>();
            try (AdamW opt = new AdamW(model, config.optimizer())) {
                if (saved != null) {
                    loop = resume(stateDir, saved, model, opt, history);
                }
                opt.zeroGrad();
                try (Progress bar = Progress.start("reward", total)) {
                    bar.set(loop.step);
                    while (loop.step < total && !loop.stopped && loop.step < stopAt) {
                        int s = loop.step;
                        double lr = schedule.at(s);
                        double[] r = step(model, opt, inputs, batchUnits(fit, s), lr);
                        loop.step = s + 1;
                        Map<String, Double> stats = new LinkedHashMap<>();
                        stats.put("train/loss", r[0]);
                        stats.put("train/grad_norm", r[1]);
                        stats.put("train/learning_rate", lr);
                        boolean last = loop.step == total;
                        if (last || loop.step % config.evalEvery() == 0) {
                            double v = loss(model, inputs, val);
                            stats.put("eval/loss", v);
                            if (v < loop.bestLoss) {
                                loop.bestLoss = v;
                                loop.bestStep = loop.step;
                                loop.best = model.toHost();
                                loop.bad = 0;
                            } else {
                                loop.bad++;
                                loop.stopped = config.patience() > 0 && loop.bad >= config.patience();
                            }
                        }
                        history.add(stats);
                        listener.onStep(loop.step, total, stats);
                        bar.step(1);
                        bar.status(String.format(Locale.ROOT, "loss=%.4f", r[0]));
                        if (stats.containsKey("eval/loss") || loop.step == stopAt) {
                            saveState(stateDir, provenance, model, opt, loop, history, false);
                        }
                    }
                }
                if (loop.step < total && !loop.stopped) {
                    return Optional.empty();
                }
                if (loop.best == null) {
                    throw new IllegalStateException("the validation loss was never finite: training diverged"
                            + " (lower the learning rate)");
                }
                try (Gpt2Model best = Gpt2Model.fromHost(model.config(), loop.best)) {
                    model.loadWeightsFrom(best);
                }
                double[] raw = scoreSequences(model, inputs, normSet);
                LearnedRewardModel lrm = new LearnedRewardModel(model, tokenizer, maxLength, config.objective(),
                        RewardNormalization.of(raw), provenance, config.scoreBatchSize());
                handedOver = true;
                try {
                    RewardEvaluation eval = RewardEvaluation.evaluate(lrm, heldOut);
                    lrm.save(outDir);
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("best_step", loop.bestStep);
                    extra.put("best_validation_loss", loop.bestLoss);
                    extra.put("steps", loop.step);
                    extra.put("stopped_early", loop.stopped);
                    eval.write(outDir.resolve(EVALUATION_FILE), provenance, extra);
                    saveState(stateDir, provenance, model, opt, loop, history, true);
                    return Optional.of(new TrainedReward(lrm, eval, new TrainingReport(loop.step, history,
                            (System.nanoTime() - t0) / 1e9, outDir)));
                } catch (RuntimeException e) {
                    lrm.close();
                    throw e;
                }
            }
        } finally {
            if (!handedOver) {
                model.close();
            }
        }
    }

    /** The mutable state of the loop that a checkpoint must restore. */
    private static final class Loop {
        int step;
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestStep;
        int bad;
        boolean stopped;
        Map<String, HostTensor> best;
    }

    /** The units of optimiser step {@code s}: a slice of the endless stream of per-epoch shuffles. */
    private List<Encoded> batchUnits(List<Encoded> units, int s) {
        int n = units.size();
        List<Encoded> out = new ArrayList<>(config.batchSize());
        long from = (long) s * config.batchSize();
        int[] perm = null;
        long epoch = -1;
        for (long i = from; i < from + config.batchSize(); i++) {
            if (i / n != epoch) {
                epoch = i / n;
                perm = permutation(n, config.seed(), epoch);
            }
            out.add(units.get(perm[(int) (i % n)]));
        }
        return out;
    }

    /** The seeded order of one epoch (Fisher–Yates). */
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

    /**
     * A unit in token ids: {@code chosen} (and, for a pair, {@code rejected}) as
     * {@code {prompt, completion}}.
     */
    private record Encoded(int[][] chosen, int[][] rejected, float value) {
    }

    private static List<Encoded> encode(RewardInputs inputs, List<Unit> units) {
        List<Encoded> out = new ArrayList<>(units.size());
        for (Unit u : units) {
            Sequence c = u.chosen();
            Sequence r = u.rejected();
            out.add(new Encoded(inputs.encode(c.prompt(), c.completion()),
                    r == null ? null : inputs.encode(r.prompt(), r.completion()), u.value()));
        }
        return out;
    }

    /**
     * Splits units, in order, into groups of at most {@code maxUnits} whose padded batches (longest
     * prompt plus longest answer) fit {@code maxWidth} columns; the chosen and the rejected side of
     * pairs form separate batches, so each side is checked on its own.
     */
    private static List<List<Encoded>> groups(List<Encoded> units, int maxWidth, int maxUnits) {
        List<List<Encoded>> out = new ArrayList<>();
        List<Encoded> cur = new ArrayList<>();
        int[] chosen = {0, 0};
        int[] rejected = {0, 0};
        for (Encoded u : units) {
            // Non-short-circuit '&': both sides must be widened whatever the first says.
            boolean fits = widen(chosen, u.chosen(), maxWidth)
                    & (u.rejected() == null || widen(rejected, u.rejected(), maxWidth));
            if (!cur.isEmpty() && (!fits || cur.size() == maxUnits)) {
                out.add(cur);
                cur = new ArrayList<>();
                chosen[0] = chosen[1] = rejected[0] = rejected[1] = 0;
                widen(chosen, u.chosen(), maxWidth);
                if (u.rejected() != null) {
                    widen(rejected, u.rejected(), maxWidth);
                }
            }
            cur.add(u);
        }
        if (!cur.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    /** Grows a batch's {@code {prompt width, answer width}} by a row; false when the result exceeds {@code maxWidth}. */
    private static boolean widen(int[] widths, int[][] row, int maxWidth) {
        widths[0] = Math.max(widths[0], row[0].length);
        widths[1] = Math.max(widths[1], row[1].length);
        return widths[0] + widths[1] <= maxWidth;
    }

    /**
     * One optimiser step over a batch of units (accumulated over width-limited micro-batches, each
     * loss weighted by its share of the units, so the gradient is that of the batch mean); returns
     * {@code {loss, grad norm before clipping}}.
     */
    private double[] step(Gpt2Model model, AdamW opt, RewardInputs inputs, List<Encoded> units, double lr) {
        double loss = 0;
        try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            for (List<Encoded> part : groups(units, inputs.maxLength(), units.size())) {
                try (NDManager step = model.newStepManager()) {
                    NDArray l = lossOf(step, model, inputs, part).mul((float) part.size() / units.size());
                    gc.backward(l);
                    loss += l.toType(DataType.FLOAT64, false).getDouble();
                }
            }
        }
        double norm = opt.clipGradNorm(config.maxGradNorm());
        opt.step(lr);
        return new double[] {loss, norm};
    }

    /** The mean loss of some units (one batch that fits), as a scalar in {@code step}, with gradients when recorded. */
    private NDArray lossOf(NDManager step, Gpt2Model model, RewardInputs inputs, List<Encoded> units) {
        int n = units.size();
        int[][] prompts = new int[n][];
        int[][] completions = new int[n][];
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            Encoded u = units.get(i);
            prompts[i] = u.chosen()[0];
            completions[i] = u.chosen()[1];
            values[i] = u.value();
        }
        int pad = inputs.tokenizer().padId();
        NDArray r = model.lastTokenValues(step, new TokenBatch(prompts, completions, pad));
        NDArray v = step.create(values).toType(r.getDataType(), false);
        switch (config.objective()) {
            case MSE:
                return r.sub(v).square().mean();
            case BCE:
                // σ-cross-entropy with logits, stably: max(r,0) − r·s + log(1 + e^{−|r|}).
                return r.maximum(0f).sub(r.mul(v)).add(r.abs().neg().exp().add(1f).log()).mean();
            default:
                int[][] rejectedPrompts = new int[n][];
                int[][] rejectedCompletions = new int[n][];
                for (int i = 0; i < n; i++) {
                    rejectedPrompts[i] = units.get(i).rejected()[0];
                    rejectedCompletions[i] = units.get(i).rejected()[1];
                }
                NDArray rc = r;
                NDArray rr = model.lastTokenValues(step, new TokenBatch(rejectedPrompts, rejectedCompletions, pad));
                NDArray d = rc.sub(rr).sub(v);
                // −log σ(d) = softplus(−d) = max(−d,0) + log(1 + e^{−|d|}).
                NDArray bt = d.neg().maximum(0f).add(d.abs().neg().exp().add(1f).log()).mean();
                return config.centringCoefficient() == 0 ? bt
                        : bt.add(rc.add(rr).square().mean().mul((float) config.centringCoefficient()));
        }
    }

    /** The mean loss over some units, without gradients, in width-limited batches sorted by length. */
    private double loss(Gpt2Model model, RewardInputs inputs, List<Encoded> units) {
        List<Encoded> sorted = new ArrayList<>(units);
        sorted.sort(Comparator.comparingInt((Encoded u) -> u.chosen()[0].length + u.chosen()[1].length));
        int bs = Math.max(1, config.scoreBatchSize() / (config.objective() == RewardObjective.BRADLEY_TERRY ? 2 : 1));
        double sum = 0;
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (List<Encoded> part : groups(sorted, inputs.maxLength(), bs)) {
                try (NDManager step = model.newStepManager()) {
                    sum += lossOf(step, model, inputs, part).toType(DataType.FLOAT64, false).getDouble() * part.size();
                }
            }
        } finally {
            JniUtils.setGradMode(previous);
        }
        return sum / sorted.size();
    }

    /** Raw scores of some sequences, without gradients. */
    private double[] scoreSequences(Gpt2Model model, RewardInputs inputs, List<Sequence> seqs) {
        List<int[][]> rows = new ArrayList<>(seqs.size());
        for (Sequence s : seqs) {
            rows.add(inputs.encode(s.prompt(), s.completion()));
        }
        return LearnedRewardModel.scoreSorted(rows, config.scoreBatchSize(), inputs.maxLength(), (p, c) -> {
            boolean previous = JniUtils.isGradMode();
            JniUtils.setGradMode(false);
            try (NDManager step = model.newStepManager()) {
                return model.lastTokenValues(step, new TokenBatch(p, c, inputs.tokenizer().padId()))
                        .toType(DataType.FLOAT32, false).toFloatArray();
            } finally {
                JniUtils.setGradMode(previous);
            }
        });
    }

    private static JsonNode readState(Path stateDir) {
        Path f = stateDir.resolve(STATE_FILE);
        if (!Files.exists(f)) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException(f.toString(), 0, "unreadable trainer state: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the state into a fresh folder and swaps it in, so a kill mid-write leaves the previous
     * checkpoint whole.
     */
    private static void saveState(Path stateDir, Provenance provenance, Gpt2Model model, AdamW opt, Loop loop,
            List<Map<String, Double>> history, boolean finished) {
        Path tmp = stateDir.resolveSibling(stateDir.getFileName() + ".tmp");
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            new HfCheckpoint(model.config(), model.toHost()).save(tmp);
            Safetensors.write(tmp.resolve(OPTIMIZER_FILE), opt.state(), Map.of("steps", Long.toString(opt.steps())));
            if (loop.best != null) {
                new HfCheckpoint(model.config(), loop.best).save(tmp.resolve(BEST_DIR));
            }
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("provenance_id", provenance.id());
            o.put("step", loop.step);
            o.put("optimizer_steps", opt.steps());
            o.put("best_loss", loop.bestLoss);
            o.put("best_step", loop.bestStep);
            o.put("bad_evals", loop.bad);
            o.put("stopped_early", loop.stopped);
            o.put("finished", finished);
            ArrayNode h = o.putArray("history");
            for (Map<String, Double> stats : history) {
                h.add(Json.MAPPER.valueToTree(stats));
            }
            Files.writeString(tmp.resolve(STATE_FILE), o.toString(), StandardCharsets.UTF_8);
            deleteTree(stateDir);
            Files.move(tmp, stateDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write reward checkpoint " + stateDir + ": " + e.getMessage(), e);
        }
    }

    private static Loop resume(Path stateDir, JsonNode state, Gpt2Model model, AdamW opt,
            List<Map<String, Double>> history) {
        HfCheckpoint current = HfCheckpoint.load(stateDir);
        try (Gpt2Model m = Gpt2Model.fromHost(current.config(), current.tensors())) {
            model.loadWeightsFrom(m);
        }
        opt.load(Safetensors.read(stateDir.resolve(OPTIMIZER_FILE)), state.path("optimizer_steps").asLong());
        Loop loop = new Loop();
        loop.step = state.path("step").asInt();
        loop.bestLoss = state.path("best_loss").asDouble(Double.POSITIVE_INFINITY);
        loop.bestStep = state.path("best_step").asInt();
        loop.bad = state.path("bad_evals").asInt();
        loop.stopped = state.path("stopped_early").asBoolean();
        if (Files.isDirectory(stateDir.resolve(BEST_DIR))) {
            loop.best = HfCheckpoint.load(stateDir.resolve(BEST_DIR)).tensors();
        }
        for (JsonNode stats : state.path("history")) {
            Map<String, Double> m = new LinkedHashMap<>();
            stats.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
            history.add(m);
        }
        return loop;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
