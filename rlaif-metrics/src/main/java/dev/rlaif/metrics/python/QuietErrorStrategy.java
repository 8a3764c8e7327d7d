package dev.rlaif.metrics.python;

import dev.rlaif.metrics.python.antlr.PythonLexer;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's recovering strategy, changed in three ways. It builds no error messages: nobody reads
 * them here, and building them (each quotes the input since the last good token) makes recovery
 * quadratic on long garbled lines, which model output often is. It never conjures a NEWLINE, and
 * after an error it skips to the end of the logical line: a new statement starts only on a new
 * line, as in tree-sitter, instead of at every name in a line of prose.
 */
final class QuietErrorStrategy extends DefaultErrorStrategy {

    @Override
    protected boolean singleTokenInsertion(Parser recognizer) {
        if (getExpectedTokens(recognizer).contains(PythonLexer.NEWLINE)) {
            return false;
        }
        return super.singleTokenInsertion(recognizer);
    }

    /** Skips to the end of the logical line, whatever {@code set} the caller would resync on. */
    @Override
    protected void consumeUntil(Parser recognizer, IntervalSet set) {
        if (Boolean.getBoolean("er.default")) { super.consumeUntil(recognizer, set); return; }
        int type = recognizer.getInputStream().LA(1);
        while (type != Token.EOF && type != PythonLexer.NEWLINE) {
            recognizer.consume();
            type = recognizer.getInputStream().LA(1);
        }
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
