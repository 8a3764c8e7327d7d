package dev.rlaif.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.ApiDoc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One hub's API database, indexed for the offline judge: exact calls, callees ("API families"),
 * the argument values and keyword names the documentation shows for each callee, and BM25 over
 * the documentation text. Immutable after construction.
 */
final class ApiCatalog {

    private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=(?=[A-Za-z_])");
    private static final Pattern DOC_PARAM = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\s*[=:]");

    final List<ApiDoc> docs;
    final Bm25Index bm25;
    private final Map<String, List<Integer>> exact = new HashMap<>();
    private final Map<String, Integer> recordIndex = new HashMap<>();
    private final Map<String, Set<String>> literals = new HashMap<>();
    private final Map<String, Set<String>> keywords = new HashMap<>();
    private final Map<String, Integer> maxPositional = new HashMap<>();

    ApiCatalog(List<ApiDoc> records) {
        this.docs = List.copyOf(records);
        this.bm25 = Bm25Index.of(docs);
        for (int i = 0; i < docs.size(); i++) {
            ApiDoc d = docs.get(i);
            exact.computeIfAbsent(normalize(d.apiCall()), k -> new ArrayList<>()).add(i);
            recordIndex.putIfAbsent(recordKey(d), i);
            PyCall c = PyCall.first(d.apiCall());
            if (c == null) {
                continue;
            }
            String callee = c.callee();
            literals.computeIfAbsent(callee, k -> new HashSet<>()).addAll(c.literals());
            Set<String> kw = keywords.computeIfAbsent(callee, k -> new HashSet<>());
            kw.addAll(c.keywords());
            int positional = c.args().size() - c.keywords().size();
            maxPositional.merge(callee, positional, Math::max);
            for (PyCall ex : PyCall.every(d.exampleCodeText())) {
                if (ex.calls(callee)) {
                    kw.addAll(ex.keywords());
                    maxPositional.merge(callee, ex.args().size() - ex.keywords().size(), Math::max);
                }
            }
            collectParams(d.apiArguments(), kw);
        }
    }

    /** Whitespace removed, double quotes made single, a leading {@code x =} dropped. */
    static String normalize(String call) {
        String s = call.replaceAll("\\s+", "").replace('"', '\'');
        return ASSIGNMENT.matcher(s).replaceFirst("");
    }

    /** Indexes of records whose call equals this one after {@link #normalize}. */
    List<Integer> exactMatches(String call) {
        return exact.getOrDefault(normalize(call), List.of());
    }

    /** Index of this very record (same call, name and domain), or -1. */
    int indexOf(ApiDoc d) {
        return recordIndex.getOrDefault(recordKey(d), -1);
    }

    /** The database callee this call's callee names (exactly, or after dropping a module prefix), or null. */
    String family(String callee) {
        for (String s : suffixes(callee)) {
            if (literals.containsKey(s)) {
                return s;
            }
        }
        return null;
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

    /** String arguments (model ids, repositories, task names, URLs) the database shows for a callee. */
    Set<String> knownLiterals(String family) {
        return literals.getOrDefault(family, Set.of());
    }

    /** Keyword names the documentation shows for a callee (calls, examples, argument docs). */
    Set<String> knownKeywords(String family) {
        return keywords.getOrDefault(family, Set.of());
    }

    /** The most positional arguments any documented call of the callee passes. */
    int maxPositional(String family) {
        return maxPositional.getOrDefault(family, 0);
    }

    private static String recordKey(ApiDoc d) {
        return d.apiCall() + "\u0000" + d.apiName() + "\u0000" + d.domain();
    }

    private static void collectParams(JsonNode args, Set<String> out) {
        if (args == null || args.isNull()) {
            return;
        }
        if (args.isObject()) {
            for (Iterator<String> it = args.fieldNames(); it.hasNext();) {
                out.add(it.next());
            }
            return;
        }
        if (args.isArray()) {
            for (JsonNode a : args) {
                if (a.isTextual() && a.asText().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    out.add(a.asText());
                } else {
                    collectParams(a, out);
                }
            }
            return;
        }
        Matcher m = DOC_PARAM.matcher(ApiDoc.text(args));
        while (m.find()) {
            out.add(m.group(1));
        }
    }
}
