package dev.rlaif.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.Provenance;
import dev.rlaif.core.Task;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Position-bias control and verdict parsing for LLM pairwise judging. */
final class PairwiseReplies {

    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

    private PairwiseReplies() {
    }

    /**
     * Whether to show the pair swapped: a fair coin drawn from a hash of the seed, the task and
     * both answers, so a rerun shows every pair in the same order and the journal stays valid.
     */
    static boolean swapFor(long seed, Task task, String first, String second) {
        String h = Provenance.sha256(seed + "\u0000" + task.id() + "\u0000" + first + "\u0000" + second);
        return Character.digit(h.charAt(0), 16) % 2 == 1;
    }

    /**
     * P(the answer shown first, "A", is better) from a chat-completion choice: from the log-probs of
     * the first token that is "A" or "B" when present, else from a reply whose first word is A or B
     * (also "Answer A", "**B**"); NaN when unreadable.
     */
    static double pFirst(JsonNode choice) {
        JsonNode content = choice.path("logprobs").path("content");
        if (content.isArray()) {
            for (JsonNode tok : content) {
                double chosen = letter(tok.path("token").asText(""));
                if (Double.isNaN(chosen)) {
                    continue;
                }
                double pa = 0;
                double pb = 0;
                boolean listed = false;
                for (JsonNode alt : tok.path("top_logprobs")) {
                    double v = letter(alt.path("token").asText(""));
                    if (Double.isNaN(v) || !alt.path("logprob").isNumber()) {
                        continue;
                    }
                    listed |= alt.path("token").asText("").equals(tok.path("token").asText(""));
                    double p = Math.exp(alt.path("logprob").asDouble());
                    pa += v == 1 ? p : 0;
                    pb += v == 0 ? p : 0;
                }
                if (!listed && tok.path("logprob").isNumber()) {
                    double p = Math.exp(tok.path("logprob").asDouble());
                    pa += chosen == 1 ? p : 0;
                    pb += chosen == 0 ? p : 0;
                }
                if (pa + pb > 0) {
                    return pa / (pa + pb);
                }
                break;
            }
        }
        Matcher m = WORD.matcher(choice.path("message").path("content").asText(""));
        while (m.find()) {
            String w = m.group();
            if (w.equalsIgnoreCase("answer")) {
                continue;
            }
            return letter(w);
        }
        return Double.NaN;
    }

    /** 1 for "A", 0 for "B" (surrounding spaces and punctuation ignored), NaN otherwise. */
    private static double letter(String token) {
        String t = token.strip().replaceAll("^[^A-Za-z]+|[^A-Za-z]+$", "");
        if (t.equals("A")) {
            return 1;
        }
        if (t.equals("B")) {
            return 0;
        }
        return Double.NaN;
    }
}
