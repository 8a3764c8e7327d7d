package dev.rlaif.metrics.python;

import dev.rlaif.metrics.python.antlr.PythonLexer;
import dev.rlaif.metrics.python.antlr.PythonParser;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovering strategy, changed to behave like tree-sitter's error recovery on the prose
 * and half-code that models write. It builds no error messages: nobody reads them here, and
 * building them (each quotes the input since the last good token) makes recovery quadratic on
 * long garbled lines. It never conjures a NEWLINE. Resynchronisation follows two rules:
 *
 * <ol>
 *   <li><b>Resume at the first token that fits.</b> After an error the parser skips tokens only
 *   until one could continue a construct still open on the rule stack, or start a statement
 *   (ANTLR's recovery set, the union of the follow sets of the rules in progress), and never past
 *   the end of the logical line. This is what tree-sitter does: it recovers to the innermost
 *   earlier parse state in which the lookahead token is valid. So a line of prose is not one flat
 *   ERROR: phrases such as {@code classes and functions} come back as expressions and a call
 *   buried in prose, {@code use pipeline('fill-mask') to}, as a {@code call}, which Gorilla's
 *   scorer (it searches every node for the API's callee) counts, as it does with tree-sitter.
 *   One-line answers whose "lines" are separated by the two characters backslash-n (a
 *   {@code STRAY_ESCAPE}, not a line break) thus resume right after each of them.</li>
 *   <li><b>An import does not end at a backslash-n.</b> When an import statement that starts a
 *   line (see {@link #startsLine}) is followed by backslash-n instead of a line break,
 *   tree-sitter does not close it: it backs up into the import's name list, wraps the
 *   backslash-n and the next line's {@code target =} in an ERROR and reads the dotted name after
 *   them as one more imported name. In {@code from t import pipeline\ngen = pipeline('x')} the
 *   callee {@code pipeline} so becomes part of the import and no {@code call} is left. We skip
 *   the same tokens and resume after that dotted name.</li>
 * </ol>
 */
final class QuietErrorStrategy extends DefaultErrorStrategy {

    @Override
    protected boolean singleTokenInsertion(Parser recognizer) {
        if (getExpectedTokens(recognizer).contains(PythonLexer.NEWLINE)) {
            return false;
        }
        return super.singleTokenInsertion(recognizer);
    }

    @Override
    protected void consumeUntil(Parser recognizer, IntervalSet set) {
        TokenStream in = recognizer.getInputStream();
        if (isBackslashN(in.LT(1)) && inLineStartingImport(recognizer)) {
            recognizer.consume();
            if (in.LA(1) == PythonLexer.NAME && in.LA(2) == PythonLexer.ASSIGN) {
                recognizer.consume();
                recognizer.consume();
            }
            if (in.LA(1) == PythonLexer.NAME) {
                recognizer.consume();
                while (in.LA(1) == PythonLexer.DOT && in.LA(2) == PythonLexer.NAME) {
                    recognizer.consume();
                    recognizer.consume();
                }
                return;
            }
        }
        int type = in.LA(1);
        while (type != Token.EOF && type != PythonLexer.NEWLINE && !set.contains(type)) {
            recognizer.consume();
            type = in.LA(1);
        }
    }

    private static boolean isBackslashN(Token t) {
        return t != null && t.getType() == PythonLexer.STRAY_ESCAPE && "\\n".equals(t.getText());
    }

    /** Whether the statement being parsed is an import that starts a line. */
    private static boolean inLineStartingImport(Parser recognizer) {
        for (ParserRuleContext c = recognizer.getContext(); c != null; c = c.getParent()) {
            if (c instanceof PythonParser.SimpleStatementsContext) {
                int t = c.getStart().getType();
                return (t == PythonLexer.IMPORT || t == PythonLexer.FROM)
                        && startsLine(recognizer.getInputStream(), c.getStart().getTokenIndex());
            }
        }
        return false;
    }

    /**
     * Whether the import whose first token is at {@code index} starts a line as tree-sitter sees
     * it: at the start of the input, after a line break or an indentation change, after a
     * backslash-n, or after a {@code :} that closes a compound-statement header ({@code for},
     * {@code with}, {@code if}...) opened earlier on the same physical line (see
     * {@link #headerEarlierOnLine}), since tree-sitter keeps such a header open across the prose in
     * between and the import then starts its block.
     * A {@code from module} in front of an {@code import} that recovery started a statement at
     * counts as part of the import.
     */
    private static boolean startsLine(TokenStream in, int index) {
        int i = index - 1;
        if (in.get(index).getType() == PythonLexer.IMPORT) {
            int j = i;
            while (j >= 0 && (in.get(j).getType() == PythonLexer.NAME || in.get(j).getType() == PythonLexer.DOT
                    || in.get(j).getChannel() != Token.DEFAULT_CHANNEL)) {
                j--;
            }
            if (j >= 0 && j < i && in.get(j).getType() == PythonLexer.FROM) {
                i = j - 1;
            }
        }
        for (; i >= 0; i--) {
            Token p = in.get(i);
            if (p.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            int type = p.getType();
            if (type == PythonLexer.COLON) {
                return headerEarlierOnLine(in, i);
            }
            return type == PythonLexer.NEWLINE || type == PythonLexer.INDENT || type == PythonLexer.DEDENT
                    || isBackslashN(p);
        }
        return true;
    }

    /**
     * Whether the {@code :} at {@code colon} can close a compound-statement header opened earlier on
     * the same physical line. Tree-sitter keeps a header open across the prose in between only when
     * its parser has really entered the header; a keyword that fails the header's syntax is just
     * one more token of the error region, and the {@code :} then closes nothing. Two rules decide:
     *
     * <ul>
     *   <li>{@code for} reaches its {@code :} only through {@code in} ({@code for target in
     *   iterable:}), and no single conjured token (the only insertion tree-sitter makes) can stand
     *   for the missing {@code in} and iterable, so a {@code for} with no later {@code in} cannot
     *   be closed by the colon.</li>
     *   <li>{@code class} and {@code def} must be followed by their name. When the next token
     *   cannot be a name ({@code the class from ...}, {@code class.}), the error happens right at
     *   the keyword, and dropping that one keyword into the error (one skipped tree) is cheaper
     *   than keeping the header alive by skipping the prose up to the colon (a cost per skipped
     *   token, character and line), so on the long prose that reaches this rule tree-sitter does
     *   not keep it. (On a few words of prose the skipped stretch is short and tree-sitter may
     *   keep the header after all, taking a later word as the name; we do not model that.)</li>
     * </ul>
     *
     * A keyword that fails its rule is passed over, and an earlier header on the line may still
     * count. Against the tree-sitter-python 0.21 verdicts on the Gorilla oracle file these two rules
     * fix eight answers and break one.
     */
    private static boolean headerEarlierOnLine(TokenStream in, int colon) {
        boolean sawIn = false;
        for (int j = colon - 1; j >= 0; j--) {
            Token t = in.get(j);
            switch (t.getType()) {
                case PythonLexer.NEWLINE:
                    if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                        return false;
                    }
                    break;
                case PythonLexer.IN:
                    sawIn = true;
                    break;
                case PythonLexer.FOR:
                    if (sawIn) {
                        return true;
                    }
                    break;
                case PythonLexer.DEF:
                case PythonLexer.CLASS:
                    if (nextDefault(in, j, colon) == PythonLexer.NAME) {
                        return true;
                    }
                    break;
                case PythonLexer.WITH:
                case PythonLexer.IF:
                case PythonLexer.WHILE:
                case PythonLexer.ELIF:
                case PythonLexer.ELSE:
                case PythonLexer.TRY:
                case PythonLexer.EXCEPT:
                case PythonLexer.FINALLY:
                    return true;
                default:
                    break;
            }
        }
        return false;
    }

    /** The type of the first default-channel token after {@code index} and before {@code limit}, or EOF. */
    private static int nextDefault(TokenStream in, int index, int limit) {
        for (int k = index + 1; k < limit; k++) {
            Token t = in.get(k);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t.getType();
            }
        }
        return Token.EOF;
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        beginErrorCondition(recognizer);
    }

    @Override
    protected void reportUnwantedToken(Parser recognizer) {
        beginErrorCondition(recognizer);
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
        beginErrorCondition(recognizer);
    }
}
