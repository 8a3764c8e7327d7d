package dev.rlaif.examples.cli;

import dev.rlaif.ppo.GrpoConfig;
import dev.rlaif.ppo.GrpoTrainer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rlaif grpo}: as {@code rlaif ppo}, with Group Relative Policy Optimisation: no critic, a
 * group of answers per task, each judged against its group. Cheaper than PPO on a CPU budget.
 */
@Command(name = "grpo", mixinStandardHelpOptions = true,
        description = "Tune a policy with GRPO against a reward model (resumable; stats as JSONL).")
final class GrpoCommand implements Callable<Integer> {

    @Mixin
    PpoCommand.RlOptions common;

    @Option(names = "--num-generations", paramLabel = "G", defaultValue = "8",
            description = "Answers per task (default 8).")
    int numGenerations;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "1",
            description = "Passes over each step's rollouts (default 1).")
    int iterations;

    @Option(names = "--beta", paramLabel = "X", defaultValue = "0.04",
            description = "Weight of the KL-to-reference term (default 0.04).")
    double beta;

    @Option(names = "--epsilon", paramLabel = "X", defaultValue = "0.2", description = "Lower ratio clip (default 0.2).")
    double epsilon;

    @Option(names = "--epsilon-high", paramLabel = "X", description = "Upper ratio clip (default: --epsilon).")
    Double epsilonHigh;

    @Override
    public Integer call() {
        return common.train("grpo", run -> new GrpoTrainer(GrpoConfig.builder().run(run).numGenerations(numGenerations)
                .numIterations(iterations).beta(beta).epsilon(epsilon)
                .epsilonHigh(epsilonHigh == null ? epsilon : epsilonHigh).build()));
    }
}
