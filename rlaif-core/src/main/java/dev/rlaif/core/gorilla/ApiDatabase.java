package dev.rlaif.core.gorilla;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.io.Json;
import dev.rlaif.core.io.Jsonl;
import dev.rlaif.core.io.LineMapper;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Gorilla API database ({@code *_api.jsonl}) in file order, with look-ups.
 *
 * <p>File order matters: Gorilla's AST evaluator takes the first matching entry. Calls and names
 * are not unique (TensorFlow Hub repeats one call 220 times), so look-ups return lists in file order.
 * Immutable and thread-safe.
 */
public final class ApiDatabase {

    private final String source;
    private final List<ApiDoc> records;
    private final Map<String, List<ApiDoc>> byCall;
    private final Map<String, List<ApiDoc>> byName;
    private final Map<String, List<ApiDoc>> byDomain;

    /** Wraps records already read; {@code source} names them in messages. */
    public ApiDatabase(String source, List<ApiDoc> records) {
        this.source = source;
        this.records = List.copyOf(records);
        this.byCall = index(this.records, ApiDoc::apiCall);
        this.byName = index(this.records, ApiDoc::apiName);
        this.byDomain = index(this.records, ApiDoc::domain);
    }

    private static Map<String, List<ApiDoc>> index(List<ApiDoc> recs, java.util.function.Function<ApiDoc, String> key) {
        Map<String, List<ApiDoc>> m = new LinkedHashMap<>();
        for (ApiDoc d : recs) {
            m.computeIfAbsent(key.apply(d), k -> new java.util.ArrayList<>()).add(d);
        }
        m.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(m);
    }

    /** Reads a database file strictly (a bad line throws, naming file and line). */
    public static ApiDatabase read(Path file) {
        return new ApiDatabase(file.toString(), Jsonl.read(file, MAPPER, Jsonl.BadLines.FAIL).values());
    }

    /** Maps one database line; shared with {@link GorillaData}. */
    static final LineMapper<ApiDoc> MAPPER = (n, line) -> apiDoc(n);

    /** Parses one API record (a database line, or an eval record's {@code api_data}). */
    static ApiDoc apiDoc(JsonNode n) {
        return new ApiDoc(
                Json.requireString(n, "domain"),
                Json.requireString(n, "framework"),
                Json.require(n, "functionality"),
                Json.requireString(n, "api_name"),
                Json.requireString(n, "api_call"),
                Json.require(n, "api_arguments"),
                Json.require(n, "python_environment_requirements"),
                Json.require(n, "example_code"),
                Json.require(n, "performance"),
                Json.requireString(n, "description"));
    }

    /** Where the records came from. */
    public String source() {
        return source;
    }

    /** All records, in file order. */
    public List<ApiDoc> records() {
        return records;
    }

    /** Number of records. */
    public int size() {
        return records.size();
    }

    /** The record at a 0-based index. */
    public ApiDoc get(int index) {
        return records.get(index);
    }

    /** Records whose {@code api_call} equals {@code call} exactly, in file order (possibly empty). */
    public List<ApiDoc> byApiCall(String call) {
        return byCall.getOrDefault(call, List.of());
    }

    /** Records whose {@code api_name} equals {@code name} exactly, in file order. */
    public List<ApiDoc> byApiName(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Records of a domain, in file order. */
    public List<ApiDoc> byDomain(String domain) {
        return byDomain.getOrDefault(domain, List.of());
    }

    /** The distinct domains, sorted. */
    public Set<String> domains() {
        return Collections.unmodifiableSet(new TreeSet<>(byDomain.keySet()));
    }

    /** Number of distinct {@code api_call} values. */
    public int distinctApiCalls() {
        return byCall.size();
    }

    /** True when some record's {@code api_call} equals {@code call}. */
    public boolean containsCall(String call) {
        return byCall.containsKey(call);
    }
}
