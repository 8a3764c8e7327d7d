package dev.rlaif.lm.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Cuts text around added tokens before pre-tokenization, as HF's added vocabulary does: at each
 * position the longest added token that starts there wins (leftmost-longest), and the text between
 * matches is left for BPE. Training and encoding share it, so merges are never learned across a
 * marker that encoding would cut out.
 */
final class AddedTokenSplitter {

    /** Receives the pieces in order. */
    interface Sink {
        /** Plain text between added tokens (never empty). */
        void text(String piece);

        /** An added token with its id. */
        void added(int id);
    }

    private final String[] tokens;
    private final int[] ids;
    private final boolean[] firstChar = new boolean[Character.MAX_VALUE + 1];

    AddedTokenSplitter(Map<String, Integer> added) {
        List<Map.Entry<String, Integer>> byLength = new ArrayList<>(added.entrySet());
        byLength.sort(Comparator.comparingInt((Map.Entry<String, Integer> e) -> -e.getKey().length())
                .thenComparing(Map.Entry::getKey));
        tokens = new String[byLength.size()];
        ids = new int[byLength.size()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = byLength.get(i).getKey();
            ids[i] = byLength.get(i).getValue();
            firstChar[tokens[i].charAt(0)] = true;
        }
    }

    void split(String text, Sink sink) {
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int match = firstChar[text.charAt(i)] ? longestAt(text, i) : -1;
            if (match < 0) {
                i++;
                continue;
            }
            if (i > start) {
                sink.text(text.substring(start, i));
            }
            sink.added(ids[match]);
            i += tokens[match].length();
            start = i;
        }
        if (start < n) {
            sink.text(text.substring(start));
        }
    }

    private int longestAt(String text, int pos) {
        for (int t = 0; t < tokens.length; t++) {
            if (text.startsWith(tokens[t], pos)) {
                return t;
            }
        }
        return -1;
    }
}
