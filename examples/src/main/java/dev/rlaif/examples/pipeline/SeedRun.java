package dev.rlaif.examples.pipeline;

import java.util.List;
import java.util.Map;

/**
 * Everything one seed of the experiment measured.
 *
 * @param seed the seed
 * @param metrics model key ({@code sft}, {@code rlaif}, {@code sft_large}) to metric name to value
 *     (fractions in [0,1])
 * @param rewardEval the reward model's held-out agreement with the judge ({@code spearman}, ...)
 * @param rlHistory per-step RL statistics under TRL's names
 * @param stageSeconds wall seconds per stage (0 when the stage was skipped on a rerun)
 * @param parameters model key to parameter count
 */
record SeedRun(long seed, Map<String, Map<String, Double>> metrics, Map<String, Double> rewardEval,
        List<Map<String, Double>> rlHistory, Map<String, Double> stageSeconds, Map<String, Long> parameters) {
}
