package dev.rlaif.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.Provenance;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A list of yes/no questions with weights and the prompt template that asks them: the judge's
 * instructions, in the form of Dutta et al. (2024), where a larger LLM answers binary questions
 * about a generated API call and the answers become a score.
 *
 * <p>The score of one judgement is the weighted mean of P(yes) over the questions whose answer
 * could be read ({@link dev.rlaif.core.Feedback#weightedScore}); an unreadable answer is left out,
 * never counted as "no".
 *
 * <p>The template is plain text with four placeholders: {@code {instruction}} (the user's request),
 * {@code {answer}} (the generated answer), {@code {docs}} (the API documentation chosen for the
 * prompt) and {@code {question}} (one question, or the numbered list of all of them when the judge
 * asks everything in one request). {@code {instruction}}, {@code {answer}} and {@code {question}}
 * are required.
 *
 * @param name a short name, part of every judge's {@code configId}
 * @param questions the questions, in the order they are asked and reported; ids unique
 * @param template the prompt template
 */
public record Rubric(String name, List<RubricQuestion> questions, String template) {

    /** The default prompt template, used by {@link #apiCall()}. */
    public static final String DEFAULT_TEMPLATE = """
            You are reviewing an answer that a code assistant gave to a user's request. \
            The assistant had to pick one machine-learning API and show how to call it. \
            Treat the API documentation below as ground truth.

            ### API documentation
            {docs}

            ### User request
            {instruction}

            ### Assistant answer
            {answer}

            ### Question
            {question}""";

    /** Validates and copies. */
    public Rubric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
        questions = List.copyOf(questions);
        if (questions.isEmpty()) {
            throw new IllegalArgumentException("rubric '" + name + "' has no questions");
        }
        Set<String> ids = new HashSet<>();
        double total = 0;
        for (RubricQuestion q : questions) {
            if (!ids.add(q.id())) {
                throw new IllegalArgumentException("rubric '" + name + "' repeats question id '" + q.id() + "'");
            }
            total += q.weight();
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("rubric '" + name + "' has no question with a positive weight");
        }
        for (String p : List.of("{instruction}", "{answer}", "{question}")) {
            if (!template.contains(p)) {
                throw new IllegalArgumentException("rubric '" + name + "' template lacks the placeholder " + p);
            }
        }
    }

    /**
     * The default rubric for API-call answers: the eight questions of the paper's setting.
     *
     * <p>Weights: the three questions that detect a hallucinated or wrong API ({@code api_exists},
     * {@code valid_arguments}, {@code on_task}) weigh 2, because hallucination is the failure
     * APIBench measures and the one RLAIF is meant to reduce; the explanation check weighs 0.5,
     * because short answers often have none and it says least about the call; the rest weigh 1.
     */
    public static Rubric apiCall() {
        return new Rubric("api-call-v1", List.of(
                new RubricQuestion("api_exists",
                        "Does the answer call an API that exists in the given API documentation?", 2),
                new RubricQuestion("fits_domain",
                        "Does the called API fit the domain of the user's task?", 1),
                new RubricQuestion("valid_arguments",
                        "Are the arguments of the call (model id, repository, task name) valid for that API?", 2),
                new RubricQuestion("syntax_valid",
                        "Is the code in the answer (the API call and any code block) syntactically valid Python?", 1),
                new RubricQuestion("documented_usage",
                        "Does the code use the API the way its documentation shows?", 1),
                new RubricQuestion("explanation_matches",
                        "Does the explanation in the answer match the code it gives?", 0.5),
                new RubricQuestion("on_task",
                        "Does the answer stay on the user's task, choosing an API that does what was asked?", 2),
                new RubricQuestion("no_invented_params",
                        "Does the call avoid invented parameters, using only arguments that the documentation shows?", 1)),
                DEFAULT_TEMPLATE);
    }

    /** The question with this id, or null. */
    public RubricQuestion question(String id) {
        for (RubricQuestion q : questions) {
            if (q.id().equals(id)) {
                return q;
            }
        }
        return null;
    }

    /**
     * A content hash of the rubric (name, questions, weights, template), so a journal never mixes
     * judgements made under different rubrics.
     */
    public String id() {
        StringBuilder sb = new StringBuilder(name).append('\n').append(template);
        for (RubricQuestion q : questions) {
            sb.append('\n').append(q.id()).append('\t').append(q.weight()).append('\t').append(q.text());
        }
        return name + "@" + Provenance.sha256(sb.toString()).substring(0, 12);
    }

    /** Fills the template. Placeholders inside the substituted values are left untouched. */
    public String render(String instruction, String answer, String docs, String question) {
        String[] keys = {"{instruction}", "{answer}", "{docs}", "{question}"};
        String[] values = {instruction, answer, docs, question};
        StringBuilder out = new StringBuilder(template.length() + 512);
        int i = 0;
        outer:
        while (i < template.length()) {
            if (template.charAt(i) == '{') {
                for (int k = 0; k < keys.length; k++) {
                    if (template.startsWith(keys[k], i)) {
                        out.append(values[k]);
                        i += keys[k].length();
                        continue outer;
                    }
                }
            }
            out.append(template.charAt(i++));
        }
        return out.toString();
    }

    /**
     * Reads a rubric from a JSON file:
     * {@code {"name": "...", "template": "...", "questions": [{"id": "...", "text": "...", "weight": 1}]}}.
     * {@code template} may be omitted for {@link #DEFAULT_TEMPLATE}.
     *
     * @throws InvalidInputException naming the file and the problem
     */
    public static Rubric read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jp) {
                throw new InvalidInputException(file.toString(), 0, "bad JSON: " + jp.getOriginalMessage(), e);
            }
            throw new UncheckedIOException("cannot read rubric " + file + ": " + e.getMessage(), e);
        }
        try {
            String name = Json.requireString(root, "name");
            JsonNode t = root.get("template");
            String template = t == null || t.isNull() ? DEFAULT_TEMPLATE : t.asText();
            JsonNode qs = Json.require(root, "questions");
            if (!qs.isArray()) {
                throw new IllegalArgumentException("key 'questions' must be an array, got " + Json.typeName(qs));
            }
            List<RubricQuestion> questions = new ArrayList<>();
            for (JsonNode q : qs) {
                JsonNode w = q.get("weight");
                questions.add(new RubricQuestion(Json.requireString(q, "id"), Json.requireString(q, "text"),
                        w == null ? 1.0 : Json.requireDouble(q, "weight")));
            }
            return new Rubric(name, questions, template);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file.toString(), 0, e.getMessage(), e);
        }
    }
}
