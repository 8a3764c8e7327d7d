package dev.rlaif.reward;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Provenance;
import dev.rlaif.core.Split;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.GorillaData;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.core.io.Json;
import dev.rlaif.core.io.Jsonl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scored completions to learn a reward from, with a content hash for provenance.
 *
 * <p>Splits are always <em>grouped by task</em>: every sample of a task lands on the same side, so a
 * held-out score measures how the reward model generalises to tasks it never saw, not how well it
 * remembers a sibling completion of the same question.
 *
 * @param samples the scored completions, in source order
 * @param skipped journal lines that carried no usable score (an invalid judgement) and were left out
 * @param inputHash SHA-256 of the samples' content (task ids, completions, scores), independent of
 *     where they were read from
 */
public record RewardDataset(List<ScoredSample> samples, int skipped, String inputHash) {

    /** Copies the samples. */
    public RewardDataset {
        samples = List.copyOf(samples);
        if (skipped < 0) {
            throw new IllegalArgumentException("skipped must be >= 0, got " + skipped);
        }
    }

    /** A dataset of in-memory samples. */
    public static RewardDataset of(List<ScoredSample> samples) {
        return new RewardDataset(samples, 0, hash(samples));
    }

    /**
     * Reads a feedback journal written by {@code rlaif feedback}: one JSON object per line with
     * {@code hub}, {@code split}, {@code task} (the 1-based line in that hub's split file, or a full
     * {@link Task#id()}), {@code completion} and {@code score}. Lines whose score is missing, null or
     * not a number in [0,1] (invalid judgements) are counted in {@link #skipped()}; any other problem
     * (unknown hub, task line out of range, missing completion) names the file and line.
     *
     * <p>For a hub without an official train file, {@code split: train} refers, as in
     * {@link dev.rlaif.core.gorilla.Splits}, to a line of the eval file.
     *
     * @param data where the tasks are looked up
     */
    public static RewardDataset fromJournal(Path journal, GorillaData data) {
        int[] skipped = {0};
        Map<String, Map<Integer, Task>> byLine = new HashMap<>();
        Jsonl.Result<Optional<ScoredSample>> r = Jsonl.read(journal, (node, line) -> {
            JsonNode score = node.get("score");
            if (score == null || !score.isNumber() || !(score.asDouble() >= 0 && score.asDouble() <= 1)) {
                skipped[0]++;
                return Optional.empty();
            }
            Task task = resolve(node, data, byLine);
            return Optional.of(new ScoredSample(task, Json.requireString(node, "completion"), score.asDouble()));
        }, Jsonl.BadLines.FAIL);
        List<ScoredSample> samples = new ArrayList<>();
        r.values().forEach(s -> s.ifPresent(samples::add));
        if (samples.isEmpty()) {
            throw new InvalidInputException(journal.toString(), 0,
                    "no usable judgement (" + skipped[0] + " lines without a valid score)");
        }
        return new RewardDataset(samples, skipped[0], hash(samples));
    }

    private static Task resolve(JsonNode node, GorillaData data, Map<String, Map<Integer, Task>> byLine) {
        JsonNode t = Json.require(node, "task");
        Hub hub;
        Split split;
        int line;
        if (t.isIntegralNumber()) {
            hub = Hub.parse(Json.requireString(node, "hub"));
            split = Split.parse(Json.requireString(node, "split"));
            line = t.asInt();
        } else if (t.isTextual()) {
            String[] parts = t.asText().split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("task id '" + t.asText() + "' is not hub:split:line");
            }
            hub = Hub.parse(parts[0]);
            split = Split.parse(parts[1]);
            try {
                line = Integer.parseInt(parts[2]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("task id '" + t.asText() + "' has no line number");
            }
        } else {
            throw new IllegalArgumentException("key 'task' must be a line number or a task id, got " + Json.typeName(t));
        }
        boolean official = split == Split.EVAL || data.hasTrainFile(hub);
        String key = hub.id() + ":" + (official ? split.id() : "eval");
        Map<Integer, Task> tasks = byLine.computeIfAbsent(key, k -> {
            Map<Integer, Task> m = new HashMap<>();
            for (Task task : official && split == Split.TRAIN ? data.trainTasks(hub) : data.evalTasks(hub)) {
                m.put(task.line(), task);
            }
            return m;
        });
        Task task = tasks.get(line);
        if (task == null) {
            throw new IllegalArgumentException("no task at line " + line + " of " + hub.id() + " " + split.id());
        }
        return task.split() == split ? task
                : new Task(hub, split, task.line(), task.instruction(), task.api(), task.reference());
    }

    /** Number of samples. */
    public int size() {
        return samples.size();
    }

    /** The distinct task ids, sorted. */
    public Set<String> taskIds() {
        Set<String> ids = new TreeSet<>();
        for (ScoredSample s : samples) {
            ids.add(s.task().id());
        }
        return Collections.unmodifiableSet(ids);
    }

    /** The judge scores, in sample order. */
    public double[] scores() {
        return samples.stream().mapToDouble(ScoredSample::score).toArray();
    }

    /**
     * Splits by task: a seeded shuffle of the sorted task ids puts {@code round(fraction · tasks)}
     * tasks (at least one, and at least one left to train on) on the held-out side, with all their
     * samples. The same data, fraction and seed always give the same split.
     *
     * @param fraction share of tasks to hold out, in (0,1)
     */
    public Partition splitByTask(double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in (0,1), got " + fraction);
        }
        List<String> ids = new ArrayList<>(taskIds());
        if (ids.size() < 2) {
            throw new IllegalArgumentException("need samples of at least 2 tasks to split, got " + ids.size());
        }
        Collections.shuffle(ids, new Random(seed));
        int held = (int) Math.max(1, Math.min(ids.size() - 1, Math.round(fraction * ids.size())));
        Set<String> heldOut = new HashSet<>(ids.subList(0, held));
        List<ScoredSample> train = new ArrayList<>();
        List<ScoredSample> test = new ArrayList<>();
        for (ScoredSample s : samples) {
            (heldOut.contains(s.task().id()) ? test : train).add(s);
        }
        return new Partition(of(train), of(test));
    }

    /**
     * A task-grouped split.
     *
     * @param train the samples to learn from
     * @param heldOut the samples of the held-out tasks
     */
    public record Partition(RewardDataset train, RewardDataset heldOut) {
    }

    /** The samples grouped by task id, groups in first-seen order, samples in dataset order. */
    Map<String, List<Integer>> indicesByTask() {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            groups.computeIfAbsent(samples.get(i).task().id(), k -> new ArrayList<>()).add(i);
        }
        return groups;
    }

    private static String hash(List<ScoredSample> samples) {
        StringBuilder sb = new StringBuilder();
        for (ScoredSample s : samples) {
            sb.append(s.task().id()).append('\u0000').append(s.completion()).append('\u0000')
                    .append(s.score()).append('\n');
        }
        return Provenance.sha256(sb.toString());
    }
}
