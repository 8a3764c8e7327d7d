package dev.rlaif.ppo;

import dev.rlaif.core.Progress;
import dev.rlaif.core.Provenance;
import dev.rlaif.core.RewardModel;
import dev.rlaif.core.SamplingConfig;
import dev.rlaif.core.Task;
import dev.rlaif.core.TrainingListener;
import dev.rlaif.core.TrainingReport;
import dev.rlaif.lm.DecoderPolicy;
import dev.rlaif.lm.Gpt2Model;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The loop every trainer of this package runs: resume from the checkpoint if there is one, then per
 * step draw tasks, roll out, let the {@link Algorithm} update, log, report and checkpoint.
 */
final class RunLoop {

    private RunLoop() {
    }

    /**
     * Runs {@code algorithm} on {@code policy} (trained in place) against a frozen {@code reference}.
     */
    static TrainingReport run(RunConfig run, Algorithm algorithm, DecoderPolicy policy, Gpt2Model reference,
            List<Task> tasks, RewardModel reward, TrainingListener listener) {
        long started = System.nanoTime();
        Path output = run.outputDir();
        Map<String, Gpt2Model> models = new LinkedHashMap<>();
        models.put("policy", policy.model());
        models.put("reference", reference);
        models.putAll(algorithm.extraModels());
        int done = 0;
        if (output != null) {
            checkResumable(output, algorithm);
            Optional<Checkpoint.Loaded> loaded = Checkpoint.restore(output, models, algorithm.optimizers());
            if (loaded.isPresent()) {
                done = loaded.get().step();
                algorithm.restore(loaded.get().scalars());
            }
        }
        TaskStream stream = new TaskStream(tasks, run.seed(), run.promptsPerStep());
        String inputHash = inputHash(tasks);
        Path checkpoint = done > 0 ? output.resolve(Checkpoint.DIR) : null;
        String label = done == 0 ? algorithm.name() : algorithm.name() + " (resumed after step " + done + ")";
        try (StatsLog log = StatsLog.open(output, done);
                Progress progress = Progress.start(label, run.steps() - done)) {
            for (int step = done; step < run.steps(); step++) {
                long t0 = System.nanoTime();
                SamplingConfig sampling = run.sampling().withSeed(Seeds.derive(run.seed(), Seeds.SAMPLING, step));
                Rollout rollout = Rollout.collect(policy, reference, stream.batch(step), algorithm.samplesPerTask(),
                        sampling, reward, run.miniBatchSize());
                long t1 = System.nanoTime();
                Map<String, Double> stats = new LinkedHashMap<>();
                stats.put("step", (double) (step + 1));
                stats.putAll(algorithm.update(rollout, step));
                long t2 = System.nanoTime();
                stats.put("episode", (double) (step + 1) * rollout.size());
                stats.put("time/rollout_seconds", (t1 - t0) / 1e9);
                stats.put("time/update_seconds", (t2 - t1) / 1e9);
                stats.put("time/step_seconds", (t2 - t0) / 1e9);
                log.append(stats);
                listener.onStep(step + 1, run.steps(), stats);
                progress.status(String.format(Locale.ROOT, "step=%d/%d reward=%.3f kl=%.3f", step + 1, run.steps(),
                        stats.get("objective/scores"), stats.get("objective/kl")));
                progress.set(step + 1 - done);
                if (output != null && ((step + 1) % run.saveSteps() == 0 || step + 1 == run.steps())) {
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("seed", run.seed());
                    extra.put("data_cursor", stream.cursor(step + 1));
                    extra.put("rng", "counter-based: every draw is seeded by (seed, purpose, step[, epoch])");
                    extra.put("config", algorithm.config());
                    checkpoint = Checkpoint.save(output, step + 1, models, algorithm.optimizers(),
                            algorithm.scalars(), extra, Provenance.of(algorithm.name(), algorithm.config(),
                                    run.seed(), inputHash, List.of()));
                }
            }
            return new TrainingReport(run.steps(), log.history(), (System.nanoTime() - started) / 1e9, checkpoint);
        }
    }

    /**
     * Refuses to resume a checkpoint made with another config: the data order, batch shapes and
     * optimiser state would not line up, and the result would silently differ from any real run.
     * Only the run's length and checkpoint interval may change.
     */
    private static void checkResumable(Path output, Algorithm algorithm) {
        Checkpoint.savedConfig(output).ifPresent(saved -> {
            for (Map.Entry<String, Object> e : algorithm.config().entrySet()) {
                if (e.getKey().equals("steps") || e.getKey().equals("save_steps")) {
                    continue;
                }
                String now = String.valueOf(e.getValue());
                String then = saved.path(e.getKey()).isMissingNode() ? "<absent>" : saved.path(e.getKey()).asText();
                if (!now.equals(then)) {
                    throw new IllegalArgumentException("checkpoint under " + output + " was made with " + e.getKey()
                            + "=" + then + " but this run has " + now + "; use another output directory");
                }
            }
        });
    }

    private static String inputHash(List<Task> tasks) {
        StringBuilder sb = new StringBuilder();
        for (Task t : tasks) {
            sb.append(t.id()).append('\n');
        }
        return Provenance.sha256(sb.toString());
    }
}
