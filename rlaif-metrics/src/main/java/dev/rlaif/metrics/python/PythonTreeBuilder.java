package dev.rlaif.metrics.python;

import dev.rlaif.metrics.python.antlr.PythonLexer;
import dev.rlaif.metrics.python.antlr.PythonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds a tree-sitter-shaped {@link SyntaxNode} tree from the ANTLR parse tree of one source.
 *
 * <p>Valid code takes the fast path (SLL prediction, bail on the first error). Anything else is
 * reparsed with ANTLR's recovering strategy. Each parser context then maps to the tree-sitter node
 * type named like its rule or alternative label (camel case to snake case); contexts whose names
 * start with {@code h}, and the generic statement/expression rules, are spliced into their parent,
 * as tree-sitter's hidden rules are. Recovery mimics tree-sitter's: an incomplete construct is
 * dissolved into an {@code ERROR} node at statement level that keeps its complete sub-trees and
 * loose tokens, and parsing resumes at the first token that fits (see {@link QuietErrorStrategy}).
 */
final class PythonTreeBuilder {

    private static final Set<String> TRANSPARENT = Set.of(
            "Statement", "SimpleStatements", "SimpleStatement", "CompoundStatement", "Expression", "Primary",
            "Atom", "Identifier", "Module");

    private static final Pattern ESCAPE = Pattern.compile(
            "\\\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[0-7]{1,3}|N\\{[^}]+}|\\r?\\n|['\"abfrntv\\\\])");

    private final String source;
    private final int[] codePoints;
    private final int[] charIndex;

    PythonTreeBuilder(String source) {
        this.source = source;
        this.codePoints = source.codePoints().toArray();
        this.charIndex = new int[codePoints.length + 1];
        int c = 0;
        for (int i = 0; i < codePoints.length; i++) {
            charIndex[i] = c;
            c += Character.charCount(codePoints[i]);
        }
        charIndex[codePoints.length] = c;
    }

    SyntaxNode build() {
        try {
            return parse();
        } catch (RuntimeException | StackOverflowError e) {
            return flat();
        }
    }

