package dev.rlaif.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python call expression located in text by a small, tolerant lexer: the dotted callee, the
 * top-level arguments and whether the closing parenthesis was found. It understands string
 * literals (quotes, triple quotes, escapes) and bracket nesting, which is all the judge needs to
 * read an API call line; it is not a Python parser and never throws.
 *
 * @param callee the dotted callee with spaces removed, e.g. {@code torch.hub.load}
 * @param args the top-level arguments in order
 * @param closed true when the matching {@code )} was found
 * @param start offset of the callee in the text
 * @param end offset just past the closing parenthesis, or the text's length when unclosed
 */
record PyCall(String callee, List<Arg> args, boolean closed, int start, int end) {

    /**
     * One argument.
     *
     * @param name the keyword, or null for a positional argument
     * @param value the value's source text, trimmed
     * @param literal the content of the value when it is one string literal, else null
     */
    record Arg(String name, String value, String literal) {
        /** The whole argument's source text. */
        String text() {
            return name == null ? value : name + "=" + value;
        }
    }

    private static final Pattern CALLEE = Pattern.compile(
            "(?<![A-Za-z0-9_.])([A-Za-z_][A-Za-z0-9_]*(?:\\s*\\.\\s*[A-Za-z_][A-Za-z0-9_]*)*)\\s*\\(");
    private static final Pattern KEYWORD = Pattern.compile("(?s)^([A-Za-z_][A-Za-z0-9_]*)\\s*=(?!=)\\s*(.*)$");
    private static final Pattern LITERAL = Pattern.compile("(?s)^[rRbBuU]?(\"\"\"|'''|\"|')(.*)\\1$");

    /** The keyword names among the arguments. */
    List<String> keywords() {
        List<String> out = new ArrayList<>();
        for (Arg a : args) {
            if (a.name() != null) {
                out.add(a.name());
            }
        }
        return out;
    }

    /** The string-literal values among the arguments. */
    List<String> literals() {
        List<String> out = new ArrayList<>();
        for (Arg a : args) {
            if (a.literal() != null) {
                out.add(a.literal());
            }
        }
        return out;
    }

    /** The first call in the text, or null. */
    static PyCall first(String text) {
        Matcher m = CALLEE.matcher(text);
        return m.find() ? at(text, m) : null;
    }

    /** Every call in the text, nested ones included, in the order their callees appear. */
    static List<PyCall> every(String text) {
        List<PyCall> out = new ArrayList<>();
        Matcher m = CALLEE.matcher(text);
        while (m.find()) {
            out.add(at(text, m));
        }
        return out;
    }

    /** True when the callee is {@code name} or ends with {@code .name}. */
    boolean calls(String name) {
        return callee.equals(name) || callee.endsWith("." + name);
    }

    private static PyCall at(String text, Matcher m) {
        String callee = m.group(1).replaceAll("\\s+", "");
        int i = m.end();
        int depth = 1;
        int argStart = i;
        List<Arg> args = new ArrayList<>();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = skipString(text, i);
                continue;
            }
            if (c == '#') {
                int nl = text.indexOf('\n', i);
                i = nl < 0 ? text.length() : nl;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    addArg(args, text.substring(argStart, i));
                    return new PyCall(callee, List.copyOf(args), true, m.start(1), i + 1);
                }
            } else if (c == ',' && depth == 1) {
                addArg(args, text.substring(argStart, i));
                argStart = i + 1;
            }
            i++;
        }
        addArg(args, text.substring(argStart));
        return new PyCall(callee, List.copyOf(args), false, m.start(1), text.length());
    }

    private static void addArg(List<Arg> args, String raw) {
        String s = raw.strip();
        if (s.isEmpty()) {
            return;
        }
        Matcher k = KEYWORD.matcher(s);
        String name = null;
        String value = s;
        if (k.matches()) {
            name = k.group(1);
            value = k.group(2).strip();
        }
        Matcher l = LITERAL.matcher(value);
        String literal = null;
        if (l.matches() && !l.group(2).contains(l.group(1))) {
            literal = l.group(2);
        }
        args.add(new Arg(name, value, literal));
    }

    /** Index just past the string literal starting at {@code i} (or the text's end when unterminated). */
    static int skipString(String text, int i) {
        char q = text.charAt(i);
        boolean triple = text.startsWith(String.valueOf(q).repeat(3), i);
        int j = i + (triple ? 3 : 1);
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (triple) {
                if (text.startsWith(String.valueOf(q).repeat(3), j)) {
                    return j + 3;
                }
            } else if (c == q) {
                return j + 1;
            } else if (c == '\n') {
                return j;
            }
            j++;
        }
        return text.length();
    }
}
