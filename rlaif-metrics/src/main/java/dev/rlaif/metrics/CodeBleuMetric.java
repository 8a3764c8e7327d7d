package dev.rlaif.metrics;

import dev.rlaif.core.CodeMetric;
import dev.rlaif.core.MetricResult;
import dev.rlaif.core.Task;
import dev.rlaif.metrics.codebleu.CodeBleu;
import dev.rlaif.metrics.text.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * CodeBLEU as a {@link CodeMetric}. By default it compares the answer's API call with the
 * reference call under the code-aware tokenizer, because the reference package's whitespace split
 * makes a whole call such as {@code AutoModel.from_pretrained('x')} a single token. The corpus
 * form is true corpus CodeBLEU (counts pooled before dividing), not a mean of pairs. Components:
 * {@code ngram}, {@code weighted_ngram}, {@code syntax}, {@code dataflow}. Thread-safe.
 */
public final class CodeBleuMetric implements CodeMetric {

    private final AnswerField field;
    private final Tokenizer tokenizer;
    private final CodeBleu codeBleu;

    /** CodeBLEU with default weights over {@code field}, tokenized by {@code tokenizer}. */
    public CodeBleuMetric(AnswerField field, Tokenizer tokenizer) {
        this.field = Objects.requireNonNull(field, "field");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.codeBleu = new CodeBleu(CodeBleu.Weights.DEFAULT, tokenizer);
    }

    /** CodeBLEU of the API call under the code-aware tokenizer. */
    public CodeBleuMetric() {
        this(AnswerField.API_CALL, Tokenizer.CODE);
    }

    @Override
    public String name() {
        return "codebleu";
    }

    @Override
    public MetricResult score(Task task, String completion) {
        return result(codeBleu.score(field.ofReference(task), field.ofCompletion(completion)), "pair");
    }

    @Override
    public MetricResult corpus(List<Task> tasks, List<String> completions) {
        if (tasks.size() != completions.size()) {
            throw new IllegalArgumentException(
                    "tasks (" + tasks.size() + ") and completions (" + completions.size() + ") differ in size");
        }
        List<List<String>> refs = new ArrayList<>();
        List<String> preds = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            refs.add(List.of(field.ofReference(tasks.get(i))));
            preds.add(field.ofCompletion(completions.get(i)));
        }
        return result(codeBleu.corpus(refs, preds), "n=" + tasks.size());
    }

    private MetricResult result(CodeBleu.Score s, String what) {
        return new MetricResult(name(), s.codebleu(), Map.of("ngram", s.ngram(), "weighted_ngram", s.weightedNgram(),
                "syntax", s.syntax(), "dataflow", s.dataflow()),
                what + ", field=" + field.name().toLowerCase(Locale.ROOT) + ", tokenizer=" + tokenizer.name().toLowerCase(Locale.ROOT));
    }
}
