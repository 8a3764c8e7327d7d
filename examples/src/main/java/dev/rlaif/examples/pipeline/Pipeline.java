package dev.rlaif.examples.pipeline;

import dev.rlaif.core.Hub;
import java.io.IOException;
import java.nio.file.Path;

/** Entry point to the end-to-end experiment for the command line and tests. */
public final class Pipeline {

    private Pipeline() {
    }

    /**
     * Runs (or resumes) the experiment and writes {@code out/results.json}, {@code out/report.md} and
     * the plots.
     *
     * @param presetName {@code quick}, {@code paper} or {@code micro}
     * @param seeds number of seeds, or 0 for the preset's default
     * @param algorithm {@code ppo}, {@code grpo}, or null for the preset's default
     */
    public static void run(String presetName, Path out, Hub hub, long seed, int seeds, String algorithm,
            Experiment.JudgeChoice judge) throws IOException {
        Preset p = Preset.named(presetName);
        if (seeds > 0) {
            p = p.withSeeds(seeds);
        }
        if (algorithm != null) {
            if (!algorithm.equals("ppo") && !algorithm.equals("grpo")) {
                throw new IllegalArgumentException("unknown algorithm '" + algorithm + "': expected ppo or grpo");
            }
            p = p.withAlgorithm(algorithm);
        }
        new Experiment(p, out, hub, seed, judge).run();
    }
}
