package dev.rlaif.metrics.codebleu;

import dev.rlaif.metrics.python.PythonSyntax;
import dev.rlaif.metrics.python.SyntaxNode;
import java.util.ArrayList;
import java.util.List;

/**
 * CodeBLEU's {@code remove_comments_and_docstrings} for Python: drops comments and statement-level
 * strings (docstrings), then blank lines, so that neither enters the syntax or data-flow match.
 */
final class Comments {

    private Comments() {
    }

    static String strip(String code) {
        if (code.indexOf('#') < 0 && code.indexOf('"') < 0 && code.indexOf('\'') < 0) {
            return dropBlankLines(code);
        }
        List<int[]> cuts = new ArrayList<>();
        collect(PythonSyntax.parse(code), cuts);
        if (cuts.isEmpty()) {
            return dropBlankLines(code);
        }
        cuts.sort((a, b) -> Integer.compare(a[0], b[0]));
        StringBuilder sb = new StringBuilder();
        int at = 0;
        for (int[] c : cuts) {
            if (c[0] >= at) {
                sb.append(code, at, c[0]);
                at = c[1];
            }
        }
        sb.append(code.substring(at));
        return dropBlankLines(sb.toString());
    }

    private static void collect(SyntaxNode n, List<int[]> cuts) {
        for (SyntaxNode c : n.children()) {
            if ("comment".equals(c.type())) {
                cuts.add(new int[] {c.start(), c.end()});
            } else if ("expression_statement".equals(c.type()) && c.childCount() == 1
                    && ("string".equals(c.child(0).type()) || "concatenated_string".equals(c.child(0).type()))
                    && ("module".equals(n.type()) || "block".equals(n.type()))) {
                cuts.add(new int[] {c.start(), c.end()});
            } else {
                collect(c, cuts);
            }
        }
    }

    private static String dropBlankLines(String s) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            if (!line.isBlank()) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(line);
            }
        }
        return sb.toString();
    }
}
