package dev.rlaif.reward;

import dev.rlaif.core.GorillaAnswer;
import dev.rlaif.core.Task;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A transparent rubric scorer for tests, in the spirit of the offline judge: four yes/no questions
 * with weights, answered from the API database and the task's reference.
 * <ul>
 *   <li>complete (weight 1): all three markers are present and the call closes its parenthesis;
 *   <li>api exists (weight 1): the call is one of the database's calls;
 *   <li>fits the task (weight 2): the call is the task's reference call;
 *   <li>domain (weight 1): the domain is the task's.
 * </ul>
 */
final class RuleJudge {

    private final Set<String> calls = new HashSet<>();

    RuleJudge(List<Task> tasks) {
        for (Task t : tasks) {
            calls.add(norm(t.referenceApiCall()));
        }
    }

    double score(Task task, String completion) {
        GorillaAnswer a = GorillaAnswer.parse(completion);
        String call = norm(a.apiCall());
        boolean complete = completion.contains("<<<api_provider>>>") && a.apiCall().endsWith(")");
        boolean exists = calls.contains(call);
        boolean fits = call.equals(norm(task.referenceApiCall()));
        boolean domain = a.domain().equals(task.reference().domain());
        return ((complete ? 1 : 0) + (exists ? 1 : 0) + (fits ? 2 : 0) + (domain ? 1 : 0)) / 5.0;
    }

    private static String norm(String s) {
        return s.replaceAll("\\s+", "");
    }
}
