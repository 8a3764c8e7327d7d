/**
 * Policy optimisation for rlaif4j's decoder: {@link dev.rlaif.ppo.PpoTrainer} (PPO with a critic, a
 * frozen reference and fixed or adaptive KL control), and the critic-free
 * {@link dev.rlaif.ppo.GrpoTrainer} and {@link dev.rlaif.ppo.RlooTrainer}. Each comes with its
 * config ({@link dev.rlaif.ppo.PpoConfig}, {@link dev.rlaif.ppo.GrpoConfig},
 * {@link dev.rlaif.ppo.RlooConfig}); all three share one {@link dev.rlaif.ppo.RunConfig}, so they
 * can be compared on equal terms.
 *
 * <pre>{@code
 * RunConfig run = RunConfig.builder().steps(200).outputDir(Path.of("out/ppo")).build();
 * TrainingReport r = new PpoTrainer(PpoConfig.builder().run(run).build())
 *         .train(policy, tasks, rewardModel, TrainingListener.none());
 * new HfCheckpoint(policy.model().config(), policy.model().toHost()).save(Path.of("out/tuned"));
 * }</pre>
 *
 * <p>What TRL users will recognise: the config fields and defaults, and the statistics' names
 * ({@code objective/kl}, {@code objective/entropy}, {@code objective/scores},
 * {@code objective/rlhf_reward}, {@code policy/approxkl_avg}, {@code policy/clipfrac_avg},
 * {@code loss/policy_avg}, {@code loss/value_avg}, {@code val/ratio}, {@code val/num_eos_tokens}),
 * written one object per step to {@code stats.jsonl}. What differs from TRL: the score sits on the
 * answer's last real token even without an EOS; the critic, both optimisers, the KL coefficient and
 * the data cursor are checkpointed, and a killed run resumes exactly; every random draw is seeded
 * by the run's seed and the step ({@code Seeds}), so there is no generator state to lose.
 *
 * <p>Memory: every step's arrays live in per-step sub-managers closed with the step; only the
 * models' parameters and the optimisers' moments persist. {@link dev.rlaif.ppo.PpoBench} measures
 * resident memory over 1,000 steps, with the PPO step time and its model FLOP utilisation.
 */
package dev.rlaif.ppo;
