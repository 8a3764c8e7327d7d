package dev.rlaif.examples.cli;

import dev.rlaif.core.Hub;
import dev.rlaif.examples.pipeline.Experiment;
import dev.rlaif.examples.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rlaif run}: the whole RLAIF pipeline on Gorilla, with its report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run (or resume) the end-to-end RLAIF experiment and write DIR/results.json, "
                + "DIR/report.md and PNG plots.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--preset", defaultValue = "quick", description = "quick (2 CPU cores, 15 min), paper or micro.")
    String preset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder; rerun to resume.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "First seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--seeds", defaultValue = "0", description = "Number of seeds (default: the preset's, 3).")
    int seeds;

    @Option(names = "--hub", defaultValue = "torchhub", description = "torchhub (official split) or huggingface (re-split).")
    String hub;

    @Option(names = "--algorithm", description = "ppo (the paper's, default) or grpo.")
    String algorithm;

    @Option(names = "--judge-url", description = "OpenAI-compatible base URL; default: the offline judge.")
    String judgeUrl;

    @Option(names = "--judge-model", description = "Judge model name (with --judge-url).")
    String judgeModel;

    @Option(names = "--judge-key-env", defaultValue = "OPENAI_API_KEY",
            description = "Environment variable holding the judge's API key (default ${DEFAULT-VALUE}).")
    String judgeKeyEnv;

    @Override
    public Integer call() throws Exception {
        if ((judgeUrl == null) != (judgeModel == null)) {
            throw new IllegalArgumentException("--judge-url and --judge-model go together");
        }
        Experiment.JudgeChoice judge = judgeUrl == null ? Experiment.JudgeChoice.offline()
                : new Experiment.JudgeChoice(judgeUrl, judgeModel, judgeKeyEnv);
        Pipeline.run(preset, out, Hub.parse(hub), seed, seeds, algorithm, judge);
        return 0;
    }
}
