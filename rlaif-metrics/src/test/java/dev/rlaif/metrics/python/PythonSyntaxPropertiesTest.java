package dev.rlaif.metrics.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The parser never throws and its spans tile the input exactly, whatever the input. */
class PythonSyntaxPropertiesTest {

    /** Python-ish text: code fragments, brackets, quotes, tabs, newlines, Unicode, long lines. */
    @Provide
    static Arbitrary<String> pythonish() {
        Arbitrary<String> pieces = Arbitraries.of("def ", "f", "(", ")", "[", "]", "{", "}", ":", "\n", "\n    ", "\t",
                "'", "\"", "\"\"\"", "f'{x}'", "=", "==", ",", ".", "lambda", "import ", "from ", "x", "1", "2.5",
                "#c\n", "\\", "\\n", "é", "日本", "\uD83D\uDE00", "async ", "await ", "match ", "case ", "if ", "else",
                "return ", "*", "**", "@", "->", " ", "  ");
        Arbitrary<String> code = pieces.list().ofMaxSize(60).map(l -> String.join("", l));
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(80);
        Arbitrary<String> longLine = Arbitraries.strings().withChars("ab(),= '").ofLength(10_000);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, code), net.jqwik.api.Tuple.of(3, any), net.jqwik.api.Tuple.of(1, longLine));
    }

    @Property(tries = 300)
    void spansTileTheInput(@ForAll("pythonish") String source) {
        SyntaxNode root = PythonSyntax.parse(source);
        assertEquals("module", root.type());
        assertEquals(0, root.start());
        assertEquals(source.length(), root.end());
        check(root, source);
    }

    private static void check(SyntaxNode n, String source) {
        assertTrue(0 <= n.start() && n.start() <= n.end() && n.end() <= source.length(), n.toString());
        assertEquals(source.substring(n.start(), n.end()), n.text());
        int at = n.start();
        for (SyntaxNode c : n.children()) {
            assertTrue(c.start() >= at, () -> "child " + c + " overlaps its left sibling in " + n);
            assertTrue(c.end() <= n.end(), () -> "child " + c + " leaves its parent " + n);
            at = c.end();
            check(c, source);
        }
        if (n.childCount() == 0 && !n.isNamed()) {
            String squeezed = n.text().strip().replaceAll("\\s+", " ");
            assertTrue(n.type().equals(n.text()) || n.type().equals(squeezed), n::toString);
        }
    }
}
