package dev.rlaif.feedback;

import dev.rlaif.metrics.python.PythonSyntax;
import dev.rlaif.metrics.python.SyntaxNode;

/** Syntax validity by the metrics module's Python 3 parser: valid when the tree has no ERROR node. */
final class ParserSyntaxCheck implements SyntaxCheck {

    @Override
    public boolean valid(String python) {
        for (SyntaxNode n : PythonSyntax.parse(python).preOrder()) {
            if (n.isError()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String name() {
        return "python-parser";
    }
}
