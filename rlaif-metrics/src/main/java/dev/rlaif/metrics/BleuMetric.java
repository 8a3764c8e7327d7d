package dev.rlaif.metrics;

import dev.rlaif.core.CodeMetric;
import dev.rlaif.core.MetricResult;
import dev.rlaif.core.Task;
import dev.rlaif.metrics.text.Bleu;
import dev.rlaif.metrics.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * BLEU-4 as a {@link CodeMetric}: sentence BLEU per completion, corpus BLEU (pooled counts) for a
 * corpus, with epsilon smoothing so that short calls do not all score 0. Defaults to the API call
 * under the code-aware tokenizer (see {@link CodeBleuMetric}). Thread-safe.
 */
public final class BleuMetric implements CodeMetric {

    private final AnswerField field;
    private final Tokenizer tokenizer;
    private final Bleu bleu;

    /** BLEU over {@code field}, tokenized by {@code tokenizer}, with {@code smoothing}. */
    public BleuMetric(AnswerField field, Tokenizer tokenizer, Bleu.Smoothing smoothing) {
        this.field = Objects.requireNonNull(field, "field");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.bleu = new Bleu(smoothing);
    }

    /** BLEU of the API call, code-aware tokenizer, epsilon smoothing. */
    public BleuMetric() {
        this(AnswerField.API_CALL, Tokenizer.CODE, Bleu.Smoothing.EPSILON);
    }

    @Override
    public String name() {
        return "bleu";
    }

    @Override
    public MetricResult score(Task task, String completion) {
        double b = bleu.sentence(List.of(tokenizer.tokenize(field.ofReference(task))),
                tokenizer.tokenize(field.ofCompletion(completion)));
        return new MetricResult(name(), b, Map.of(), detail("pair"));
    }

    @Override
    public MetricResult corpus(List<Task> tasks, List<String> completions) {
        if (tasks.size() != completions.size()) {
            throw new IllegalArgumentException(
                    "tasks (" + tasks.size() + ") and completions (" + completions.size() + ") differ in size");
        }
        List<List<List<String>>> refs = new ArrayList<>();
        List<List<String>> hyps = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            refs.add(List.of(tokenizer.tokenize(field.ofReference(tasks.get(i)))));
            hyps.add(tokenizer.tokenize(field.ofCompletion(completions.get(i))));
        }
        return new MetricResult(name(), bleu.corpus(refs, hyps), Map.of(), detail("n=" + tasks.size()));
    }

    private String detail(String what) {
        return what + ", field=" + field.name().toLowerCase(Locale.ROOT) + ", tokenizer=" + tokenizer.name().toLowerCase(Locale.ROOT)
                + ", smoothing=" + bleu.smoothing().name().toLowerCase(Locale.ROOT);
    }
}
