package dev.rlaif.feedback;

import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Feedback;
import dev.rlaif.core.FeedbackProvider;
import dev.rlaif.core.GorillaAnswer;
import dev.rlaif.core.Hub;
import dev.rlaif.core.QuestionAnswer;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.GorillaData;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A grounded, rule-based stand-in for the LLM judge: it answers the default rubric's eight
 * questions deterministically from the API database (exact and AST-style matching, the argument
 * values and keyword names the documentation shows, BM25 relevance to the instruction), a syntax
 * check, and, where enabled, the sandbox's executability verdict. It needs no network and judges
 * thousands of answers a second, so tests, the default example and CPU-only experiments use it.
 *
 * <p>It is not an LLM: it cannot read intent beyond the database, and its P(yes) values are
 * graded rule scores, not probabilities. The grades give partial credit (a known API family with
 * an invented model id, valid syntax, the right domain) so a reward model has a slope to learn.
 * What each question checks is documented in the module README. Questions of a custom rubric
 * whose ids it does not know are answered invalid, never "no".
 *
 * <p>Thread-safe; construction indexes the databases once.
 */
public final class OfflineJudge implements FeedbackProvider {

    /** The model name recorded in every {@link Feedback}. */
    public static final String MODEL = "offline-apidb";

    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern IDENT_SPLIT = Pattern.compile("[^A-Za-z0-9_]+");
    private static final Set<String> BOILERPLATE = Set.of("https", "http", "www", "tfhub", "dev", "com", "kaggle",
            "tensorflow", "tf2", "hub", "huggingface", "co");

    private final Map<Hub, ApiCatalog> catalogs = new EnumMap<>(Hub.class);
    private final Rubric rubric;
    private final CallMatcher matcher;
    private final SyntaxCheck syntax;
    private final ExecutabilityCheck executability;
    private final String configId;

    OfflineJudge(Map<Hub, List<ApiDoc>> databases, Rubric rubric, CallMatcher matcher, SyntaxCheck syntax,
            ExecutabilityCheck executability) {
        databases.forEach((hub, docs) -> catalogs.put(hub, new ApiCatalog(docs)));
        this.rubric = Objects.requireNonNull(rubric, "rubric");
        this.matcher = matcher;
        this.syntax = syntax;
        this.executability = executability;
        this.configId = "offline:v3:" + rubric.id() + ":" + matcher.name() + ":" + syntax.name() + ":"
                + (executability == null ? "noexec" : executability.name());
    }

    /** A judge over these API databases with the default rubric and no executability check. */
    public static OfflineJudge create(Map<Hub, List<ApiDoc>> databases) {
        return builder(databases).build();
    }

    /** A judge over the three API databases shipped in rlaif-core, with the default rubric. */
    public static OfflineJudge bundled() {
        return create(databases(GorillaData.bundled()));
    }

    /** Each hub's API database records, the form every judge in this module takes. */
    public static Map<Hub, List<ApiDoc>> databases(GorillaData data) {
        Map<Hub, List<ApiDoc>> m = new EnumMap<>(Hub.class);
        for (Hub h : Hub.values()) {
            m.put(h, data.apiDatabase(h).records());
        }
        return m;
    }

    /** A builder over these API databases (one per hub that will be judged). */
    public static Builder builder(Map<Hub, List<ApiDoc>> databases) {
        return new Builder(databases);
    }

    /** Builder of {@link OfflineJudge}. */
    public static final class Builder {
        private final Map<Hub, List<ApiDoc>> databases;
        private Rubric rubric = Rubric.apiCall();
        private boolean executability;

        private Builder(Map<Hub, List<ApiDoc>> databases) {
            this.databases = new EnumMap<>(Objects.requireNonNull(databases, "databases"));
            if (this.databases.isEmpty()) {
                throw new IllegalArgumentException("the offline judge needs at least one API database");
            }
        }

        /** The rubric; default {@link Rubric#apiCall()}, whose question ids the judge knows. */
        public Builder rubric(Rubric r) {
            rubric = Objects.requireNonNull(r, "rubric");
            return this;
        }

        /**
         * Whether {@code documented_usage} also runs the answer's code in the sandbox (rlaif-sandbox,
         * offline API tables) and discounts code that does not run; default false, because a sandbox
         * run costs tens of milliseconds where the rules cost microseconds.
         */
        public Builder executability(boolean enabled) {
            executability = enabled;
            return this;
        }