    /**
     * The last resort when parsing itself fails (nesting deep enough to exhaust the stack): one
     * ERROR node holding the tokens as leaves, which keeps the never-throw contract.
     */
    private SyntaxNode flat() {
        PythonLexer lexer = new PythonLexer(CharStreams.fromString(source));
        lexer.removeErrorListeners();
        List<SyntaxNode> leaves = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                leaf(t, null, leaves);
            }
        }
        List<SyntaxNode> kids = leaves.isEmpty() ? List.of() : List.of(error(leaves));
        return new SyntaxNode(source, "module", true, 0, source.length(), kids);
    }

    private SyntaxNode parse() {
        PythonLexer lexer = new PythonLexer(CharStreams.fromString(source));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(new IndentingTokenSource(lexer, codePoints));
        PythonParser parser = new PythonParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        ParserRuleContext tree;
        try {
            tree = parser.module();
        } catch (ParseCancellationException e) {
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new QuietErrorStrategy());
            tree = parser.module();
        }
        List<SyntaxNode> top = new ArrayList<>();
        children(tree, top);
        SyntaxNode root = new SyntaxNode(source, "module", true, 0, source.length(), top);
        for (Token t : tokens.getTokens()) {
            if (t.getType() == PythonLexer.COMMENT) {
                root = insert(root, new SyntaxNode(source, "comment", true, from(t), to(t), List.of()));
            } else if (t.getType() == PythonLexer.ERROR_CHAR && t.getChannel() != Token.DEFAULT_CHANNEL) {
                List<SyntaxNode> junk = new ArrayList<>();
                leaf(t, null, junk);
                root = insert(root, error(junk));
            }
        }
        return root;
    }

    /**
     * Converts the children of {@code ctx} into {@code out}; returns true when the context or a
     * descendant below the statement level is incomplete (it failed, or recovery conjured a missing
     * token), which dissolves it, as tree-sitter's recovery does.
     */
    private boolean children(ParserRuleContext ctx, List<SyntaxNode> out) {
        boolean incomplete = ctx.exception != null;
        List<Token> skipped = new ArrayList<>();
        int first = out.size();
        if (ctx.children != null) {
            for (ParseTree c : ctx.children) {
                if (c instanceof ErrorNode e) {
                    if (real(e.getSymbol())) {
                        skipped.add(e.getSymbol());
                    } else if (e.getSymbol().getTokenIndex() < 0) {
                        incomplete = true;
                    }
                    continue;
                }
                flushSkipped(skipped, out);
                if (c instanceof TerminalNode t) {
                    leaf(t.getSymbol(), ctx, out);
                } else {
                    incomplete |= rule((ParserRuleContext) c, out);
                }
            }
        }
        flushSkipped(skipped, out);
        mergeErrors(out, first);
        return incomplete;
    }

    /** Merges adjacent ERROR siblings from {@code first} on, as tree-sitter reports one error region. */
    private void mergeErrors(List<SyntaxNode> out, int first) {
        for (int i = Math.max(first, 1); i < out.size(); i++) {
            SyntaxNode a = out.get(i - 1);
            SyntaxNode b = out.get(i);
            if (i - 1 >= first && a.isError() && b.isError()) {
                List<SyntaxNode> kids = new ArrayList<>(a.children());
                kids.addAll(b.children());
                out.set(i - 1, error(kids));
                out.remove(i);
                i--;
            }
        }
    }

    private boolean rule(ParserRuleContext ctx, List<SyntaxNode> out) {
        String name = ctx.getClass().getSimpleName();
        name = name.substring(0, name.length() - "Context".length());
        if (ctx instanceof PythonParser.ComparisonOperatorTokenContext) {
            if (ctx.exception == null && ctx.getStart() != null && ctx.getStop() != null && real(ctx.getStart())
                    && real(ctx.getStop())) {
                int s = from(ctx.getStart());
                int e = to(ctx.getStop());
                String text = String.join(" ", source.substring(s, e).trim().split("\\s+"));
                out.add(new SyntaxNode(source, text, false, s, e, List.of()));
                return false;
            }
            return children(ctx, out);
        }
        List<SyntaxNode> kids = new ArrayList<>();
        boolean incomplete = children(ctx, kids);
        if (ctx instanceof PythonParser.StatementContext || ctx instanceof PythonParser.DecoratorContext) {
            if (incomplete && !kids.isEmpty()) {
                out.add(error(kids));
            } else if (ctx instanceof PythonParser.DecoratorContext && !kids.isEmpty()) {
                out.add(node("decorator", kids));
            } else {
                out.addAll(kids);
            }
            return false;
        }
        if (kids.isEmpty() || incomplete) {
            out.addAll(kids);
            return incomplete;
        }
        String type = typeOf(name, ctx, kids);
        if (type == null) {
            out.addAll(kids);
            return false;
        }
        if ("case_pattern".equals(type) && kids.size() == 1 && "_".equals(kids.get(0).text())) {
            SyntaxNode w = kids.get(0);
            kids = List.of(new SyntaxNode(source, "_", false, w.start(), w.end(), List.of()));
        }
        if ("with_item".equals(type) && kids.size() == 3) {
            kids = List.of(node("as_pattern", kids));
        }
        if ("comparison_operator".equals(type) && kids.get(0).type().equals(type)) {
            List<SyntaxNode> flat = new ArrayList<>(kids.get(0).children());
            flat.addAll(kids.subList(1, kids.size()));
            kids = flat;
        }
        out.add(node(type, kids));
        return false;
    }

    private static String typeOf(String name, ParserRuleContext ctx, List<SyntaxNode> kids) {
        if (TRANSPARENT.contains(name) || name.length() > 1 && name.charAt(0) == 'H'
                && Character.isUpperCase(name.charAt(1))) {
            return null;
        }
        switch (name) {
            case "Assignment":
                if (ctx.getChildCount() == 1) {
                    return null;
                }
                return ((PythonParser.AssignmentContext) ctx).hAugmentedOperator() != null
                        ? "augmented_assignment" : "assignment";
            case "PatternList":
                if (kids.size() == 1) {
                    return null;
                }
                if (ctx.getParent().getChildCount() > 1) {
                    return "pattern_list";
                }
                return ctx.getParent().getParent() instanceof PythonParser.HRightHandSideContext
                        ? "expression_list" : null;
            case "TargetList":
                return kids.size() == 1 ? null : "pattern_list";
            case "ExpressionList":
            case "ConcatenatedString":
                return kids.size() == 1 ? null : snake(name);
            case "Slice":
                return has(kids, ":") ? "slice" : null;
            case "ParenthesizedForm":
                if (kids.size() == 2) {
                    return "tuple";
                }
                if (has(kids, "for_in_clause")) {
                    return "generator_expression";
                }
                return has(kids, ",") ? "tuple" : "parenthesized_expression";
            case "BracketForm":
                return has(kids, "for_in_clause") ? "list_comprehension" : "list";
            case "BraceForm":
                if (kids.size() == 2 || has(kids, "pair") || has(kids, "dictionary_splat")) {
                    return has(kids, "for_in_clause") ? "dictionary_comprehension" : "dictionary";
                }
                return has(kids, "for_in_clause") ? "set_comprehension" : "set";
            case "ArgumentList":
                return has(kids, "for_in_clause") ? "generator_expression" : "argument_list";
            case "YieldExpression":
                return "yield";
            case "TypeNode":
                return "type";
            case "MatchBlock":
                return "block";
            default:
                return snake(name);
        }
    }

    private static boolean has(List<SyntaxNode> kids, String type) {
        for (SyntaxNode k : kids) {
            if (k.type().equals(type)) {
                return true;
            }
        }
        return false;
    }

    private static String snake(String camel) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** An ERROR node; ERROR children are spliced in, since tree-sitter nests no error in an error. */
    private SyntaxNode error(List<SyntaxNode> kids) {
        List<SyntaxNode> flat = new ArrayList<>();
        for (SyntaxNode k : kids) {
            if (k.isError()) {
                flat.addAll(k.children());
            } else {
                flat.add(k);
            }
        }
        return node("ERROR", flat);
    }

    private SyntaxNode node(String type, List<SyntaxNode> kids) {
        return new SyntaxNode(source, type, true, kids.get(0).start(), kids.get(kids.size() - 1).end(), kids);
    }

    private static boolean real(Token t) {
        int type = t.getType();
        return t.getStartIndex() >= 0 && t.getStopIndex() >= t.getStartIndex() && type != Token.EOF
                && type != PythonLexer.NEWLINE && type != PythonLexer.INDENT && type != PythonLexer.DEDENT;
    }

    private int from(Token t) {
        return charIndex[t.getStartIndex()];
    }

    private int to(Token t) {
        return charIndex[t.getStopIndex() + 1];
    }

    private void leaf(Token t, ParserRuleContext parent, List<SyntaxNode> out) {
        if (!real(t)) {
            return;
        }
        int s = from(t);
        int e = to(t);
        String type;
        boolean named = true;
        switch (t.getType()) {
            case PythonLexer.NAME:
                if (parent instanceof PythonParser.HSoftKeywordContext) {
                    type = source.substring(s, e);
                    named = false;
                } else {
                    type = "identifier";
                }
                break;
            case PythonLexer.INTEGER:
                type = "integer";
                break;
            case PythonLexer.FLOAT:
                type = "float";
                break;
            case PythonLexer.TRUE:
                type = "true";
                break;
            case PythonLexer.FALSE:
                type = "false";
                break;
            case PythonLexer.NONE:
                type = "none";
                break;
            case PythonLexer.ELLIPSIS:
                named = !(parent instanceof PythonParser.ImportPrefixContext);
                type = named ? "ellipsis" : "...";
                break;
            case PythonLexer.STRING:
                out.add(string(s, e));
                return;
            default:
                type = source.substring(s, e);
                named = false;
                break;
        }
        out.add(new SyntaxNode(source, type, named, s, e, List.of()));
    }

    /**
     * Wraps the tokens that recovery skipped in one ERROR node of leaves. They are deliberately not
     * parsed again: tree-sitter keeps little structure inside its error regions, and Gorilla's
     * scorer, which searches every node for the API's callee, counts what is kept there.
     */
    private void flushSkipped(List<Token> skipped, List<SyntaxNode> out) {
        if (skipped.isEmpty()) {
            return;
        }
        List<SyntaxNode> kids = new ArrayList<>();
        for (Token t : skipped) {
            leaf(t, null, kids);
        }
        if (!kids.isEmpty()) {
            out.add(error(kids));
        }
        skipped.clear();
    }

    /** A string token as tree-sitter 0.21 shapes it: start, content runs, interpolations, end. */
    private SyntaxNode string(int s, int e) {
        int p = s;
        while (p < e && Character.isLetter(source.charAt(p))) {
            p++;
        }
        String prefix = source.substring(s, p).toLowerCase(Locale.ROOT);
        char q = source.charAt(p);
        String triple = String.valueOf(q).repeat(3);
        int ql = e - p >= 6 && source.startsWith(triple, p) && source.startsWith(triple, e - 3) ? 3 : 1;
        List<SyntaxNode> kids = new ArrayList<>();
        kids.add(new SyntaxNode(source, "string_start", true, s, p + ql, List.of()));
        int cs = p + ql;
        int ce = e - ql;
        boolean raw = prefix.contains("r");
        if (prefix.contains("f")) {
            int run = cs;
            int i = cs;
            while (i < ce) {
                char c = source.charAt(i);
                if ((c == '{' || c == '}') && i + 1 < ce && source.charAt(i + 1) == c) {
                    i += 2;
                } else if (c == '{') {
                    int close = closingBrace(i, ce);
                    if (close < 0) {
                        break;
                    }
                    content(run, i, raw, kids);
                    kids.add(interpolation(i, close));
                    i = close + 1;
                    run = i;
                } else {
                    i++;
                }
            }
            content(run, ce, raw, kids);
        } else {
            content(cs, ce, raw, kids);
        }
        kids.add(new SyntaxNode(source, "string_end", true, ce, e, List.of()));
        return new SyntaxNode(source, "string", true, s, e, kids);
    }

    private void content(int s, int e, boolean raw, List<SyntaxNode> out) {
        if (s >= e) {
            return;
        }
        List<SyntaxNode> escapes = new ArrayList<>();
        if (!raw) {
            Matcher m = ESCAPE.matcher(source).region(s, e);
            while (m.find()) {
                escapes.add(new SyntaxNode(source, "escape_sequence", true, m.start(), m.end(), List.of()));
            }
        }
        out.add(new SyntaxNode(source, "string_content", true, s, e, escapes));
    }

    private int closingBrace(int open, int limit) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < limit; i++) {
            char c = source.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
                if (depth == 0) {
                    return c == '}' ? i : -1;
                }
            }
        }
        return -1;
    }

    private SyntaxNode interpolation(int open, int close) {
        List<SyntaxNode> kids = new ArrayList<>();
        kids.add(new SyntaxNode(source, "{", false, open, open + 1, List.of()));
        int exprEnd = close;
        int depth = 0;
        for (int i = open + 1; i < close; i++) {
            char c = source.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && (c == ':' || c == '!' && i + 1 < close && source.charAt(i + 1) != '=')) {
                exprEnd = i;
                break;
            }
        }
        SyntaxNode inner = new PythonTreeBuilder(source.substring(open + 1, exprEnd)).build();
        for (SyntaxNode stmt : inner.children()) {
            List<SyntaxNode> parts = "expression_statement".equals(stmt.type()) ? stmt.children() : List.of(stmt);
            for (SyntaxNode part : parts) {
                kids.add(relocate(part, open + 1));
            }
        }
        int rest = exprEnd;
        if (rest < close && source.charAt(rest) == '!') {
            int stop = source.indexOf(':', rest);
            stop = stop < 0 || stop > close ? close : stop;
            kids.add(new SyntaxNode(source, "type_conversion", true, rest, stop, List.of()));
            rest = stop;
        }
        if (rest < close && source.charAt(rest) == ':') {
            SyntaxNode colon = new SyntaxNode(source, ":", false, rest, rest + 1, List.of());
            kids.add(new SyntaxNode(source, "format_specifier", true, rest, close, List.of(colon)));
        }
        kids.add(new SyntaxNode(source, "}", false, close, close + 1, List.of()));
        return new SyntaxNode(source, "interpolation", true, open, close + 1, kids);
    }

    private SyntaxNode relocate(SyntaxNode n, int offset) {
        List<SyntaxNode> kids = new ArrayList<>(n.childCount());
        for (SyntaxNode c : n.children()) {
            kids.add(relocate(c, offset));
        }
        return new SyntaxNode(source, n.type(), n.isNamed(), n.start() + offset, n.end() + offset, kids);
    }

    /**
     * Puts a comment into the deepest node whose span holds it, among that node's children. A
     * comment right after a compound statement and indented deeper than it joins that statement's
     * last block, as tree-sitter attaches it.
     */
    private SyntaxNode insert(SyntaxNode n, SyntaxNode comment) {
        List<SyntaxNode> kids = new ArrayList<>(n.children());
        int at = kids.size();
        for (int i = 0; i < kids.size(); i++) {
            SyntaxNode c = kids.get(i);
            if (c.start() <= comment.start() && comment.end() <= c.end() && c.childCount() > 0) {
                kids.set(i, insert(c, comment));
                return new SyntaxNode(source, n.type(), n.isNamed(), n.start(), n.end(), kids);
            }
            if (c.start() >= comment.end()) {
                at = i;
                break;
            }
        }
        if (at > 0 && column(comment.start()) > column(kids.get(at - 1).start())) {
            SyntaxNode joined = appendToTrailingBlock(kids.get(at - 1), comment);
            if (joined != null) {
                kids.set(at - 1, joined);
                return new SyntaxNode(source, n.type(), n.isNamed(), n.start(), Math.max(n.end(), joined.end()), kids);
            }
        }
        kids.add(at, comment);
        return new SyntaxNode(source, n.type(), n.isNamed(), n.start(), n.end(), kids);
    }

    private SyntaxNode appendToTrailingBlock(SyntaxNode n, SyntaxNode comment) {
        if ("block".equals(n.type())) {
            List<SyntaxNode> kids = new ArrayList<>(n.children());
            kids.add(comment);
            return new SyntaxNode(source, n.type(), true, n.start(), comment.end(), kids);
        }
        if (n.childCount() == 0) {
            return null;
        }
        SyntaxNode last = appendToTrailingBlock(n.child(n.childCount() - 1), comment);
        if (last == null) {
            return null;
        }
        List<SyntaxNode> kids = new ArrayList<>(n.children());
        kids.set(kids.size() - 1, last);
        return new SyntaxNode(source, n.type(), n.isNamed(), n.start(), Math.max(n.end(), last.end()), kids);
    }

    private int column(int index) {
        return index - source.lastIndexOf('\n', index - 1) - 1;
    }
}
