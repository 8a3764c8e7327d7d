package dev.rlaif.metrics.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokenizers the text metrics accept. Reports name the one they used, because scores under
 * different tokenizers are not comparable.
 */
public enum Tokenizer {

    /** Python's {@code s.split()}: runs of whitespace separate tokens. CodeBLEU's and BLEU's default. */
    WHITESPACE {
        @Override
        public List<String> tokenize(String text) {
            List<String> out = new ArrayList<>();
            int n = text.length();
            int i = 0;
            while (i < n) {
                while (i < n && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    out.add(text.substring(start, i));
                }
            }
            return out;
        }
    },

    /**
     * Google rouge-score's default: lower-case, every run of characters outside {@code [a-z0-9]}
     * becomes a space, split on whitespace. It drops all code punctuation.
     */
    ROUGE {
        @Override
        public List<String> tokenize(String text) {
            String lowered = text.toLowerCase(Locale.ROOT);
            return WHITESPACE.tokenize(NON_ALNUM.matcher(lowered).replaceAll(" "));
        }
    },

    /**
     * A code-aware tokenizer: identifiers, numbers, whole string literals, multi-character
     * operators and single punctuation characters are tokens; whitespace is dropped. Unlike
     * {@link #ROUGE} it keeps {@code (}, {@code =} and quotes, which carry meaning in code.
     */
    CODE {
        @Override
        public List<String> tokenize(String text) {
            List<String> out = new ArrayList<>();
            Matcher m = CODE_TOKEN.matcher(text);
            while (m.find()) {
                out.add(m.group());
            }
            return out;
        }
    };

    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

    private static final Pattern CODE_TOKEN = Pattern.compile(
            "[\\p{L}_][\\p{L}\\p{N}_]*"
            + "|\\d[\\d_]*(?:\\.\\d*)?(?:[eE][+-]?\\d+)?[jJ]?"
            + "|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'"
            + "|\\*\\*=?|//=?|>>=?|<<=?|->|:=|[-+*/%@&|^=!<>]=|\\S");

    /** Splits {@code text} into tokens; never throws, and an empty text gives no tokens. */
    public abstract List<String> tokenize(String text);
}
