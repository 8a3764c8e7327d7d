package dev.rlaif.metrics.python;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of a Python syntax tree shaped like tree-sitter-python's, so that metrics defined over
 * tree-sitter trees (Gorilla's AST match, CodeBLEU's syntax and data-flow components) can be
 * reproduced without a native parser.
 *
 * <p>Every node knows its source and its span, so {@link #text()} is an exact slice of the input;
 * children include the anonymous tokens ({@code (}, {@code ,}, {@code =}, keywords) because
 * Gorilla's scorer indexes children positionally. Nodes are immutable and safe to share between
 * threads.
 */
public final class SyntaxNode {

    private final String source;
    private final String type;
    private final boolean named;
    private final int start;
    private final int end;
    private final List<SyntaxNode> children;

    SyntaxNode(String source, String type, boolean named, int start, int end, List<SyntaxNode> children) {
        this.source = source;
        this.type = type;
        this.named = named;
        this.start = start;
        this.end = end;
        this.children = List.copyOf(children);
    }

    /** The tree-sitter-python node type, e.g. {@code call}, or the token text for anonymous nodes. */
    public String type() {
        return type;
    }

    /** False for punctuation and keyword tokens, which s-expressions leave out. */
    public boolean isNamed() {
        return named;
    }

    /** Start of the span, a char index into the parsed string (inclusive). */
    public int start() {
        return start;
    }

    /** End of the span, a char index into the parsed string (exclusive). */
    public int end() {
        return end;
    }

    /** All children in source order, anonymous tokens included. */
    public List<SyntaxNode> children() {
        return children;
    }

    /** The number of children, anonymous tokens included. */
    public int childCount() {
        return children.size();
    }

    /** The child at {@code index}, anonymous tokens included. */
    public SyntaxNode child(int index) {
        return children.get(index);
    }

    /** The exact source text this node covers. */
    public String text() {
        return source.substring(start, end);
    }

    /** True for tree-sitter's {@code ERROR} nodes, which wrap input the grammar could not place. */
    public boolean isError() {
        return "ERROR".equals(type);
    }

    /**
     * The s-expression of the named nodes below and including this one, without positions or field
     * names, e.g. {@code (call (identifier) (argument_list (integer)))}. CodeBLEU compares subtrees
     * by this string.
     */
    public String sexp() {
        StringBuilder sb = new StringBuilder();
        appendSexp(sb);
        return sb.toString();
    }

    private void appendSexp(StringBuilder sb) {
        sb.append('(').append(type);
        for (SyntaxNode c : children) {
            if (c.named) {
                sb.append(' ');
                c.appendSexp(sb);
            }
        }
        sb.append(')');
    }

    /** This node and all its descendants in pre-order (left to right). */
    public List<SyntaxNode> preOrder() {
        List<SyntaxNode> out = new ArrayList<>();
        List<SyntaxNode> stack = new ArrayList<>();
        stack.add(this);
        while (!stack.isEmpty()) {
            SyntaxNode n = stack.remove(stack.size() - 1);
            out.add(n);
            for (int i = n.children.size() - 1; i >= 0; i--) {
                stack.add(n.children.get(i));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return type + "[" + start + "," + end + ")";
    }
}
