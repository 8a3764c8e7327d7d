package dev.rlaif.metrics.gorilla;

import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Hub;
import dev.rlaif.metrics.python.PythonSyntax;
import dev.rlaif.metrics.python.SyntaxNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gorilla's AST sub-tree matching (the {@code ast_eval_{hf,tf,th}.py} scripts), ported with its
 * quirks so that the numbers agree with the published ones:
 *
 * <ol>
 *   <li>the candidate is the text between the first and second {@code api_call}, cut at
 *       {@code api_provider}, then sliced from two past the first {@code :} to the last
 *       {@code )} with Python's slice rules; without {@code api_call} HuggingFace and TensorFlow
 *       Hub parse the whole text, TorchHub calls it wrong;</li>
 *   <li>the candidate's nodes that have children are listed in pre-order with siblings visited
 *       right to left, each with the text of its first child;</li>
 *   <li>each database call's callee and arguments are taken once, with the hub's argument rule
 *       and every leading and trailing single quote stripped;</li>
 *   <li>going through the database in file order, an entry matches when each of its arguments
 *       is a substring of the first listed node whose first-child text equals the entry's callee,
 *       or of the last listed node when none does; the first match wins;</li>
 *   <li>no match is a hallucination; otherwise the verdict compares domains only.</li>
 * </ol>
 *
 * <p>Instances are immutable and thread-safe. {@link #of} caches one evaluator per database, so
 * the database is parsed once however often it is used.
 */
public final class GorillaAstEvaluator {

    private static final Map<Key, GorillaAstEvaluator> CACHE = new ConcurrentHashMap<>();

    /** Everything the evaluator reads from a database: each record's call, domain and name. */
    private record Key(Hub hub, List<String> fields) {
    }

    /** One parsed database entry: callee text and the argument strings every match must contain. */
    private record Entry(String callee, List<String> args) {
    }

    private final Hub hub;
    private final List<ApiDoc> database;
    private final Entry[] entries;

    private GorillaAstEvaluator(Hub hub, List<ApiDoc> database) {
        this.hub = hub;
        this.database = List.copyOf(database);
        this.entries = new Entry[database.size()];
        for (int i = 0; i < entries.length; i++) {
            entries[i] = entry(hub, database.get(i).apiCall());
        }
    }

    /**
     * The evaluator of {@code database} (records in file order) under {@code hub}'s rules, parsed
     * once and cached by the list of its API calls.
     */
    public static GorillaAstEvaluator of(Hub hub, List<ApiDoc> database) {
        Objects.requireNonNull(hub, "hub");
        List<String> fields = new ArrayList<>(database.size() * 3);
        for (ApiDoc d : database) {
            fields.add(d.apiCall());
            fields.add(d.domain());
            fields.add(d.apiName());
        }
        return CACHE.computeIfAbsent(new Key(hub, fields), k -> new GorillaAstEvaluator(hub, database));
    }

    /** The hub whose argument rules this evaluator applies. */
    public Hub hub() {
        return hub;
    }

    /** The database, in file order. */
    public List<ApiDoc> database() {
        return database;
    }

    /**
     * Judges one response against its reference API record ({@code api_data} of the question).
     * A null text is judged wrong, as the scripts never count such a line as correct.
     */
    public GorillaJudgement judge(String responseText, ApiDoc reference) {
        Objects.requireNonNull(reference, "reference");
        if (responseText == null) {
            return new GorillaJudgement(GorillaVerdict.WRONG, -1, false);
        }
        String candidate = candidate(responseText);
        if (candidate == null) {
            return new GorillaJudgement(GorillaVerdict.WRONG, -1, false);
        }
        int index = match(candidate);
        if (index < 0) {
            return new GorillaJudgement(GorillaVerdict.HALLUCINATION, -1, false);
        }
        ApiDoc found = database.get(index);
        boolean strict = found.apiCall().equals(reference.apiCall()) || found.apiName().equals(reference.apiName());
        GorillaVerdict verdict = found.domain().equals(reference.domain()) ? GorillaVerdict.CORRECT
                : GorillaVerdict.WRONG;
        return new GorillaJudgement(verdict, index, strict);
    }

    /**
     * Scores a response file the way Gorilla's script does.
     *
     * @param responses the response lines
     * @param evalApiData the {@code api_data} of each line of the hub's {@code *_eval.json}, in
     *     order, so that question id {@code q} refers to element {@code q - 1}
     * @throws IllegalArgumentException when a question id has no eval record
     */
    public GorillaReport evaluate(List<GorillaResponse> responses, List<ApiDoc> evalApiData) {
        int correct = 0;
        int hallucination = 0;
        int wrong = 0;
        int strict = 0;
        for (GorillaResponse r : responses) {
            if (r.questionId() > evalApiData.size()) {
                throw new IllegalArgumentException("question_id " + r.questionId() + " has no eval record (only "
                        + evalApiData.size() + " records)");
            }
            GorillaJudgement j = judge(r.text(), evalApiData.get(r.questionId() - 1));
            switch (j.verdict()) {
                case CORRECT -> correct++;
                case HALLUCINATION -> hallucination++;
                default -> wrong++;
            }
            if (j.strict()) {
                strict++;
            }
        }
        return new GorillaReport(responses.size(), correct, hallucination, wrong, strict);
    }

    /** Step 1: the candidate call text, or null when the hub's script calls the response wrong. */
    String candidate(String text) {
        int first = text.indexOf("api_call");
        if (first < 0) {
            return hub == Hub.TORCHHUB ? null : text;
        }
        int from = first + "api_call".length();
        int second = text.indexOf("api_call", from);
        String seg = text.substring(from, second < 0 ? text.length() : second);
        int provider = seg.indexOf("api_provider");
        if (provider >= 0) {
            seg = seg.substring(0, provider);
        }
        int colon = seg.indexOf(':');
        int s = colon < 0 ? 0 : colon;
        int paren = seg.lastIndexOf(')');
        int e = paren < 0 ? -2 : paren;
        return slice(seg, s + 2, e + 1);
    }

    /** Python's {@code s[a:b]} for a step of 1. */
    private static String slice(String s, int a, int b) {
        int n = s.length();
        int from = a < 0 ? Math.max(0, n + a) : Math.min(a, n);
        int to = b < 0 ? Math.max(0, n + b) : Math.min(b, n);
        return from >= to ? "" : s.substring(from, to);
    }

    /** Steps 2 and 4: the index of the first matching database entry, or -1. */
    int match(String candidate) {
        SyntaxNode root = PythonSyntax.parse(candidate);
        List<SyntaxNode> nodes = new ArrayList<>();
        Map<String, Integer> firstByHead = new HashMap<>();
        List<SyntaxNode> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            SyntaxNode n = stack.remove(stack.size() - 1);
            if (n.childCount() > 0) {
                firstByHead.putIfAbsent(n.child(0).text(), nodes.size());
            }
            nodes.add(n);
            for (SyntaxNode c : n.children()) {
                if (c.childCount() > 0) {
                    stack.add(c);
                }
            }
        }
        Map<Integer, String> texts = new HashMap<>();
        for (int i = 0; i < entries.length; i++) {
            Entry entry = entries[i];
            if (entry == null || entry.args.isEmpty()) {
                continue;
            }
            Integer at = firstByHead.get(entry.callee);
            int index = at == null ? nodes.size() - 1 : at;
            String text = texts.computeIfAbsent(index, k -> nodes.get(k).text());
            boolean all = true;
            for (String arg : entry.args) {
                if (!text.contains(arg)) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return i;
            }
        }
        return -1;
    }

    /** Step 3: callee and arguments of one database call, or null when it has no call shape. */
    static Entry entry(Hub hub, String apiCall) {
        SyntaxNode root = PythonSyntax.parse(apiCall);
        if (root.childCount() == 0 || root.child(0).childCount() == 0) {
            return null;
        }
        SyntaxNode call = root.child(0).child(0);
        if (call.childCount() == 0) {
            return null;
        }
        String callee = call.child(0).text();
        List<String> args = new ArrayList<>();
        if (call.childCount() > 1) {
            for (SyntaxNode child : call.child(1).children()) {
                String t = child.text();
                String value = switch (hub) {
                    case HUGGINGFACE -> t.contains("=") ? third(child) : punctuation(t) ? null : t;
                    case TENSORFLOWHUB -> t.contains("model=") || t.contains("model =") ? third(child)
                            : punctuation(t) ? null : t;
                    case TORCHHUB -> t.contains("repo_or_dir") || t.contains("model") ? third(child) : null;
                };
                if (value != null) {
                    args.add(stripSingleQuotes(value));
                }
            }
        }
        return new Entry(callee, List.copyOf(args));
    }

    /** The value of a keyword argument; a child without a third child keeps its whole text. */
    private static String third(SyntaxNode child) {
        return child.childCount() > 2 ? child.child(2).text() : child.text();
    }

    private static boolean punctuation(String t) {
        return t.equals("(") || t.equals(")") || t.equals(",");
    }

    private static String stripSingleQuotes(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == '\'') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == '\'') {
            b--;
        }
        return s.substring(a, b);
    }
}
