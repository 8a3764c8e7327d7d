package dev.rlaif.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.QuestionAnswer;
import dev.rlaif.core.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a judge's reply into P(yes). Log-probabilities are preferred because they give a graded
 * signal (the paper's score); text is the fallback. Anything that is not clearly a yes or a no is
 * invalid, never "no", so a confused judge cannot push a score down.
 */
final class ReplyParser {

    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

    private ReplyParser() {
    }

    /** 1 for yes, 0 for no, NaN otherwise; for a single token or word (case, spaces, punctuation ignored). */
    static double yesNoToken(String token) {
        String t = token == null ? "" : token.strip().toLowerCase(Locale.ROOT);
        int s = 0;
        int e = t.length();
        while (s < e && !Character.isLetter(t.charAt(s))) {
            s++;
        }
        while (e > s && !Character.isLetter(t.charAt(e - 1))) {
            e--;
        }
        String w = t.substring(s, e);
        if (w.equals("yes")) {
            return 1;
        }
        if (w.equals("no")) {
            return 0;
        }
        return Double.NaN;
    }

    /**
     * P(yes) from a free-text reply: the first word when it is yes or no; otherwise the reply's only
     * kind of yes/no word when just one kind occurs; otherwise NaN (no answer, or both answers).
     */
    static double yesNoText(String text) {
        if (text == null) {
            return Double.NaN;
        }
        Matcher m = WORD.matcher(text);
        boolean first = true;
        boolean sawYes = false;
        boolean sawNo = false;
        while (m.find()) {
            double v = yesNoToken(m.group());
            if (first && !Double.isNaN(v)) {
                return v;
            }
            first = false;
            sawYes |= v == 1;
            sawNo |= v == 0;
        }
        if (sawYes != sawNo) {
            return sawYes ? 1 : 0;
        }
        return Double.NaN;
    }

    /**
     * P(yes) from the OpenAI {@code logprobs.content} array: at the first generated token that is a
     * yes/no word, the probability mass of all yes variants ("Yes", " yes", "YES", ...) among its
     * {@code top_logprobs}, normalised over yes and no variants. NaN when no token qualifies or the
     * alternatives carry no yes/no mass.
     */
    static double yesNoLogprobs(JsonNode content) {
        if (content == null || !content.isArray()) {
            return Double.NaN;
        }
        for (JsonNode tok : content) {
            double chosen = yesNoToken(tok.path("token").asText(""));
            if (Double.isNaN(chosen)) {
                continue;
            }
            double yes = 0;
            double no = 0;
            boolean chosenListed = false;
            for (JsonNode alt : tok.path("top_logprobs")) {
                String t = alt.path("token").asText("");
                double v = yesNoToken(t);
                JsonNode lp = alt.get("logprob");
                if (Double.isNaN(v) || lp == null || !lp.isNumber()) {
                    continue;
                }
                double p = Math.exp(lp.asDouble());
                chosenListed |= t.equals(tok.path("token").asText(""));
                if (v == 1) {
                    yes += p;
                } else {
                    no += p;
                }
            }
            JsonNode own = tok.get("logprob");
            if (!chosenListed && own != null && own.isNumber()) {
                double p = Math.exp(own.asDouble());
                if (chosen == 1) {
                    yes += p;
                } else {
                    no += p;
                }
            }
            return yes + no > 0 ? yes / (yes + no) : Double.NaN;
        }
        return Double.NaN;
    }

    /** P(yes) for one question from one chat-completion choice: log-probs first, then the text. */
    static double fromChoice(JsonNode choice) {
        double p = yesNoLogprobs(choice.path("logprobs").path("content"));
        if (!Double.isNaN(p)) {
            return p;
        }
        return yesNoText(choice.path("message").path("content").asText(null));
    }

    /**
     * Answers from a structured reply, a JSON object mapping question ids to yes/no (strings,
     * booleans, or 0/1); the object may be wrapped in prose or a code fence. Questions that are
     * missing or unreadable are invalid.
     */
    static List<QuestionAnswer> structured(String text, Rubric rubric) {
        JsonNode obj = jsonObjectIn(text);
        List<QuestionAnswer> out = new ArrayList<>(rubric.questions().size());
        for (RubricQuestion q : rubric.questions()) {
            JsonNode v = obj == null ? null : obj.get(q.id());
            double p = Double.NaN;
            if (v != null) {
                if (v.isBoolean()) {
                    p = v.asBoolean() ? 1 : 0;
                } else if (v.isNumber() && (v.asDouble() == 0 || v.asDouble() == 1)) {
                    p = v.asDouble();
                } else if (v.isTextual()) {
                    p = yesNoToken(v.asText());
                }
            }
            out.add(answer(q, p));
        }
        return out;
    }

    /** A valid answer for a number, an invalid one for NaN. */
    static QuestionAnswer answer(RubricQuestion q, double pYes) {
        return Double.isNaN(pYes) ? QuestionAnswer.invalid(q.id(), q.weight())
                : new QuestionAnswer(q.id(), pYes, true, q.weight());
    }

    private static JsonNode jsonObjectIn(String text) {
        if (text == null) {
            return null;
        }
        int s = text.indexOf('{');
        int e = text.lastIndexOf('}');
        if (s < 0 || e <= s) {
            return null;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(text.substring(s, e + 1));
            return n.isObject() ? n : null;
        } catch (java.io.IOException ex) {
            return null;
        }
    }
}
