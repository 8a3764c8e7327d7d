package dev.rlaif.feedback;

import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.GorillaData;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Shared test data: the bundled Gorilla files, read once per JVM. */
final class Fixtures {

    static final GorillaData DATA = GorillaData.bundled();

    private Fixtures() {
    }

    static List<Task> eval(Hub hub) {
        return DATA.evalTasks(hub);
    }

    static List<ApiDoc> db(Hub hub) {
        return DATA.apiDatabase(hub).records();
    }

    static Map<Hub, List<ApiDoc>> torchhubOnly() {
        Map<Hub, List<ApiDoc>> m = new EnumMap<>(Hub.class);
        m.put(Hub.TORCHHUB, db(Hub.TORCHHUB));
        return m;
    }

    /** A two-question rubric, so per-question request counts stay small. */
    static Rubric twoQuestions() {
        return new Rubric("two", List.of(
                new RubricQuestion("api_exists", "Does the answer call an API that exists in the documentation?", 2),
                new RubricQuestion("on_task", "Does the answer stay on the user's task?", 1)),
                Rubric.DEFAULT_TEMPLATE);
    }
}
