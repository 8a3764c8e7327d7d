package dev.rlaif.ppo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.Progress;
import dev.rlaif.core.PolicyTrainer;
import dev.rlaif.core.TrainingReport;
import dev.rlaif.lm.DecoderPolicy;
import dev.rlaif.lm.Gpt2Model;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PPO, GRPO and RLOO each learn {@link TinyWorld}'s task: mean reward rises from near chance to at
 * least 0.9 within a bounded number of steps, KL to the reference stays finite, and entropy falls
 * gradually rather than collapsing at once.
 */
class LearningTest {

    @BeforeAll
    static void quiet() {
        Progress.setQuiet(true);
    }

    private static RunConfig.Builder run(int steps, int prompts) {
        return RunConfig.builder().steps(steps).promptsPerStep(prompts).miniBatchSize(16).learningRate(3e-3)
                .sampling(TinyWorld.sampling()).seed(7);
    }

    @Test
    void ppoLearnsTheTarget() {
        PpoConfig cfg = PpoConfig.builder().run(run(30, 32).build()).klCoef(0.01).build();
        check("ppo", new PpoTrainer(cfg));
    }

    @Test
    void grpoLearnsTheTarget() {
        GrpoConfig cfg = GrpoConfig.builder().run(run(40, 8).build()).numGenerations(4).numIterations(4).beta(0.01)
                .build();
        check("grpo", new GrpoTrainer(cfg));
    }

    @Test
    void rlooLearnsTheTarget() {
        RlooConfig cfg = RlooConfig.builder().run(run(40, 8).build()).numGenerations(4).numIterations(4).klCoef(0.01)
                .build();
        check("rloo", new RlooTrainer(cfg));
    }

    /** Trains a fresh tiny policy and checks the learning curve within the run's steps. */
    private static void check(String name, PolicyTrainer<DecoderPolicy> trainer) {
        DecoderPolicy policy = TinyWorld.policy(11);
        try (Gpt2Model model = policy.model()) {
            TrainingReport report = trainer.train(policy, TinyWorld.tasks(), TinyWorld.REWARD, (s, t, m) -> { });
            List<Map<String, Double>> h = report.history();
            System.out.println("## " + name + " learning curve");
            System.out.println("| step | objective/scores | objective/kl | objective/entropy |");
            System.out.println("|---:|---:|---:|---:|");
            for (Map<String, Double> m : h) {
                System.out.println(String.format(Locale.ROOT, "| %d | %.3f | %.4f | %.3f |", m.get("step").intValue(),
                        m.get("objective/scores"), m.get("objective/kl"), m.get("objective/entropy")));
            }
            double first = h.get(0).get("objective/scores");
            assertTrue(first < 0.3, name + ": starts near chance, got " + first);
            int reached = -1;
            for (Map<String, Double> m : h) {
                if (m.get("objective/scores") >= 0.9) {
                    reached = m.get("step").intValue();
                    break;
                }
            }
            assertTrue(reached > 0, name + ": mean reward never reached 0.9 in " + h.size() + " steps");
            for (Map<String, Double> m : h) {
                assertTrue(Double.isFinite(m.get("objective/kl")), name + ": KL must stay finite");
            }
            double e0 = h.get(0).get("objective/entropy");
            double eLast = h.get(h.size() - 1).get("objective/entropy");
            assertTrue(eLast < 0.5 * e0, name + ": entropy should fall as the policy learns");
            int halved = 0;
            for (Map<String, Double> m : h) {
                double e = m.get("objective/entropy");
                assertTrue(e > 0.02 * e0, name + ": entropy collapsed to " + e + " at step " + m.get("step"));
                if (halved == 0 && e < 0.5 * e0) {
                    halved = m.get("step").intValue();
                }
            }
            assertTrue(halved >= 4, name + ": entropy halved within " + halved + " steps, not gradually");
        }
    }
}
