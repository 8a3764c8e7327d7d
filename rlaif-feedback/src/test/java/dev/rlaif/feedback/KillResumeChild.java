package dev.rlaif.feedback;

import dev.rlaif.core.Hub;
import dev.rlaif.core.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link KillResumeTest}: judges the first N TorchHub eval references through the
 * OpenAI judge at a given URL, journaling to a given file. Arguments: base URL, journal, N.
 */
public final class KillResumeChild {

    private KillResumeChild() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        String url = args[0];
        Path journal = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        List<Task> tasks = new ArrayList<>(Fixtures.eval(Hub.TORCHHUB).subList(0, n));
        List<String> completions = new ArrayList<>();
        for (Task t : tasks) {
            completions.add(t.reference().render());
        }
        OpenAiJudge judge = new OpenAiJudge(config(url), Fixtures.torchhubOnly(), System::getenv, Thread::sleep);
        try (JournaledFeedback jf = JournaledFeedback.open(judge, journal, 2, System.err::println)) {
            JournaledFeedback.Result r = jf.run(tasks, completions);
            System.out.println("from_journal=" + r.fromJournal() + " judged=" + r.judged() + " failed=" + r.failed());
        }
    }

    static OpenAiJudgeConfig config(String url) {
        return OpenAiJudgeConfig.builder().baseUrl(url).model("judge-test").mode(OpenAiJudgeConfig.Mode.ALL_IN_ONE)
                .rubric(Fixtures.twoQuestions()).maxConcurrency(2).initialBackoff(Duration.ofMillis(50)).build();
    }
}
