package dev.rlaif.feedback;

/**
 * A lexical stand-in for a Python parser: every string literal is closed and every bracket is
 * matched by its partner. It catches what truncated or garbled generations get wrong (the common
 * case) and accepts some invalid Python; the metrics module's parser is preferred where present.
 */
final class LexicalSyntaxCheck implements SyntaxCheck {

    @Override
    public boolean valid(String python) {
        StringBuilder stack = new StringBuilder();
        int i = 0;
        while (i < python.length()) {
            char c = python.charAt(i);
            if (c == '\'' || c == '"') {
                int j = PyCall.skipString(python, i);
                boolean triple = python.startsWith(String.valueOf(c).repeat(3), i);
                int close = triple ? 3 : 1;
                if (j - i < 2 * close || !python.startsWith(String.valueOf(c).repeat(close), j - close)) {
                    return false;
                }
                i = j;
                continue;
            }
            if (c == '#') {
                int nl = python.indexOf('\n', i);
                i = nl < 0 ? python.length() : nl;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                stack.append(c);
            } else if (c == ')' || c == ']' || c == '}') {
                char open = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (stack.length() == 0 || stack.charAt(stack.length() - 1) != open) {
                    return false;
                }
                stack.setLength(stack.length() - 1);
            }
            i++;
        }
        return stack.length() == 0;
    }

    @Override
    public String name() {
        return "lexical";
    }
}
