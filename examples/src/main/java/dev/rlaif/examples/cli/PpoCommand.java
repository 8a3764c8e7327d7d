package dev.rlaif.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.Hub;
import dev.rlaif.core.PolicyTrainer;
import dev.rlaif.core.PromptFormat;
import dev.rlaif.core.RewardModel;
import dev.rlaif.core.SamplingConfig;
import dev.rlaif.core.Task;
import dev.rlaif.core.TrainingReport;
import dev.rlaif.core.gorilla.GorillaData;
import dev.rlaif.core.io.Json;
import dev.rlaif.lm.DecoderPolicy;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.io.HfCheckpoint;
import dev.rlaif.lm.tokenizer.ByteLevelBpe;
import dev.rlaif.ppo.KlEstimator;
import dev.rlaif.ppo.PpoConfig;
import dev.rlaif.ppo.PpoTrainer;
import dev.rlaif.ppo.RunConfig;
import dev.rlaif.reward.LearnedRewardModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rlaif ppo}: tunes a policy checkpoint against a reward-model checkpoint with PPO, on a
 * hub's training tasks (TorchHub's official train split by default). Writes the tuned policy as a
 * Hugging Face checkpoint with its tokenizer and provenance ({@code OUT/policy}), the per-step
 * statistics ({@code OUT/stats.jsonl})
 * and a resumable checkpoint ({@code OUT/checkpoint}); rerunning the same command after a crash
 * resumes it.
 */
@Command(name = "ppo", mixinStandardHelpOptions = true,
        description = "Tune a policy with PPO against a reward model (resumable; stats as JSONL).")
final class PpoCommand implements Callable<Integer> {

