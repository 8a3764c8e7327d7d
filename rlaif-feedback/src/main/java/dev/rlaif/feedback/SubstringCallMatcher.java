package dev.rlaif.feedback;

import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Hub;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gorilla's AST matching rule on well-formed input, without a parser (see the data README,
 * "Porting notes"): cut the candidate call out of the answer as Gorilla does, then take the first
 * database entry, in file order, whose callee is called in the candidate and whose reference
 * arguments (chosen by the hub's rule) are all substrings of that call's text. It agrees with
 * the tree-based evaluator on well-formed answers and differs only where a parser's error
 * recovery would; it is a few microseconds per answer, which the offline judge needs.
 */
final class SubstringCallMatcher implements CallMatcher {

    /** One database entry prepared for matching. */
    private record Entry(int index, String callee, List<String> args) {
    }

    private final Map<Hub, Map<String, List<Entry>>> byCallee = new EnumMap<>(Hub.class);

    SubstringCallMatcher(Map<Hub, List<ApiDoc>> databases) {
        databases.forEach((hub, docs) -> {
            Map<String, List<Entry>> m = new LinkedHashMap<>();
            for (int i = 0; i < docs.size(); i++) {
                PyCall c = PyCall.first(docs.get(i).apiCall());
                if (c == null) {
                    continue;
                }
                List<String> args = referenceArgs(hub, c);
                if (!args.isEmpty()) {
                    m.computeIfAbsent(c.callee(), k -> new ArrayList<>()).add(new Entry(i, c.callee(), args));
                }
            }
            byCallee.put(hub, m);
        });
    }

    @Override
    public String name() {
        return "substring-v1";
    }

    @Override
    public int match(Hub hub, String completion) {
        Map<String, List<Entry>> entries = byCallee.get(hub);
        if (entries == null) {
            throw new IllegalArgumentException("no API database was given for hub " + hub.id());
        }
        String candidate = candidate(hub, completion);
        if (candidate == null) {
            return -1;
        }
        int best = Integer.MAX_VALUE;
        for (PyCall call : PyCall.every(candidate)) {
            String span = candidate.substring(call.start(), call.end());
            for (String callee : suffixes(call.callee())) {
                for (Entry entry : entries.getOrDefault(callee, List.of())) {
                    if (entry.index() >= best) {
                        break;
                    }
                    if (containsAll(span, entry.args())) {
                        best = entry.index();
                        break;
                    }
                }
            }
        }
        return best == Integer.MAX_VALUE ? -1 : best;
    }

    /** {@code a.b.c}, {@code b.c}, {@code c}: a call through a module prefix still names the API. */
    static List<String> suffixes(String callee) {
        List<String> out = new ArrayList<>();
        out.add(callee);
        int dot = callee.indexOf('.');
        while (dot >= 0) {
            out.add(callee.substring(dot + 1));
            dot = callee.indexOf('.', dot + 1);
        }
        return out;
    }

    private static boolean containsAll(String span, List<String> args) {
        for (String a : args) {
            if (!span.contains(a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Gorilla's candidate: the text between the first and second {@code api_call}, cut at
     * {@code api_provider}, from two characters after its first colon to its last {@code )}.
     * Without {@code api_call}, HuggingFace and TensorFlow Hub use the whole text; TorchHub has none.
     */
    static String candidate(Hub hub, String text) {
        int first = text.indexOf("api_call");
        if (first < 0) {
            return hub == Hub.TORCHHUB ? null : text;
        }
        int from = first + "api_call".length();
        int second = text.indexOf("api_call", from);
        String seg = text.substring(from, second < 0 ? text.length() : second);
        int prov = seg.indexOf("api_provider");
        if (prov >= 0) {
            seg = seg.substring(0, prov);
        }
        int colon = seg.indexOf(':');
        int s = (colon < 0 ? 0 : colon) + 2;
        int close = seg.lastIndexOf(')');
        int e = close < 0 ? seg.length() - 1 : close + 1;
        if (s >= e || s > seg.length()) {
            return "";
        }
        return seg.substring(s, Math.min(e, seg.length()));
    }

    /** The argument strings an entry requires, by the hub's rule, single quotes stripped at both ends. */
    static List<String> referenceArgs(Hub hub, PyCall call) {
        List<String> out = new ArrayList<>();
        for (PyCall.Arg a : call.args()) {
            String text = a.text();
            String v = null;
            switch (hub) {
                case HUGGINGFACE:
                    v = a.name() != null ? a.value() : text;
                    break;
                case TENSORFLOWHUB:
                    v = a.name() != null && a.name().equals("model") ? a.value() : text;
                    break;
                default:
                    if (a.name() != null && (a.name().contains("repo_or_dir") || a.name().contains("model"))) {
                        v = a.value();
                    } else if (a.name() == null) {
                        v = null;
                    }
                    break;
            }
            if (v != null) {
                String s = stripSingleQuotes(v);
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static String stripSingleQuotes(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && s.charAt(b) == '\'') {
            b++;
        }
        while (e > b && s.charAt(e - 1) == '\'') {
            e--;
        }
        return s.substring(b, e);
    }
}
