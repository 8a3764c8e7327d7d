package dev.rlaif.feedback;

import dev.rlaif.core.ApiDoc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Okapi BM25 retrieval over the documentation text of an API database, used to put the API
 * documentation most relevant to a task and an answer into a judge's prompt (the paper gives its
 * judge the relevant documentation; the oracle mode uses the reference record instead).
 *
 * <p>Score of document d for query q: {@code Σ_t∈q idf(t) · tf(t,d)·(k1+1) / (tf(t,d) + k1·(1 − b + b·|d|/avgdl))}
 * with {@code idf(t) = ln(1 + (N − n_t + 0.5)/(n_t + 0.5))} (the non-negative Lucene form),
 * k1 = 1.2 and b = 0.75, the usual defaults. Tokens are maximal runs of letters and digits,
 * lower-cased, so {@code facebook/bart-large} gives {@code facebook}, {@code bart}, {@code large}.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class Bm25Index {

    /** Term-frequency saturation. */
    static final double K1 = 1.2;
    /** Length normalisation. */
    static final double B = 0.75;

    /**
     * One search result.
     *
     * @param index the document's position in the list the index was built from
     * @param doc the document
     * @param score its BM25 score, &gt; 0
     */
    public record Hit(int index, ApiDoc doc, double score) {
    }

    private final List<ApiDoc> docs;
    private final Map<String, int[][]> postings;
    private final Map<String, Double> idf;
    private final double[] lengthNorm;
    private final List<Map<String, Integer>> termFreqs;
    private final double avgLength;

    private Bm25Index(List<ApiDoc> docs, Map<String, int[][]> postings, Map<String, Double> idf, double[] lengthNorm,
            List<Map<String, Integer>> termFreqs, double avgLength) {
        this.docs = docs;
        this.postings = postings;
        this.idf = idf;
        this.lengthNorm = lengthNorm;
        this.termFreqs = termFreqs;
        this.avgLength = avgLength;
    }

    /** Indexes the {@link ApiDoc#documentText()} of each record. */
    public static Bm25Index of(List<ApiDoc> records) {
        List<ApiDoc> docs = List.copyOf(records);
        int n = docs.size();
        Map<String, List<int[]>> lists = new HashMap<>();
        int[] lengths = new int[n];
        long total = 0;
        List<Map<String, Integer>> termFreqs = new ArrayList<>(n);
        for (int d = 0; d < n; d++) {
            Map<String, Integer> tf = new HashMap<>();
            termFreqs.add(tf);
            List<String> toks = tokens(docs.get(d).documentText());
            lengths[d] = toks.size();
            total += toks.size();
            for (String t : toks) {
                tf.merge(t, 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> e : tf.entrySet()) {
                lists.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new int[] {d, e.getValue()});
            }
        }
        double avg = n == 0 ? 1 : Math.max(1.0, (double) total / n);
        double[] norm = new double[n];
        for (int d = 0; d < n; d++) {
            norm[d] = K1 * (1 - B + B * lengths[d] / avg);
        }
        Map<String, int[][]> postings = new HashMap<>();
        Map<String, Double> idf = new HashMap<>();
        for (Map.Entry<String, List<int[]>> e : lists.entrySet()) {
            postings.put(e.getKey(), e.getValue().toArray(new int[0][]));
            int df = e.getValue().size();
            idf.put(e.getKey(), Math.log(1 + (n - df + 0.5) / (df + 0.5)));
        }
        return new Bm25Index(docs, postings, idf, norm, termFreqs, avg);
    }

    /** Number of indexed documents. */
    public int size() {
        return docs.size();
    }

    /** The indexed documents, in index order. */
    public List<ApiDoc> docs() {
        return docs;
    }

    /** The BM25 score of every document for the query, by index. */
    public double[] scores(String query) {
        double[] s = new double[docs.size()];
        Map<String, Integer> qtf = new HashMap<>();
        for (String t : tokens(query)) {
            qtf.merge(t, 1, Integer::sum);
        }
        for (String t : qtf.keySet()) {
            int[][] post = postings.get(t);
            if (post == null) {
                continue;
            }
            double w = idf.get(t);
            for (int[] p : post) {
                s[p[0]] += w * p[1] * (K1 + 1) / (p[1] + lengthNorm[p[0]]);
            }
        }
        return s;
    }

    /** The BM25 score of one indexed document for the query. */
    public double score(String query, int doc) {
        Map<String, Integer> tf = termFreqs.get(doc);
        return score(query, tf, lengthNorm[doc]);
    }

    /**
     * The BM25 score of a text that is not in the index, as if it were one more document (the
     * collection statistics are the index's); used for reference records missing from a database.
     */
    public double score(String query, String text) {
        Map<String, Integer> tf = new HashMap<>();
        List<String> toks = tokens(text);
        for (String t : toks) {
            tf.merge(t, 1, Integer::sum);
        }
        return score(query, tf, K1 * (1 - B + B * toks.size() / avgLength));
    }

    private double score(String query, Map<String, Integer> tf, double norm) {
        double s = 0;
        for (String t : new java.util.HashSet<>(tokens(query))) {
            Integer f = tf.get(t);
            Double w = idf.get(t);
            if (f != null && w != null) {
                s += w * f * (K1 + 1) / (f + norm);
            }
        }
        return s;
    }

    /** The {@code k} best documents with a positive score, best first; ties broken by index. */
    public List<Hit> search(String query, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        double[] s = scores(query);
        Integer[] order = new Integer[s.length];
        int m = 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i] > 0) {
                order[m++] = i;
            }
        }
        Integer[] pos = Arrays.copyOf(order, m);
        Arrays.sort(pos, (a, b) -> s[a] != s[b] ? Double.compare(s[b], s[a]) : Integer.compare(a, b));
        List<Hit> out = new ArrayList<>(Math.min(k, m));
        for (int i = 0; i < Math.min(k, m); i++) {
            out.add(new Hit(pos[i], docs.get(pos[i]), s[pos[i]]));
        }
        return out;
    }

    /** The tokenizer: maximal runs of letters and digits, lower-cased. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean word = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
        }
        return out;
    }
}
