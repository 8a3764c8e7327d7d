package dev.rlaif.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.io.Json;
import dev.rlaif.metrics.python.PythonSyntax;
import dev.rlaif.metrics.python.SyntaxNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rlaif parse [--sexp | --json] FILE}: the tree-sitter-shaped syntax tree of a Python file,
 * the tree every code metric of rlaif4j works on. Useful to see how garbled model output parses.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = "Parse a Python file into a tree-sitter-shaped syntax tree.")
final class ParseCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "Python source file ('-' reads stdin).")
    String file;

    @Option(names = "--sexp", description = "Print the s-expression of named nodes (the default).")
    boolean sexp;

    @Option(names = "--json", description = "Print the full tree as JSON: type, named, start, end, children.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (sexp && json) {
            throw new IllegalArgumentException("--sexp and --json are exclusive");
        }
        String source = "-".equals(file) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        SyntaxNode tree = PythonSyntax.parse(source);
        System.out.println(json ? toJson(tree).toString() : tree.sexp());
        return 0;
    }

    private static ObjectNode toJson(SyntaxNode n) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("type", n.type());
        o.put("named", n.isNamed());
        o.put("start", n.start());
        o.put("end", n.end());
        if (n.childCount() > 0) {
            var kids = o.putArray("children");
            for (SyntaxNode c : n.children()) {
                kids.add(toJson(c));
            }
        }
        return o;
    }
}
