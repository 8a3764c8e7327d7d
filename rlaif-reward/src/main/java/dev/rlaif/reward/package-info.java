/**
 * Reward models learned from AI feedback, so that PPO never has to call the expensive judge.
 *
 * <p>The flow: a feedback journal (or any list of scored answers) becomes a {@link
 * dev.rlaif.reward.RewardDataset}; {@link dev.rlaif.reward.RewardTrainer} fits the rlaif-lm decoder
 * with a scalar head on it (regression on the rubric score, or Bradley–Terry on pairs) and evaluates
 * it on held-out tasks ({@link dev.rlaif.reward.RewardEvaluation}); the result is a {@link
 * dev.rlaif.reward.LearnedRewardModel}, scored on DJL or, exported, on ONNX Runtime ({@link
 * dev.rlaif.reward.OnnxRewardModel}). {@link dev.rlaif.reward.JudgeReward} uses the judge itself as
 * the reward, and {@link dev.rlaif.reward.CompositeReward} adds rewards up.
 *
 * <pre>{@code
 * RewardDataset data = RewardDataset.fromJournal(Path.of("feedback.jsonl"), GorillaData.bundled());
 * TrainedReward r = new RewardTrainer(RewardTrainerConfig.defaults())
 *         .fit(sftPolicyModel, tokenizer, data, 0.2, Path.of("out/reward"), TrainingListener.none());
 * double spearman = r.evaluation().spearman();
 * try (LearnedRewardModel reward = r.model()) {
 *     double[] scores = reward.scoreAll(tasks, completions);
 * }
 * }</pre>
 */
package dev.rlaif.reward;
