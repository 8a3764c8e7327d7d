package dev.rlaif.core.gorilla;

import dev.rlaif.core.GorillaAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the instruction, explanation and code out of an APIBench record's {@code code} string, in
 * its four layouts (see the data README): HuggingFace markers on separate lines, TensorFlow Hub
 * markers on one line, the TorchHub eval {@code ###Output: {'domain': ...}} dict, and the TorchHub
 * train {@code {'Instruction': ..., 'Output': {...}}} dict. The dicts are not valid Python or JSON
 * (their quotes are not escaped), so values are cut between known keys instead of being parsed.
 */
final class CodeField {

    /** What the {@code code} string holds. */
    record Parsed(String instruction, String explanation, String code, String layout) {
    }

    private static final Pattern INSTRUCTION = Pattern.compile("###\\s?Instruction:\\s*");
    private static final Pattern OUTPUT = Pattern.compile("\\n?###\\s?Output:\\s*");
    private static final String[] DICT_KEYS = {"domain", "api_call", "api_provider", "explanation", "code"};

    private CodeField() {
    }

    static Parsed parse(String code) {
        String s = code.strip();
        if (s.startsWith("{'Instruction'") || s.startsWith("{\"Instruction\"")) {
            return parseTrainDict(s);
        }
        Matcher im = INSTRUCTION.matcher(s);
        int instrStart = im.find() ? im.end() : 0;
        Matcher om = OUTPUT.matcher(s);
        if (!om.find(instrStart)) {
            // No ###Output: the whole text is the instruction; the answer fields stay empty.
            return new Parsed(s.substring(instrStart).strip(), "", "", "no-output");
        }
        String instruction = s.substring(instrStart, om.start()).strip();
        String output = s.substring(om.end());
        String out = output.strip();
        if (out.startsWith("{") && (out.contains("'api_call'") || out.contains("\"api_call\""))) {
            List<String> v = dictValues(out, DICT_KEYS);
            return new Parsed(instruction, v.get(3), v.get(4), "dict");
        }
        GorillaAnswer a = GorillaAnswer.parse(output);
        return new Parsed(instruction, a.explanation(), a.code(), GorillaAnswer.hasMarkers(output) ? "markers" : "prose");
    }

    private static Parsed parseTrainDict(String s) {
        List<String> top = dictValues(s, new String[] {"Instruction", "Output"});
        String output = top.get(1);
        List<String> v = dictValues(output, DICT_KEYS);
        return new Parsed(top.get(0), v.get(3), v.get(4), "train-dict");
    }

    /**
     * Values of a dict-like string for the given keys, in order; a key that is absent gives "".
     * Each value runs from after {@code 'key': } to the start of the next present key (or the
     * closing brace), with the separator and one pair of surrounding quotes removed.
     */
    static List<String> dictValues(String s, String[] keys) {
        int[] starts = new int[keys.length];
        int[] valueStarts = new int[keys.length];
        int from = 0;
        for (int k = 0; k < keys.length; k++) {
            Matcher m = Pattern.compile("[{,]\\s*['\"]" + Pattern.quote(keys[k]) + "['\"]\\s*:\\s*").matcher(s);
            if (m.find(from)) {
                starts[k] = m.start();
                valueStarts[k] = m.end();
                from = m.end();
            } else {
                starts[k] = -1;
            }
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; k < keys.length; k++) {
            if (starts[k] < 0) {
                out.add("");
                continue;
            }
            int end = -1;
            for (int j = k + 1; j < keys.length && end < 0; j++) {
                if (starts[j] >= 0) {
                    end = starts[j];
                }
            }
            if (end < 0) {
                end = s.lastIndexOf('}');
                if (end < valueStarts[k]) {
                    end = s.length();
                }
            }
            out.add(unquote(s.substring(valueStarts[k], end).strip()));
        }
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2) {
            char a = v.charAt(0);
            char b = v.charAt(v.length() - 1);
            if ((a == '\'' || a == '"') && a == b) {
                return v.substring(1, v.length() - 1);
            }
        }
        return v;
    }
}
