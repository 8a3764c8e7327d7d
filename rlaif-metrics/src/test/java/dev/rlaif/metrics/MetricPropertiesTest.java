package dev.rlaif.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.CodeMetric;
import dev.rlaif.core.Hub;
import dev.rlaif.core.MetricResult;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.GorillaData;
import dev.rlaif.metrics.codebleu.CodeBleu;
import dev.rlaif.metrics.gorilla.AstAccuracyMetric;
import dev.rlaif.metrics.text.Bleu;
import dev.rlaif.metrics.text.RougeL;
import dev.rlaif.metrics.text.Tokenizer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Invariants of every metric: no input throws, scores stay in [0,1], identical inputs score 1. */
class MetricPropertiesTest {

    private static final Task TASK = GorillaData.bundled().evalTasks(Hub.HUGGINGFACE).get(0);
    private static final List<CodeMetric> METRICS = List.of(AstAccuracyMetric.bundled(), new CodeBleuMetric(),
            new BleuMetric(), new RougeLMetric(), new CodeBleuMetric(AnswerField.CODE, Tokenizer.WHITESPACE));

    @Provide
    static Arbitrary<String> text() {
        Arbitrary<String> pieces = Arbitraries.of("def", " ", "(", ")", "[", "{", "'", "\"", "\t", "\n", "x", "=",
                "<<<api_call>>>: ", "<<<domain>>>: ", "\\n", "é", "日本", "pipeline('a', model='b')", "return", ":");
        Arbitrary<String> code = pieces.list().ofMaxSize(40).map(l -> String.join("", l));
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(60);
        Arbitrary<String> longLine = Arbitraries.strings().withChars("a(,)= ").ofLength(10_000);
        return Arbitraries.frequencyOf(Tuple.of(6, code), Tuple.of(3, any), Tuple.of(1, longLine));
    }

    /**
     * Code with at least five whitespace tokens: every n-gram order then exists, and the weighted
     * unigram total reaches 1, below which the reference's {@code max(1, total)} denominator keeps
     * even identical code under 1 (e.g. "f f f f" scores 0.986 there too).
     */
    @Provide
    static Arbitrary<String> longEnough() {
        return Arbitraries.of("def", "f", "(", "x", ")", ":", "return", "=", "+", "1", "\n", "    ", "if", "y")
                .list().ofMinSize(5).ofMaxSize(30).map(l -> String.join(" ", l))
                .filter(s -> Tokenizer.WHITESPACE.tokenize(s).size() >= 5);
    }

    @Property(tries = 60)
    void codeMetricsNeverThrowAndStayInRange(@ForAll("text") String completion) {
        for (CodeMetric m : METRICS) {
            MetricResult r = m.score(TASK, completion);
            assertTrue(r.score() >= 0 && r.score() <= 1, m.name() + ": " + r);
            r.components().forEach((k, v) -> assertTrue(v >= 0 && v <= 1, m.name() + "." + k + "=" + v));
        }
    }

    @Property(tries = 100)
    void textMetricsStayInRange(@ForAll("text") String a, @ForAll("text") String b) {
        CodeBleu.Score s = new CodeBleu().score(a, b);
        for (double v : new double[] {s.codebleu(), s.ngram(), s.weightedNgram(), s.syntax(), s.dataflow()}) {
            assertTrue(v >= 0 && v <= 1, s.toString());
        }
        double bleu = new Bleu().sentence(List.of(Tokenizer.CODE.tokenize(a)), Tokenizer.CODE.tokenize(b));
        assertTrue(bleu >= 0 && bleu <= 1);
        RougeL.Score r = new RougeL().score(a, b);
        assertTrue(r.f1() >= 0 && r.f1() <= 1 && r.precision() <= 1 && r.recall() <= 1);
    }

    @Property(tries = 100)
    void identicalCodeScoresOne(@ForAll("longEnough") String code) {
        assertEquals(1.0, new CodeBleu().score(code, code).codebleu(), 1e-9);
        List<String> t = Tokenizer.WHITESPACE.tokenize(code);
        assertEquals(1.0, new Bleu().sentence(List.of(t), t), 1e-9);
        assertEquals(1.0, new RougeL(Tokenizer.CODE).score(code, code).f1(), 1e-9);
    }

    @Property(tries = 100)
    void identicalNonEmptyTextScoresOneUnderRouge(@ForAll("text") String s) {
        if (!Tokenizer.ROUGE.tokenize(s).isEmpty()) {
            assertEquals(1.0, new RougeL().score(s, s).f1(), 1e-9);
        }
    }
}
