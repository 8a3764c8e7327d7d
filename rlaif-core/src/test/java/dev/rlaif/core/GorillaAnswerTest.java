package dev.rlaif.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GorillaAnswerTest {

    /** Field text as a model might write it: no marker text, no leading/trailing blanks. */
    @Provide
    Arbitrary<String> field() {
        return Arbitraries.strings().withChars("abcXYZ019 ()'\"=._,:/\n\t-äß漢")
                .ofMaxLength(40)
                .map(String::strip)
                .filter(s -> !s.contains("<<<") && !s.endsWith(","));
    }

    @Property
    void renderThenParseGivesTheSameFields(@ForAll("field") String domain, @ForAll("field") String call,
            @ForAll("field") String provider, @ForAll("field") String explanation, @ForAll("field") String code) {
        GorillaAnswer a = new GorillaAnswer(domain, call, provider, explanation, code);
        assertEquals(a, GorillaAnswer.parse(a.render()));
    }

    @Property
    void shortFormParsesItsFieldsAndLeavesTheRestEmpty(@ForAll("field") String domain, @ForAll("field") String call,
            @ForAll("field") String provider, @ForAll @IntRange(min = 1, max = 5) int n) {
        GorillaAnswer a = new GorillaAnswer(domain, call, provider, "why", "import x");
        GorillaAnswer back = GorillaAnswer.parse(a.render(n));
        for (int i = 0; i < 5; i++) {
            assertEquals(i < n ? a.field(i) : "", back.field(i), "field " + i);
        }
    }

    @Property
    void parseNeverThrows(@ForAll String garbage) {
        GorillaAnswer.parse(garbage);
        GorillaAnswer.parse("<<<api_call>>>" + garbage + "<<<code>>>");
    }

    @Test
    void readsTheTensorFlowOneLineLayout() {
        GorillaAnswer a = GorillaAnswer.parse("<<<domain>>>: Text embedding, <<<api_call>>>: hub.load('u'), "
                + "<<<api_provider>>>: TensorFlow Hub, <<<explanation>>>: It embeds.<<<code>>>: import x");
        assertEquals("Text embedding", a.domain());
        assertEquals("hub.load('u')", a.apiCall());
        assertEquals("TensorFlow Hub", a.apiProvider());
        assertEquals("It embeds.", a.explanation());
        assertEquals("import x", a.code());
    }

    @Test
    void toleratesGarbledAnswers() {
        GorillaAnswer a = GorillaAnswer.parse("blah <<<api_call>>>: foo(1)\n<<<api_call>>>: bar(2)\n<<<code>>>");
        assertEquals("foo(1)", a.apiCall(), "first occurrence wins");
        assertEquals("", a.domain());
        assertEquals("", a.code());
        assertFalse(GorillaAnswer.hasMarkers("no markers here"));
        assertTrue(GorillaAnswer.hasMarkers("<<<code>>>: x"));
        assertThrows(IllegalArgumentException.class, () -> a.render(0));
    }
}