        /** Builds the judge (indexes the databases; opens the shared sandbox when executability is on). */
        public OfflineJudge build() {
            return new OfflineJudge(databases, rubric, new AstCallMatcher(databases), new ParserSyntaxCheck(),
                    executability ? new SandboxExecutabilityCheck() : null);
        }
    }

    @Override
    public String configId() {
        return configId;
    }

    @Override
    public String toString() {
        return "OfflineJudge[" + configId + "]";
    }

    /** The rubric this judge answers. */
    public Rubric rubric() {
        return rubric;
    }

    /** This judge as the journal sees it: never fails, costs nothing, one judgement per core. */
    DetailedJudge detailed() {
        return new DetailedJudge() {
            @Override
            public Judgement judgeDetailed(Task task, String completion) {
                return Judgement.free(judge(task, completion));
            }

            @Override
            public int parallelism() {
                return Math.max(1, Runtime.getRuntime().availableProcessors());
            }
        };
    }

    @Override
    public Feedback judge(Task task, String completion) {
        long t0 = System.nanoTime();
        Evidence e = evidence(task, completion);
        List<QuestionAnswer> answers = new ArrayList<>(rubric.questions().size());
        StringBuilder raw = new StringBuilder();
        for (RubricQuestion q : rubric.questions()) {
            double p = answer(q.id(), e);
            answers.add(ReplyParser.answer(q, p));
            if (raw.length() > 0) {
                raw.append(' ');
            }
            raw.append(q.id()).append('=');
            if (Double.isNaN(p)) {
                raw.append("invalid");
            } else {
                raw.append(Math.round(p * 100) / 100.0);
            }
        }
        raw.append(" | match=").append(e.doc == null ? "none" : e.doc.apiName()).append(e.strict ? " (reference)" : "");
        if (e.verdict != null) {
            raw.append(" exec=").append(e.verdict);
        }
        return new Feedback(task.id(), completion, Feedback.weightedScore(answers), answers, raw.toString(),
                MODEL, 0, 0, (System.nanoTime() - t0) / 1_000_000);
    }

    /** What the rules look at, computed once per judgement. */
    private static final class Evidence {
        Task task;
        ApiCatalog cat;
        GorillaAnswer answer;
        String callText;
        PyCall call;
        ApiDoc doc;
        int docIndex = -1;
        boolean strict;
        boolean domainOk;
        boolean claimedDomainOk;
        String family;
        double knownFraction;
        String verdict;
    }

    private Evidence evidence(Task task, String completion) {
        ApiCatalog cat = catalogs.get(task.hub());
        if (cat == null) {
            throw new IllegalArgumentException("the offline judge has no API database for hub " + task.hub().id()
                    + " (task " + task.id() + ")");
        }
        Evidence e = new Evidence();
        e.task = task;
        e.cat = cat;
        e.answer = GorillaAnswer.parse(completion);
        e.callText = !e.answer.apiCall().isEmpty() ? e.answer.apiCall()
                : GorillaAnswer.hasMarkers(completion) ? "" : completion;
        e.call = e.callText.isEmpty() ? null : PyCall.first(e.callText);
        List<Integer> exact = e.callText.isEmpty() ? List.of() : cat.exactMatches(e.callText);
        if (!exact.isEmpty()) {
            e.docIndex = pick(exact, cat, task);
        } else {
            e.docIndex = matcher.match(task, completion);
            if (e.docIndex >= 0 && inflatedId(e.call, cat)) {
                e.docIndex = -1;
            }
        }
        if (e.docIndex >= 0) {
            e.doc = cat.docs.get(e.docIndex);
            e.strict = e.doc.apiCall().equals(task.api().apiCall()) || e.doc.apiName().equals(task.api().apiName());
            e.domainOk = e.doc.domain().equals(task.domain());
            for (int i : cat.exactMatches(e.doc.apiCall())) {
                e.domainOk |= cat.docs.get(i).domain().equals(task.domain());
            }
        }
        e.claimedDomainOk = !e.answer.domain().isEmpty() && squash(e.answer.domain()).equals(squash(task.domain()));
        if (e.call != null) {
            e.family = cat.family(e.call.callee());
            if (e.family != null) {
                Set<String> known = cat.knownLiterals(e.family);
                List<String> lits = e.call.literals();
                int hits = 0;
                for (String l : lits) {
                    hits += known.contains(l) ? 1 : 0;
                }
                e.knownFraction = lits.isEmpty() ? (known.isEmpty() ? 1 : 0) : (double) hits / lits.size();
            }
        }
        if (executability != null) {
            e.verdict = executability.verdict(task, completion);
        }
        return e;
    }

