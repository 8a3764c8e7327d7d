package dev.rlaif.metrics.python;

/**
 * Parses Python 3 source into a {@link SyntaxNode} tree whose node types and shapes follow
 * tree-sitter-python (0.21), using the project's own ANTLR 4 grammar.
 *
 * <p>Parsing never throws: text the grammar cannot place ends up in {@code ERROR} nodes, and the
 * structure around and inside them is kept (a truncated {@code foo(a, b} still yields a
 * {@code call}), because model output is often truncated or garbled. The root is always a
 * {@code module} spanning the whole input. Thread-safe.
 */
public final class PythonSyntax {

    private PythonSyntax() {
    }

    /** Parses {@code source}; {@code null} is treated as the empty string. */
    public static SyntaxNode parse(String source) {
        return new PythonTreeBuilder(source == null ? "" : source).build();
    }
}
