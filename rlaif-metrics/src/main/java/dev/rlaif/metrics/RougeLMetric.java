package dev.rlaif.metrics;

import dev.rlaif.core.CodeMetric;
import dev.rlaif.core.MetricResult;
import dev.rlaif.core.Task;
import dev.rlaif.metrics.text.RougeL;
import dev.rlaif.metrics.text.Tokenizer;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * ROUGE-L F1 as a {@link CodeMetric}, with precision and recall as components; the corpus score is
 * the mean over completions (rouge-score has no corpus form). Defaults to the API call under the
 * code-aware tokenizer; {@link Tokenizer#ROUGE} reproduces rouge-score exactly. Thread-safe.
 */
public final class RougeLMetric implements CodeMetric {

    private final AnswerField field;
    private final RougeL rouge;

    /** ROUGE-L over {@code field}, tokenized by {@code tokenizer}. */
    public RougeLMetric(AnswerField field, Tokenizer tokenizer) {
        this.field = Objects.requireNonNull(field, "field");
        this.rouge = new RougeL(tokenizer);
    }

    /** ROUGE-L of the API call under the code-aware tokenizer. */
    public RougeLMetric() {
        this(AnswerField.API_CALL, Tokenizer.CODE);
    }

    @Override
    public String name() {
        return "rouge_l";
    }

    @Override
    public MetricResult score(Task task, String completion) {
        RougeL.Score s = rouge.score(field.ofReference(task), field.ofCompletion(completion));
        return new MetricResult(name(), s.f1(), Map.of("precision", s.precision(), "recall", s.recall(), "f1", s.f1()),
                "field=" + field.name().toLowerCase(Locale.ROOT) + ", tokenizer=" + rouge.tokenizer().name().toLowerCase(Locale.ROOT));
    }
}