    @Mixin
    RlOptions common;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "4", description = "PPO epochs per step (default 4).")
    int epochs;

    @Option(names = "--kl-coef", paramLabel = "X", defaultValue = "0.05",
            description = "KL coefficient, or its start when adaptive (default 0.05).")
    double klCoef;

    @Option(names = "--adaptive-kl", description = "Adapt the KL coefficient towards --kl-target (Ziegler et al.).")
    boolean adaptiveKl;

    @Option(names = "--kl-target", paramLabel = "NATS", defaultValue = "6", description = "Adaptive KL target (default 6).")
    double klTarget;

    @Option(names = "--kl-estimator", paramLabel = "K", defaultValue = "k1", description = "k1, k3 or abs (default k1).")
    String klEstimator;

    @Option(names = "--missing-eos-penalty", paramLabel = "X", defaultValue = "0",
            description = "Subtracted from the score of an answer cut by the length limit (default 0).")
    double missingEosPenalty;

    @Option(names = "--value-init", paramLabel = "FROM", defaultValue = "reward",
            description = "Initialise the critic from the reward model or the policy (default reward).")
    String valueInit;

    @Override
    public Integer call() {
        KlEstimator estimator = switch (klEstimator.toLowerCase(Locale.ROOT)) {
            case "k1" -> KlEstimator.K1;
            case "k3" -> KlEstimator.K3;
            case "abs" -> KlEstimator.ABS;
            default -> throw new IllegalArgumentException("--kl-estimator must be k1, k3 or abs, got " + klEstimator);
        };
        if (!valueInit.equals("reward") && !valueInit.equals("policy")) {
            throw new IllegalArgumentException("--value-init must be reward or policy, got " + valueInit);
        }
        return common.train("ppo", run -> new PpoTrainer(PpoConfig.builder().run(run).ppoEpochs(epochs).klCoef(klCoef)
                .adaptiveKl(adaptiveKl).klTarget(klTarget).klEstimator(estimator).missingEosPenalty(missingEosPenalty)
                .valueModel(valueInit.equals("reward") ? common.reward : null).build()));
    }

    /** The options and the run shared by {@code rlaif ppo} and {@code rlaif grpo}. */
    static final class RlOptions {

        @Option(names = "--policy", required = true, paramLabel = "DIR",
                description = "Policy checkpoint (HF layout with tokenizer.json), e.g. the SFT output.")
        Path policy;

        @Option(names = "--reward", required = true, paramLabel = "DIR",
                description = "Reward-model checkpoint written by the reward trainer (rlaif-reward).")
        Path reward;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "Output: policy/ (the tuned checkpoint), stats.jsonl, checkpoint/ (for resume).")
        Path out;

        @Option(names = "--hub", paramLabel = "HUB", defaultValue = "torchhub",
                description = "Hub whose train tasks are the prompts (default torchhub).")
        String hub;

        @Option(names = "--data", paramLabel = "DIR",
                description = "Folder laid out like data/gorilla/ (default: the data shipped in the jar).")
        Path dataDir;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "100", description = "Optimisation steps (default 100).")
        int steps;

        @Option(names = "--prompts-per-step", paramLabel = "N", defaultValue = "16",
                description = "Tasks per step (default 16).")
        int promptsPerStep;

        @Option(names = "--mini-batch", paramLabel = "N", defaultValue = "8",
                description = "Completions per gradient step (default 8).")
        int miniBatch;

        @Option(names = "--lr", paramLabel = "X", defaultValue = "1e-5", description = "Learning rate (default 1e-5).")
        double lr;

        @Option(names = "--max-new-tokens", paramLabel = "N", defaultValue = "64",
                description = "Answer length limit (default 64).")
        int maxNewTokens;

        @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0",
                description = "Sampling temperature, > 0 (default 1).")
        double temperature;

        @Option(names = "--save-steps", paramLabel = "N", defaultValue = "25",
                description = "Checkpoint every N steps (default 25).")
        int saveSteps;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed (default 0).")
        long seed;

        @Option(names = "--json", description = "Print the summary as JSON to stdout.")
        boolean json;

        /** Loads policy, reward and tasks, trains, saves the tuned policy, and prints the summary. */
        int train(String name, Function<RunConfig, PolicyTrainer<DecoderPolicy>> trainerFor) {
            if (!Files.isDirectory(policy)) {
                throw new IllegalArgumentException("--policy " + policy + " is not a directory");
            }
            if (!Files.isDirectory(reward)) {
                throw new IllegalArgumentException("--reward " + reward + " is not a directory");
            }
            RunConfig run = RunConfig.builder().steps(steps).promptsPerStep(promptsPerStep).miniBatchSize(miniBatch)
                    .learningRate(lr).sampling(new SamplingConfig(maxNewTokens, temperature, 0, 1.0, 1, seed)).seed(seed)
                    .outputDir(out).saveSteps(saveSteps).build();
            GorillaData data = dataDir == null ? GorillaData.bundled() : GorillaData.fromDirectory(dataDir);
            List<Task> tasks = data.trainTasks(Hub.parse(hub));
            ByteLevelBpe tokenizer = ByteLevelBpe.load(policy);
            HfCheckpoint start = HfCheckpoint.load(policy);
            PolicyTrainer<DecoderPolicy> trainer = trainerFor.apply(run);
            try (Gpt2Model model = Gpt2Model.fromHost(start.config(), start.tensors());
                    RewardModel rm = HfCheckpoint.tokenizerFile(reward).isPresent()
                            ? LearnedRewardModel.load(reward) : LearnedRewardModel.load(reward, tokenizer)) {
                DecoderPolicy dp = new DecoderPolicy(model, tokenizer, PromptFormat.full());
                System.err.println(name + ": " + tasks.size() + " " + hub + " train tasks, " + steps + " steps, output "
                        + out);
                TrainingReport report = trainer.train(dp, tasks, rm, (s, t, m) -> { });
                Path tuned = out.resolve("policy");
                new HfCheckpoint(model.config(), model.toHost()).save(tuned);
                tokenizer.save(tuned);
                Files.copy(report.checkpoint().resolve("provenance.json"), tuned.resolve("provenance.json"),
                        StandardCopyOption.REPLACE_EXISTING);
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("algorithm", name);
                o.put("steps", report.steps());
                o.put("wall_seconds", report.wallSeconds());
                o.put("policy", tuned.toString());
                o.put("stats", out.resolve("stats.jsonl").toString());
                o.set("last", Json.MAPPER.valueToTree(report.last()));
                if (json) {
                    System.out.println(o.toString());
                } else {
                    System.err.println(o.toPrettyString());
                }
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the provenance of " + out + ": " + e.getMessage(), e);
            }
        }
    }
}
