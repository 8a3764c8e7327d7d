package dev.rlaif.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An answer in Gorilla's output format, written and parsed in this one place.
 *
 * <pre>
 * &lt;&lt;&lt;domain&gt;&gt;&gt;: Classification
 * &lt;&lt;&lt;api_call&gt;&gt;&gt;: torch.hub.load(repo_or_dir='pytorch/vision', model='resnet18', pretrained=True)
 * &lt;&lt;&lt;api_provider&gt;&gt;&gt;: PyTorch
 * &lt;&lt;&lt;explanation&gt;&gt;&gt;: Load the pretrained ResNet-18 ...
 * &lt;&lt;&lt;code&gt;&gt;&gt;: import torch ...
 * </pre>
 *
 * <p>Rendering writes the fields in that order, one marker per line. A shortened target (see
 * {@link #render(int)}) keeps only the first fields, which small training budgets need; every
 * reader in the project (the AST metric, the executability check, the judges) accepts both forms.
 *
 * @param domain the domain label, or "" when absent
 * @param apiCall the API call line, or "" when absent
 * @param apiProvider the provider, or "" when absent
 * @param explanation the explanation, or "" when absent
 * @param code the Python code, or "" when absent
 */
public record GorillaAnswer(String domain, String apiCall, String apiProvider, String explanation, String code) {

    /** The field markers, in rendering order. */
    public static final List<String> MARKERS = List.of(
            "<<<domain>>>", "<<<api_call>>>", "<<<api_provider>>>", "<<<explanation>>>", "<<<code>>>");

    /** Number of fields in the full format. */
    public static final int FIELD_COUNT = 5;

    private static final Pattern MARKER = Pattern.compile(
            "<<<\\s*(domain|api_call|api_provider|explanation|code)\\s*>>>\\s*:?[ \\t]?");

    /** Null fields become empty strings. */
    public GorillaAnswer {
        domain = nz(domain);
        apiCall = nz(apiCall);
        apiProvider = nz(apiProvider);
        explanation = nz(explanation);
        code = nz(code);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Renders the full answer, all five fields. */
    public String render() {
        return render(FIELD_COUNT);
    }

    /**
     * Renders the first {@code fields} fields (1 to 5), one marker per line, no trailing newline.
     * {@code render(3)} gives domain, api_call and api_provider: the short target.
     */
    public String render(int fields) {
        if (fields < 1 || fields > FIELD_COUNT) {
            throw new IllegalArgumentException("fields must be in [1, 5], got " + fields);
        }
        String[] values = {domain, apiCall, apiProvider, explanation, code};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(MARKERS.get(i)).append(": ").append(values[i]);
        }
        return sb.toString();
    }

    /** The field value by index, in {@link #MARKERS} order. */
    public String field(int index) {
        switch (index) {
            case 0: return domain;
            case 1: return apiCall;
            case 2: return apiProvider;
            case 3: return explanation;
            case 4: return code;
            default: throw new IndexOutOfBoundsException(index);
        }
    }

    /**
     * Parses a generated answer. Tolerant: markers may be missing, repeated, out of order, separated
     * by newlines or by {@code ", "} (TensorFlow Hub layout); the first occurrence of each marker
     * wins; text before the first marker is ignored; values are trimmed, and a trailing comma left by
     * the one-line layout is dropped. Never throws on any string; a string with no marker at all
     * parses to an answer whose fields are all empty.
     */
    public static GorillaAnswer parse(String text) {
        if (text == null) {
            return new GorillaAnswer("", "", "", "", "");
        }
        String[] values = new String[FIELD_COUNT];
        Matcher m = MARKER.matcher(text);
        List<int[]> hits = new ArrayList<>();
        while (m.find()) {
            hits.add(new int[] {index(m.group(1)), m.start(), m.end()});
        }
        for (int i = 0; i < hits.size(); i++) {
            int[] h = hits.get(i);
            int end = i + 1 < hits.size() ? hits.get(i + 1)[1] : text.length();
            if (values[h[0]] == null) {
                values[h[0]] = clean(text.substring(h[2], end), h[0]);
            }
        }
        return new GorillaAnswer(values[0], values[1], values[2], values[3], values[4]);
    }

    /** True when the text contains at least one Gorilla marker. */
    public static boolean hasMarkers(String text) {
        return text != null && MARKER.matcher(text).find();
    }

    private static int index(String name) {
        switch (name) {
            case "domain": return 0;
            case "api_call": return 1;
            case "api_provider": return 2;
            case "explanation": return 3;
            default: return 4;
        }
    }

    private static String clean(String v, int field) {
        String s = field == 4 ? stripTrailing(v) : v.strip();
        if (field != 4 && s.endsWith(",")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        if (field == 4) {
            s = s.stripLeading();
        }
        return s;
    }

    private static String stripTrailing(String s) {
        return s.stripTrailing();
    }

    /** Returns a copy with another API call (used to build negative examples). */
    public GorillaAnswer withApiCall(String newCall) {
        return new GorillaAnswer(domain, Objects.requireNonNull(newCall), apiProvider, explanation, code);
    }

    /** Returns a copy with other code. */
    public GorillaAnswer withCode(String newCode) {
        return new GorillaAnswer(domain, apiCall, apiProvider, explanation, newCode);
    }
}
