package dev.rlaif.metrics.python;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;

/**
 * ANTLR's recovering strategy without its error messages. Nobody reads them here, and building
 * them (each quotes the input since the last good token) makes recovery quadratic on long garbled
 * lines, which model output often is.
 */
final class QuietErrorStrategy extends DefaultErrorStrategy {

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
