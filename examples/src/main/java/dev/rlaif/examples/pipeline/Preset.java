package dev.rlaif.examples.pipeline;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every knob of the end-to-end experiment. Three presets are built in:
 *
 * <ul>
 *   <li>{@code quick}: the README's main command; 2 CPU cores, 15 minutes, 3 seeds. Tiny models
 *       trained from scratch on the TorchHub train split, the short 3-field answer (domain, call,
 *       provider), the offline judge, a pairwise reward model, and GRPO rather than the paper's
 *       PPO: at this scale PPO collapses onto one classification call (measured: 3 to 7
 *       distinct calls over 186 tasks), likely because its small critic barely tells prompts
 *       apart, so its advantages reward whatever answer the reward model likes for every task.
 *       The RL reward adds the judge's direct score to the learned one. GRPO's group baseline compares answers to the same prompt only,
 *       which is what the pairwise reward model was trained on. {@code --algorithm ppo} runs PPO.
 *   <li>{@code paper}: the paper's scale for a GPU user: GPT-2-large shapes (or a user checkpoint
 *       via {@code --policy}), the full 5-field answer, longer training.
 *   <li>{@code micro}: the integration test's preset: a handful of tasks, one tiny model, seconds.
 * </ul>
 *
 * @param name preset name
 * @param seeds how many seeds to repeat the whole pipeline over
 * @param trainTasks cap on the training tasks used (0 = all)
 * @param evalTasks cap on the held-out tasks evaluated (0 = all)
 * @param targetFields Gorilla fields in the training target (3 = domain, call, provider)
 * @param vocabSize BPE vocabulary size
 * @param nPositions longest sequence, prompt plus answer
 * @param policy the policy's shape: {embd, layers, heads}
 * @param large the larger SFT-only baseline's shape
 * @param sftSteps SFT optimisation steps (the large baseline gets the same)
 * @param sftBatch SFT batch size
 * @param sftLr SFT peak learning rate
 * @param samplesPerTask K answers drawn per training task for feedback
 * @param sampleTemperature temperature of those samples
 * @param maxNewTokens generation length limit
 * @param contrastPerTask off-task contrast answers per training task added to the judged set: answers
 *     sampled for a training task of another domain, judged against this task's instruction, so the
 *     reward model learns that the right answer depends on the instruction (0 = none)
 * @param judgeReferences whether the training tasks' reference answers join the judged set, so the
 *     reward model sees a good answer for every task, also where the SFT policy's samples are all wrong
 * @param rewardObjective reward-model objective ({@code mse}, {@code bce} or {@code bradley_terry})
 * @param rewardEpochs reward-model epochs
 * @param rewardLr reward-model learning rate
 * @param judgeRewardWeight weight of the judge's own score in the RL reward, next to the learned
 *     reward model's (both whitened to unit spread over the feedback set; 0 = the learned reward
 *     model alone, as in the paper). A small policy finds and exploits the learned model's errors
 *     (an invented id it scores above real ones); the judge, called directly ("direct RLAIF"),
 *     anchors the reward where the learned model is wrong
 * @param rlSteps RL steps
 * @param rlPromptsPerStep prompts per RL step
 * @param rlSamplesPerPrompt samples per prompt per RL step (GRPO/RLOO group size; 1 for PPO)
 * @param rlLr RL learning rate
 * @param klCoef KL penalty coefficient
 * @param algorithm {@code ppo} (the paper's) or {@code grpo}
 * @param shareSft train the SFT policy and baseline once (base seed) and start every seed's RL from
 *     them, so the seeds measure the variance of sampling, feedback, reward model and RL
 */
record Preset(String name, int seeds, int trainTasks, int evalTasks, int targetFields, int vocabSize, int nPositions,
        int[] policy, int[] large, int sftSteps, int sftBatch, double sftLr, int samplesPerTask,
        double sampleTemperature, int maxNewTokens, int contrastPerTask, boolean judgeReferences, String rewardObjective, int rewardEpochs,
        double rewardLr, double judgeRewardWeight, int rlSteps,
        int rlPromptsPerStep, int rlSamplesPerPrompt, double rlLr, double klCoef, String algorithm,
        boolean shareSft) {

    static Preset named(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "quick":
                return new Preset("quick", 3, 0, 0, 3, 1024, 192, new int[] {64, 2, 2}, new int[] {96, 4, 4},
                        300, 32, 3e-3, 2, 1.0, 48, 1, true, "bradley_terry", 6, 2e-3, 1.0, 30, 32, 1, 1e-4, 0.3, "grpo", true);
            case "paper":
                return new Preset("paper", 3, 0, 0, 5, 32000, 1024, new int[] {1280, 36, 20},
                        new int[] {1600, 48, 25}, 3000, 16, 1e-4, 8, 1.0, 256, 2, true, "bradley_terry", 3, 1e-5, 0.0, 400, 64, 1, 1e-6,
                        0.05, "ppo", false);
            case "micro":
                return new Preset("micro", 1, 24, 8, 3, 512, 256, new int[] {32, 1, 2}, new int[] {48, 1, 2},
                        20, 16, 3e-3, 2, 1.0, 32, 1, true, "bradley_terry", 1, 1e-3, 1.0, 2, 8, 1, 1e-4, 0.05, "ppo", false);
            default:
                throw new IllegalArgumentException("unknown preset '" + name + "': expected quick, paper or micro");
        }
    }

    /** The preset as a JSON-friendly map, for provenance and results.json. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("preset", name);
        m.put("seeds", seeds);
        m.put("train_tasks", trainTasks);
        m.put("eval_tasks", evalTasks);
        m.put("target_fields", targetFields);
        m.put("vocab_size", vocabSize);
        m.put("n_positions", nPositions);
        m.put("policy", java.util.List.of(policy[0], policy[1], policy[2]));
        m.put("large", java.util.List.of(large[0], large[1], large[2]));
        m.put("sft_steps", sftSteps);
        m.put("sft_batch", sftBatch);
        m.put("sft_lr", sftLr);
        m.put("samples_per_task", samplesPerTask);
        m.put("sample_temperature", sampleTemperature);
        m.put("max_new_tokens", maxNewTokens);
        m.put("contrast_per_task", contrastPerTask);
        m.put("judge_references", judgeReferences);
        m.put("reward_objective", rewardObjective);
        m.put("reward_epochs", rewardEpochs);
        m.put("reward_lr", rewardLr);
        m.put("judge_reward_weight", judgeRewardWeight);
        m.put("rl_steps", rlSteps);
        m.put("rl_prompts_per_step", rlPromptsPerStep);
        m.put("rl_samples_per_prompt", rlSamplesPerPrompt);
        m.put("rl_lr", rlLr);
        m.put("kl_coef", klCoef);
        m.put("algorithm", algorithm);
        m.put("share_sft", shareSft);
        return m;
    }

    Preset withSeeds(int n) {
        return new Preset(name, n, trainTasks, evalTasks, targetFields, vocabSize, nPositions, policy, large, sftSteps,
                sftBatch, sftLr, samplesPerTask, sampleTemperature, maxNewTokens, contrastPerTask, judgeReferences, rewardObjective,
                rewardEpochs, rewardLr, judgeRewardWeight, rlSteps,
                rlPromptsPerStep, rlSamplesPerPrompt, rlLr, klCoef, algorithm, shareSft);
    }

    Preset withAlgorithm(String a) {
        return new Preset(name, seeds, trainTasks, evalTasks, targetFields, vocabSize, nPositions, policy, large,
                sftSteps, sftBatch, sftLr, samplesPerTask, sampleTemperature, maxNewTokens, contrastPerTask, judgeReferences, rewardObjective,
                rewardEpochs, rewardLr, judgeRewardWeight,
                rlSteps, rlPromptsPerStep, rlSamplesPerPrompt, rlLr, klCoef, a, shareSft);
    }
}
