package dev.rlaif.metrics.python;

import dev.rlaif.metrics.python.antlr.PythonLexer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

/**
 * Turns the lexer's physical lines into Python's logical lines: it drops line breaks inside
 * brackets and on blank lines (moving them to the hidden channel, so spans stay intact), emits a
 * NEWLINE at the end of each logical line, and INDENT/DEDENT tokens from an indentation stack, as
 * CPython's tokenizer does. The first line's indentation is taken as the base level, so a snippet
 * cut out of an indented block still parses.
 */
final class IndentingTokenSource implements TokenSource {

    private static final int TAB_SIZE = 8;

    private final PythonLexer lexer;
    private final CharStream input;
    private final Deque<Token> pending = new ArrayDeque<>();
    private final Deque<Integer> indents = new ArrayDeque<>();
    private int depth;
    private boolean atLineStart = true;
    private boolean sawSignificant;
    private boolean lastWasNewline = true;
    private boolean finished;

    private final int[] codePoints;

    IndentingTokenSource(PythonLexer lexer, int[] codePoints) {
        this.lexer = lexer;
        this.input = lexer.getInputStream();
        this.codePoints = codePoints;
    }

    @Override
    public Token nextToken() {
        while (pending.isEmpty()) {
            fill();
        }
        return pending.poll();
    }

    private void fill() {
        if (finished) {
            pending.add(synthetic(Token.EOF, input.size()));
            return;
        }
        Token t = lexer.nextToken();
        int type = t.getType();
        if (type == Token.EOF) {
            int at = input.size();
            if (sawSignificant && !lastWasNewline) {
                pending.add(synthetic(PythonLexer.NEWLINE, at));
            }
            while (indents.size() > 1) {
                indents.pop();
                pending.add(synthetic(PythonLexer.DEDENT, at));
            }
            finished = true;
            pending.add(t);
            return;
        }
        if (t.getChannel() != Token.DEFAULT_CHANNEL) {
            pending.add(t);
            return;
        }
        if (type == PythonLexer.NEWLINE) {
            if (depth > 0 || lastWasNewline) {
                ((CommonToken) t).setChannel(Token.HIDDEN_CHANNEL);
            } else {
                lastWasNewline = true;
                atLineStart = true;
            }
            pending.add(t);
            return;
        }
        if (type == PythonLexer.ERROR_CHAR && depth > 0) {
            // A character that starts no token (typically a quote left unterminated) inside
            // brackets: tree-sitter skips it within the innermost open construct, so the call
            // around it survives. Hidden from the parser, whose prediction it would otherwise
            // derail; PythonTreeBuilder puts it back as an ERROR node where it stands.
            ((CommonToken) t).setChannel(Token.HIDDEN_CHANNEL);
            pending.add(t);
            return;
        }
        if (atLineStart && depth == 0) {
            indent(column(t.getStartIndex()), t.getStartIndex());
        }
        atLineStart = false;
        lastWasNewline = false;
        sawSignificant = true;
        if (type == PythonLexer.LPAR || type == PythonLexer.LSQB || type == PythonLexer.LBRACE) {
            depth++;
        } else if (type == PythonLexer.RPAR || type == PythonLexer.RSQB || type == PythonLexer.RBRACE) {
            depth = Math.max(0, depth - 1);
        }
        pending.add(t);
    }

    private void indent(int column, int at) {
        if (indents.isEmpty()) {
            indents.push(column);
            return;
        }
        if (column > indents.peek()) {
            indents.push(column);
            pending.add(synthetic(PythonLexer.INDENT, at));
            return;
        }
        while (indents.size() > 1 && column < indents.peek()) {
            indents.pop();
            pending.add(synthetic(PythonLexer.DEDENT, at));
        }
    }

    /** The visual column of the character at {@code index}, with tabs to multiples of 8. */
    private int column(int index) {
        int lineStart = index;
        while (lineStart > 0) {
            int c = codePoints[lineStart - 1];
            if (c == '\n' || c == '\r') {
                break;
            }
            lineStart--;
        }
        int col = 0;
        for (int i = lineStart; i < index; i++) {
            int c = codePoints[i];
            if (c == '\t') {
                col = (col / TAB_SIZE + 1) * TAB_SIZE;
            } else if (c == ' ' || c == '\f') {
                col++;
            } else {
                col = 0;
            }
        }
        return col;
    }

    private Token synthetic(int type, int at) {
        CommonToken t = new CommonToken(new Pair<>(this, input), type, Token.DEFAULT_CHANNEL, at, at - 1);
        t.setText("");
        t.setLine(lexer.getLine());
        return t;
    }

    @Override
    public int getLine() {
        return lexer.getLine();
    }

    @Override
    public int getCharPositionInLine() {
        return lexer.getCharPositionInLine();
    }

    @Override
    public CharStream getInputStream() {
        return input;
    }

    @Override
    public String getSourceName() {
        return lexer.getSourceName();
    }

    @Override
    public void setTokenFactory(TokenFactory<?> factory) {
        lexer.setTokenFactory(factory);
    }

    @Override
    public TokenFactory<?> getTokenFactory() {
        return lexer.getTokenFactory();
    }
}
