package dev.rlaif.feedback;

import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.GorillaAnswer;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Task;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses and renders the API documentation a judge prompt shows: the BM25 top-k records for the
 * instruction plus the answer's own call (so the judge sees both what was asked for and what was
 * called), or the reference record in oracle mode.
 */
final class DocsSelector {

    private final Map<Hub, Bm25Index> indexes = new EnumMap<>(Hub.class);
    private final OpenAiJudgeConfig.Docs mode;
    private final int topK;
    private final int maxChars;

    DocsSelector(Map<Hub, List<ApiDoc>> databases, OpenAiJudgeConfig.Docs mode, int topK, int maxChars) {
        this.mode = mode;
        this.topK = topK;
        this.maxChars = maxChars;
        if (mode == OpenAiJudgeConfig.Docs.RETRIEVED) {
            databases.forEach((hub, docs) -> indexes.put(hub, Bm25Index.of(docs)));
        }
    }

    /** The documentation block for a task and the completion(s) the judge will read. */
    String docsFor(Task task, String... completions) {
        if (mode == OpenAiJudgeConfig.Docs.ORACLE) {
            return render(1, task.api());
        }
        Bm25Index index = indexes.get(task.hub());
        if (index == null) {
            throw new IllegalArgumentException("no API database was given for hub " + task.hub().id()
                    + " (task " + task.id() + "); retrieval needs one");
        }
        StringBuilder query = new StringBuilder(task.instruction());
        for (String c : completions) {
            query.append('\n').append(GorillaAnswer.parse(c).apiCall());
        }
        List<Bm25Index.Hit> hits = index.search(query.toString(), topK);
        if (hits.isEmpty()) {
            return "(no matching API documentation found)";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hits.size(); i++) {
            if (i > 0) {
                sb.append("\n\n");
            }
            sb.append(render(i + 1, hits.get(i).doc()));
        }
        return sb.toString();
    }

    private String render(int n, ApiDoc d) {
        String s = "[" + n + "] api_name: " + d.apiName()
                + "\napi_call: " + d.apiCall()
                + "\ndomain: " + d.domain()
                + "\nprovider: " + d.framework()
                + "\nfunctionality: " + d.functionalityText()
                + "\ndescription: " + d.description()
                + "\narguments: " + ApiDoc.text(d.apiArguments())
                + "\nexample_code: " + d.exampleCodeText();
        return s.length() > maxChars ? s.substring(0, maxChars) + " ..." : s;
    }
}
