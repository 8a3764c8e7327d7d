package dev.rlaif.feedback;

import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.GorillaAnswer;
import dev.rlaif.core.Task;
import java.util.List;

/** Builds the three kinds of answers the offline judge must rank: reference, API-swapped, hallucinated. */
final class Answers {

    private Answers() {
    }

    /** The reference answer in full Gorilla format. */
    static String reference(Task t) {
        return t.reference().render();
    }

    /**
     * The reference answer with its API call replaced by another database entry's call: the entry
     * {@code offset} places after the first one with a different call, wrapping around.
     */
    static String swapped(Task t, List<ApiDoc> db, int offset) {
        int n = db.size();
        int start = Math.floorMod(t.line() * 31 + offset, n);
        for (int k = 0; k < n; k++) {
            ApiDoc d = db.get((start + k) % n);
            if (!ApiCatalog.normalize(d.apiCall()).equals(ApiCatalog.normalize(t.api().apiCall()))
                    && !d.apiName().equals(t.api().apiName())) {
                return t.reference().withApiCall(d.apiCall()).render();
            }
        }
        throw new IllegalStateException("database has a single call");
    }

    /**
     * The reference answer with its model id (the call's longest string argument) replaced, all
     * through the answer, by an invented id that contains no real id as a substring.
     */
    static String hallucinated(Task t) {
        GorillaAnswer ref = t.reference();
        PyCall call = PyCall.first(ref.apiCall());
        String id = null;
        if (call != null) {
            for (String l : call.literals()) {
                if (id == null || l.length() > id.length()) {
                    id = l;
                }
            }
        }
        if (id == null || id.length() < 2) {
            return ref.withApiCall(ref.apiCall().replace("(", "(zzq_")).render();
        }
        int mid = id.length() / 2;
        String fake = id.substring(0, mid) + "qz" + id.substring(mid) + "-xl9";
        return ref.render().replace(id, fake);
    }
}
