package dev.rlaif.ppo;

import dev.rlaif.core.Progress;
import dev.rlaif.lm.DecoderPolicy;
import dev.rlaif.lm.Gpt2Model;
import java.nio.file.Path;

/**
 * The child JVM of {@link KillAndResumeTest}: a small PPO run on {@link TinyWorld} that, when asked,
 * announces {@value #KILL_ME} after a given step and then waits to be killed.
 *
 * <p>Arguments: the output directory, the number of steps, and the step after which to wait (0:
 * never).
 */
public final class ResumeChild {

    /** The line the child prints when it is ready to be killed. */
    static final String KILL_ME = "KILL-ME";

    private ResumeChild() {
    }

    /** The run both the killed and the uninterrupted child perform. */
    static PpoConfig config(Path out, int steps) {
        RunConfig run = RunConfig.builder().steps(steps).promptsPerStep(8).miniBatchSize(4).learningRate(3e-3)
                .sampling(TinyWorld.sampling()).seed(3).outputDir(out).saveSteps(2).build();
        return PpoConfig.builder().run(run).ppoEpochs(2).klCoef(0.05).adaptiveKl(true).klTarget(0.5).klHorizon(100)
                .build();
    }

    /**
     * Runs the child.
     *
     * @param args output directory, steps, step after which to wait for the kill (0: never)
     * @throws InterruptedException never in practice: the parent kills the waiting child
     */
    public static void main(String[] args) throws InterruptedException {
        Progress.setQuiet(true);
        Path out = Path.of(args[0]);
        int steps = Integer.parseInt(args[1]);
        int killAfter = Integer.parseInt(args[2]);
        DecoderPolicy policy = TinyWorld.policy(5);
        try (Gpt2Model model = policy.model()) {
            new PpoTrainer(config(out, steps)).train(policy, TinyWorld.tasks(), TinyWorld.REWARD, (step, total, stats) -> {
                if (step == killAfter) {
                    System.out.println(KILL_ME);
                    System.out.flush();
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }
    }
}
