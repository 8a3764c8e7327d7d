package dev.rlaif.metrics.python;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import dev.rlaif.metrics.python.antlr.PythonLexer;

/**
 * ANTLR's recovering strategy without its error messages. Nobody reads them here, and building
 * them (each quotes the input since the last good token) makes recovery quadratic on long garbled
 * lines, which model output often is.
 */
final class QuietErrorStrategy extends DefaultErrorStrategy {

    @Override
    protected boolean singleTokenInsertion(Parser recognizer) {
        if (Boolean.getBoolean("xnonl") && getExpectedTokens(recognizer).contains(PythonLexer.NEWLINE)) {
            return false;
        }
        return super.singleTokenInsertion(recognizer);
    }

    @Override
    protected void consumeUntil(Parser recognizer, IntervalSet set) {
        if (!Boolean.getBoolean("xeol")) {
            super.consumeUntil(recognizer, set);
            return;
        }
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
