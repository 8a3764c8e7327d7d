package dev.rlaif.core.gorilla;

import dev.rlaif.core.Hub;
import dev.rlaif.core.Split;
import dev.rlaif.core.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded train/eval splits.
 *
 * <ul>
 *   <li><b>TorchHub</b> (or any hub whose official train file is available): the official split,
 *       unchanged.
 *   <li><b>HuggingFace and TensorFlow Hub</b> (the shipped copy has no train file): a re-split of
 *       the eval set, <em>grouped</em> by API ({@code api_name}) so that no API has questions on
 *       both sides, and <em>stratified</em> by domain so every domain with at least two APIs has
 *       APIs on both sides. Within each domain, the APIs are shuffled with the seed and taken into
 *       the eval side until it holds at least {@code evalFraction} of that domain's questions,
 *       leaving at least one API for training. Tasks keep their eval-file line numbers, so
 *       {@code huggingface:train:14} is line 14 of {@code huggingface_eval.json}.
 * </ul>
 */
public final class Splits {

    /** Default share of questions held out by a re-split: 0.2, the usual 80/20. */
    public static final double DEFAULT_EVAL_FRACTION = 0.2;

    private Splits() {
    }

    /** The default split of a hub with {@link #DEFAULT_EVAL_FRACTION}. */
    public static TaskSplit split(GorillaData data, Hub hub, long seed) {
        return split(data, hub, seed, DEFAULT_EVAL_FRACTION);
    }

    /** The default split of a hub: official where a train file exists, else a grouped re-split. */
    public static TaskSplit split(GorillaData data, Hub hub, long seed, double evalFraction) {
        if (data.hasTrainFile(hub)) {
            return new TaskSplit(data.trainTasks(hub), data.evalTasks(hub),
                    "official " + hub.id() + " train/eval split");
        }
        return regroup(data.evalTasks(hub), seed, evalFraction);
    }

    /**
     * A grouped, stratified re-split of {@code tasks} (see the class comment).
     *
     * @param evalFraction share of each domain's questions to hold out, in (0,1)
     */
    public static TaskSplit regroup(List<Task> tasks, long seed, double evalFraction) {
        if (!(evalFraction > 0 && evalFraction < 1)) {
            throw new IllegalArgumentException("evalFraction must be in (0,1), got " + evalFraction);
        }
        // domain -> api_name -> tasks; the API's domain is that of its first question.
        Map<String, Map<String, List<Task>>> byDomain = new TreeMap<>();
        Map<String, String> apiDomain = new LinkedHashMap<>();
        for (Task t : tasks) {
            String api = t.api().apiName();
            String domain = apiDomain.computeIfAbsent(api, a -> t.domain());
            byDomain.computeIfAbsent(domain, d -> new TreeMap<>())
                    .computeIfAbsent(api, a -> new ArrayList<>()).add(t);
        }
        List<Task> train = new ArrayList<>();
        List<Task> eval = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Task>>> e : byDomain.entrySet()) {
            List<String> apis = new ArrayList<>(e.getValue().keySet());
            Collections.shuffle(apis, new Random(seed * 31 + e.getKey().hashCode()));
            int total = e.getValue().values().stream().mapToInt(List::size).sum();
            int target = (int) Math.ceil(evalFraction * total);
            int held = 0;
            for (int i = 0; i < apis.size(); i++) {
                List<Task> group = e.getValue().get(apis.get(i));
                // The last API of a domain always trains, so every domain is learnable.
                if (held < target && i < apis.size() - 1) {
                    eval.addAll(relabel(group, Split.EVAL));
                    held += group.size();
                } else {
                    train.addAll(relabel(group, Split.TRAIN));
                }
            }
        }
        train.sort((a, b) -> Integer.compare(a.line(), b.line()));
        eval.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new TaskSplit(train, eval, String.format(Locale.ROOT,
                "re-split of %d eval questions grouped by api_name, stratified by domain, eval fraction %.2f, seed %d",
                tasks.size(), evalFraction, seed));
    }

    private static List<Task> relabel(List<Task> tasks, Split split) {
        List<Task> out = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            out.add(t.split() == split ? t : new Task(t.hub(), split, t.line(), t.instruction(), t.api(), t.reference()));
        }
        return out;
    }
}
