package dev.rlaif.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.Feedback;
import dev.rlaif.core.Provenance;
import dev.rlaif.core.QuestionAnswer;
import dev.rlaif.core.Task;
import dev.rlaif.core.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One line of a feedback journal: a judgement and the keys needed to find it again. Written as
 * one JSON object per line with snake_case keys:
 *
 * <pre>{@code
 * {"key": "…", "judge": "offline:v1:…", "task_id": "torchhub:eval:12", "hub": "torchhub", "split": "eval",
 *  "task": 12, "completion": "…", "score": 0.83, "answers": [{"id": "api_exists", "p_yes": 1.0,
 *  "valid": true, "weight": 2.0}, …], "raw_reply": "…", "model": "…", "prompt_tokens": 0,
 *  "completion_tokens": 0, "latency_ms": 3, "cost_usd": 0.0}
 * }</pre>
 *
 * {@code score} is in [0,1], or null when no answer was valid; an invalid answer's {@code p_yes}
 * is null.
 *
 * @param key {@link #key(String, Task, String)}: hash of the judge's config id, the task id and the completion
 * @param judge the judge's {@code configId}
 * @param hub the task's hub id
 * @param split the task's split id
 * @param task the task's 1-based line number in its split file
 * @param feedback the judgement
 * @param costUsd what the judgement cost at the judge's prices
 */
public record JournalEntry(String key, String judge, String hub, String split, int task, Feedback feedback,
        double costUsd) {

    /** Validates the fields. */
    public JournalEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(feedback, "feedback");
    }

    /**
     * The journal key of a judgement: SHA-256 of the judge's config id, the task id and the
     * completion, so a change of judge, rubric or prompt never reuses an old judgement.
     */
    public static String key(String judgeConfigId, Task task, String completion) {
        return Provenance.sha256(judgeConfigId + "\u0000" + task.id() + "\u0000" + completion);
    }

    /** The entry for a fresh judgement. */
    static JournalEntry of(String judgeConfigId, Task task, Feedback f, double costUsd) {
        return new JournalEntry(key(judgeConfigId, task, f.completion()), judgeConfigId, task.hub().id(),
                task.split().id(), task.line(), f, costUsd);
    }

    /** The journal line as JSON. */
    public ObjectNode toJson() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("key", key);
        n.put("judge", judge);
        n.put("task_id", feedback.taskId());
        n.put("hub", hub);
        n.put("split", split);
        n.put("task", task);
        n.put("completion", feedback.completion());
        putNumber(n, "score", feedback.score());
        ArrayNode answers = n.putArray("answers");
        for (QuestionAnswer a : feedback.answers()) {
            ObjectNode o = answers.addObject();
            o.put("id", a.questionId());
            putNumber(o, "p_yes", a.valid() ? a.pYes() : Double.NaN);
            o.put("valid", a.valid());
            o.put("weight", a.weight());
        }
        n.put("raw_reply", feedback.rawReply());
        n.put("model", feedback.model());
        n.put("prompt_tokens", feedback.promptTokens());
        n.put("completion_tokens", feedback.completionTokens());
        n.put("latency_ms", feedback.latencyMillis());
        n.put("cost_usd", costUsd);
        return n;
    }

    /**
     * Reads a journal line.
     *
     * @throws IllegalArgumentException naming the missing or mistyped key
     */
    public static JournalEntry fromJson(JsonNode n) {
        List<QuestionAnswer> answers = new ArrayList<>();
        JsonNode arr = Json.require(n, "answers");
        if (!arr.isArray()) {
            throw new IllegalArgumentException("key 'answers' must be an array, got " + Json.typeName(arr));
        }
        for (JsonNode a : arr) {
            String id = Json.requireString(a, "id");
            double w = Json.requireDouble(a, "weight");
            boolean valid = a.path("valid").asBoolean(false);
            JsonNode p = a.get("p_yes");
            answers.add(valid && p != null && p.isNumber() ? new QuestionAnswer(id, p.asDouble(), true, w)
                    : QuestionAnswer.invalid(id, w));
        }
        JsonNode s = Json.require(n, "score");
        Feedback f = new Feedback(Json.requireString(n, "task_id"), Json.requireString(n, "completion"),
                s.isNumber() ? s.asDouble() : Double.NaN, answers, n.path("raw_reply").asText(""),
                n.path("model").asText(""), n.path("prompt_tokens").asLong(0), n.path("completion_tokens").asLong(0),
                n.path("latency_ms").asLong(0));
        return new JournalEntry(Json.requireString(n, "key"), Json.requireString(n, "judge"),
                Json.requireString(n, "hub"), Json.requireString(n, "split"), (int) Json.requireLong(n, "task"), f,
                n.path("cost_usd").asDouble(0));
    }

    private static void putNumber(ObjectNode n, String k, double v) {
        if (Double.isNaN(v)) {
            n.putNull(k);
        } else {
            n.put(k, v);
        }
    }
}
