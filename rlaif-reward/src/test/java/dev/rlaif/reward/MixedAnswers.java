package dev.rlaif.reward;

import dev.rlaif.core.GorillaAnswer;
import dev.rlaif.core.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers of mixed quality for TorchHub tasks, built from each task's reference: the reference
 * itself, the reference with another API's call (API-swapped), with a made-up model id
 * (hallucinated), and cut short (truncated). Answers use the short three-field format.
 */
final class MixedAnswers {

    /** Fields kept in every answer: domain, api_call, api_provider. */
    static final int FIELDS = 3;

    private static final Pattern MODEL = Pattern.compile("model='([^']*)'");
    static final String[] FAKE_SUFFIXES = {"_ultra", "_v7", "-mega", "_hf2023", "_prime"};

    private MixedAnswers() {
    }

    /**
     * One answer of each kind per task, in the order reference, swapped, hallucinated, truncated.
     * The swapped call is the reference call of another task with a different call.
     */
    static List<String> of(Task task, List<Task> all, Random rng) {
        GorillaAnswer ref = task.reference();
        List<String> out = new ArrayList<>(4);
        out.add(ref.render(FIELDS));
        String other;
        do {
            other = all.get(rng.nextInt(all.size())).referenceApiCall();
        } while (other.equals(ref.apiCall()));
        out.add(ref.withApiCall(other).render(FIELDS));
        out.add(ref.withApiCall(hallucinate(ref.apiCall(), rng)).render(FIELDS));
        String full = ref.render(FIELDS);
        int cut = (int) (full.length() * (0.3 + 0.6 * rng.nextDouble()));
        out.add(full.substring(0, cut));
        return out;
    }

    /** The call with its model id replaced by a plausible id that no API has. */
    static String hallucinate(String call, Random rng) {
        Matcher m = MODEL.matcher(call);
        String suffix = FAKE_SUFFIXES[rng.nextInt(FAKE_SUFFIXES.length)];
        if (m.find()) {
            return call.substring(0, m.start(1)) + m.group(1) + suffix + call.substring(m.end(1));
        }
        return call.replaceFirst("\\)$", ", model='net" + suffix + "')");
    }
}