    /**
     * Whether one of the call's string arguments is an id the database never shows for the callee
     * but that contains one it does ({@code vgg169} around {@code vgg16}, {@code resnet50_prime}
     * around {@code resnet50}). Gorilla's sub-tree matcher accepts such an argument, a quirk its
     * metric keeps; a judge asked whether the API exists must not, since no one can load
     * {@code vgg169}.
     */
    private static boolean inflatedId(PyCall call, ApiCatalog cat) {
        if (call == null) {
            return false;
        }
        String family = cat.family(call.callee());
        if (family == null) {
            return false;
        }
        Set<String> known = cat.knownLiterals(family);
        for (String l : call.literals()) {
            if (known.contains(l)) {
                continue;
            }
            for (String k : known) {
                if (k.length() >= 3 && l.contains(k)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Among records with the same call, the task's own record, else one of its domain, else the first. */
    private static int pick(List<Integer> candidates, ApiCatalog cat, Task task) {
        int own = cat.indexOf(task.api());
        if (candidates.contains(own)) {
            return own;
        }
        for (int i : candidates) {
            if (cat.docs.get(i).domain().equals(task.domain())) {
                return i;
            }
        }
        return candidates.get(0);
    }

    /** P(yes) for a question id, NaN when the question is unknown or does not apply. */
    private double answer(String id, Evidence e) {
        switch (id) {
            case "api_exists": return apiExists(e);
            case "fits_domain": return fitsDomain(e);
            case "valid_arguments": return validArguments(e);
            case "syntax_valid": return syntaxValid(e);
            case "documented_usage": return documentedUsage(e);
            case "explanation_matches": return explanationMatches(e);
            case "on_task": return onTask(e);
            case "no_invented_params": return noInventedParams(e);
            default: return Double.NaN;
        }
    }

    /** 1 when the call matches a database entry; a known callee with unknown arguments gets 0.2–0.5. */
    private static double apiExists(Evidence e) {
        if (e.doc != null) {
            return 1;
        }
        return e.family != null ? 0.2 + 0.3 * e.knownFraction : 0;
    }

    /** The matched entry's domain (or that of an identical call) is the task's; else half credit for claiming it. */
    private static double fitsDomain(Evidence e) {
        if (e.doc != null) {
            return e.domainOk ? 1 : 0;
        }
        return e.claimedDomainOk ? 0.5 : 0;
    }

    /** The share of the call's string arguments that the documentation shows for its callee. */
    private static double validArguments(Evidence e) {
        if (e.doc != null) {
            return 0.5 + 0.5 * e.knownFraction;
        }
        return e.family != null ? 0.6 * e.knownFraction : 0;
    }

    /** The call line is a closed call and parses; the code block, when present, parses. */
    private double syntaxValid(Evidence e) {
        double sum = 0;
        int parts = 0;
        if (!e.callText.isEmpty()) {
            parts++;
            sum += e.call != null && e.call.closed() && syntax.valid(e.callText) ? 1 : 0;
        }
        if (!e.answer.code().isEmpty()) {
            parts++;
            sum += syntax.valid(e.answer.code()) ? 1 : 0;
        }
        return parts == 0 ? 0 : sum / parts;
    }

    /**
     * Checks against the documentation of the callee: only documented keywords, no more positional
     * arguments than documented, and (with code) the code imports the callee's module and calls it.
     * Halved for an unknown model id; scaled down by a failed sandbox run when enabled.
     */
    private double documentedUsage(Evidence e) {
        if (e.call == null || e.family == null) {
            return 0;
        }
        double sum = 0;
        int parts = 2;
        Set<String> kw = e.cat.knownKeywords(e.family);
        sum += kw.containsAll(e.call.keywords()) ? 1 : 0;
        sum += e.call.args().size() - e.call.keywords().size() <= e.cat.maxPositional(e.family) ? 1 : 0;
        String code = e.answer.code();
        if (!code.isEmpty()) {
            parts += 2;
            boolean calls = false;
            for (PyCall c : PyCall.every(code)) {
                calls |= c.calls(e.family) || c.callee().endsWith(lastSegment(e.family));
            }
            sum += calls ? 1 : 0;
            String root = e.family.contains(".") ? e.family.substring(0, e.family.indexOf('.')) : e.family;
            sum += imports(code, root) ? 1 : 0;
        }
        double p = sum / parts * (e.doc != null ? 1 : 0.5);
        if (e.verdict != null && !e.verdict.equals("ok")) {
            p *= 0.25;
        }
        return p;
    }

    /** Whether an {@code import} or {@code from} line of the code names {@code root} as a whole word. */
    private static boolean imports(String code, String root) {
        for (String line : code.split("\n")) {
            String l = line.strip();
            if (l.startsWith("import ") || l.startsWith("from ")) {
                for (String w : IDENT_SPLIT.split(l)) {
                    if (w.equals(root)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The explanation names the model the call uses, and the code uses the same model; NaN when the
     * answer has neither explanation nor code (a short answer: nothing to compare).
     */
    private static double explanationMatches(Evidence e) {
        String expl = e.answer.explanation();
        String code = e.answer.code();
        if (expl.isEmpty() && code.isEmpty()) {
            return Double.NaN;
        }
        String key = keyTerm(e);
        if (key == null) {
            return 0;
        }
        double sum = 0;
        int parts = 0;
        if (!expl.isEmpty()) {
            parts++;
            sum += coverage(expl, key);
        }
        if (!code.isEmpty()) {
            parts++;
            sum += code.contains(key) ? 1 : coverage(code, key);
        }
        return sum / parts;
    }

    /**
     * 1 when the call is the task's reference API; 0 for a real API of another domain (a
     * segmentation model does not do a classification task, however similar its documentation
     * reads); for another real API of the task's domain, its BM25 relevance to the instruction
     * relative to the reference's, capped at 0.9; for an unknown API, a little credit for a known
     * family and for the right domain.
     */
    private static double onTask(Evidence e) {
        if (e.strict) {
            return 1;
        }
        if (e.doc != null && !e.domainOk) {
            return 0;
        }
        if (e.doc != null) {
            String q = e.task.instruction();
            int ref = e.cat.indexOf(e.task.api());
            double refScore = ref >= 0 ? e.cat.bm25.score(q, ref) : e.cat.bm25.score(q, e.task.api().documentText());
            double own = e.cat.bm25.score(q, e.docIndex);
            return refScore <= 0 ? 0 : Math.min(0.9, own / refScore);
        }
        return (e.family != null ? 0.2 : 0) + (e.claimedDomainOk ? 0.3 : 0);
    }

    /** 1 when every keyword is documented for the callee; −0.5 per invented one; NaN without a call. */
    private static double noInventedParams(Evidence e) {
        if (e.call == null) {
            return Double.NaN;
        }
        if (e.family == null) {
            return e.call.keywords().isEmpty() ? 0.5 : 0;
        }
        Set<String> kw = e.cat.knownKeywords(e.family);
        int invented = 0;
        for (String k : e.call.keywords()) {
            invented += kw.contains(k) ? 0 : 1;
        }
        return Math.max(0, 1 - 0.5 * invented);
    }

    /** The model id (the longest string argument) or, without one, the callee's last name. */
    private static String keyTerm(Evidence e) {
        if (e.call == null) {
            return null;
        }
        String best = null;
        for (String l : e.call.literals()) {
            if (best == null || l.length() > best.length()) {
                best = l;
            }
        }
        return best != null && !best.isBlank() ? best : lastSegment(e.call.callee());
    }

    /**
     * How far the text names the term: 1 when it contains the whole term (case and punctuation
     * ignored), else the share of the term's word pieces ({@code mobilenet}, {@code v2}, ...) that
     * occur among the text's words, URL and hub boilerplate left out.
     */
    private static double coverage(String text, String term) {
        String full = squash(term);
        if (full.length() >= 3 && squash(text).contains(full)) {
            return 1;
        }
        Set<String> words = new java.util.HashSet<>(Bm25Index.tokens(text));
        int n = 0;
        int hit = 0;
        for (String piece : Bm25Index.tokens(term)) {
            if (BOILERPLATE.contains(piece)) {
                continue;
            }
            n++;
            hit += words.contains(piece) ? 1 : 0;
        }
        return n == 0 ? 0 : (double) hit / n;
    }

    private static String squash(String s) {
        return NON_ALNUM.matcher(s.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    private static String lastSegment(String callee) {
        return callee.substring(callee.lastIndexOf('.') + 1);
    }
}
