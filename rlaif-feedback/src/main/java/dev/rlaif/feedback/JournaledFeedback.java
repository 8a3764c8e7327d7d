package dev.rlaif.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.Feedback;
import dev.rlaif.core.FeedbackProvider;
import dev.rlaif.core.Progress;
import dev.rlaif.core.Task;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.core.io.JsonlJournal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A judge with a journal: every judgement is appended to a JSONL file ({@link JournalEntry}) as
 * soon as it returns, and a judgement the journal already holds is never asked for again. A crash
 * or a kill loses at most the judgements in flight; a line cut short by a kill is dropped with a
 * warning when the journal is reopened.
 *
 * <p>Entries are keyed by {@link JournalEntry#key}: the judge's config id, the task id and the
 * completion. Judgements that failed (a network judge that gave up after its retries) are returned
 * but not journaled, so the next run asks again; replies that arrived but could not be read are
 * journaled as invalid answers, because they were paid for.
 *
 * <pre>{@code
 * try (JournaledFeedback jf = JournaledFeedback.open(judge, Path.of("feedback.jsonl"))) {
 *     JournaledFeedback.Result r = jf.run(tasks, completions);   // concurrent, progress on stderr
 *     List<Feedback> feedback = r.feedback();                    // input order; journal + fresh
 * }
 * }</pre>
 *
 * <p>It is itself a {@link FeedbackProvider} with the wrapped judge's config id, so it can stand
 * wherever a judge is expected. Closing it closes the journal, not the wrapped judge.
 */
public final class JournaledFeedback implements FeedbackProvider {

    /**
     * The outcome of a {@link #run}.
     *
     * @param feedback one feedback per input pair, in input order
     * @param fromJournal how many came from the journal
     * @param judged how many were judged now (failures included)
     * @param failed how many judged now failed (not journaled)
     * @param costUsd the spend of the judgements made now
     */
    public record Result(List<Feedback> feedback, int fromJournal, int judged, int failed, double costUsd) {
        /** Copies the list. */
        public Result {
            feedback = List.copyOf(feedback);
        }
    }

    private final FeedbackProvider judge;
    private final DetailedJudge detailed;
    private final JsonlJournal journal;
    private final Map<String, Feedback> known = new ConcurrentHashMap<>();
    private final int parallelism;
    private final String label;

    private JournaledFeedback(FeedbackProvider judge, JsonlJournal journal, int parallelism, String label) {
        this.judge = judge;
        this.detailed = detailed(judge);
        this.journal = journal;
        this.parallelism = parallelism;
        this.label = label;
        long line = 0;
        for (JsonNode n : journal.existing()) {
            line++;
            try {
                JournalEntry e = JournalEntry.fromJson(n);
                known.put(e.key(), e.feedback());
            } catch (IllegalArgumentException ex) {
                journal.close();
                throw new InvalidInputException(journal.file().toString(), line, "bad journal entry: " + ex.getMessage(), ex);
            }
        }
    }

    /**
     * Opens (or creates) the journal for a judge, with warnings on stderr. Parallelism is the
     * judge's own (its concurrency limit for {@link OpenAiJudge}, the cores for {@link OfflineJudge}),
     * else 1.
     */
    public static JournaledFeedback open(FeedbackProvider judge, Path journal) {
        return open(judge, journal, detailed(judge).parallelism(), System.err::println);
    }

    /** The journal's view of a judge: the module's judges report failures and cost; others never fail. */
    static DetailedJudge detailed(FeedbackProvider judge) {
        if (judge instanceof OpenAiJudge o) {
            return o.detailed();
        }
        if (judge instanceof OfflineJudge o) {
            return o.detailed();
        }
        if (judge instanceof DetailedJudge d) {
            return d;
        }
        return new DetailedJudge() {
            @Override
            public Judgement judgeDetailed(Task task, String completion) {
                return Judgement.free(judge.judge(task, completion));
            }

            @Override
            public int parallelism() {
                return 1;
            }
        };
    }

    /**
     * Opens (or creates) the journal with an explicit parallelism (judgements in flight at once)
     * and a sink for warnings (a dropped truncated line).
     */
    public static JournaledFeedback open(FeedbackProvider judge, Path journal, int parallelism, Consumer<String> warn) {
        Objects.requireNonNull(judge, "judge");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        return new JournaledFeedback(judge, JsonlJournal.open(journal, warn), parallelism, "judging");
    }

    /** How many judgements the journal holds for any judge (as read at open, plus those added since). */
    public int size() {
        return known.size();
    }

    /** Whether the journal holds this judgement. */
    public boolean contains(Task task, String completion) {
        return known.containsKey(JournalEntry.key(judge.configId(), task, completion));
    }

    @Override
    public String configId() {
        return judge.configId();
    }

    @Override
    public Feedback judge(Task task, String completion) {
        return run(List.of(task), List.of(completion)).feedback().get(0);
    }

    @Override
    public List<Feedback> judgeAll(List<Task> tasks, List<String> completions) {
        return run(tasks, completions).feedback();
    }

    /**
     * Judges every pair the journal lacks, {@code parallelism} at a time, appending each as it
     * returns, and returns all feedback in input order. A pair repeated in the input is judged once.
     * Progress (done/total, rate, ETA, failures, spend) goes to stderr.
     *
     * @throws RuntimeException the first exception a judgement threw (e.g. refused credentials);
     *     judgements finished before it stay journaled
     */
    public Result run(List<Task> tasks, List<String> completions) {
        if (tasks.size() != completions.size()) {
            throw new IllegalArgumentException(
                    "tasks (" + tasks.size() + ") and completions (" + completions.size() + ") differ in size");
        }
        String id = judge.configId();
        String[] keys = new String[tasks.size()];
        Map<String, Integer> todo = new LinkedHashMap<>();
        int fromJournal = 0;
        for (int i = 0; i < tasks.size(); i++) {
            keys[i] = JournalEntry.key(id, tasks.get(i), completions.get(i));
            if (known.containsKey(keys[i])) {
                fromJournal++;
            } else {
                todo.putIfAbsent(keys[i], i);
            }
        }
        Map<String, Feedback> fresh = new HashMap<>();
        AtomicInteger failed = new AtomicInteger();
        double[] cost = {0};
        if (!todo.isEmpty()) {
            judgeMissing(tasks, completions, todo, fresh, failed, cost, fromJournal, tasks.size());
        }
        List<Feedback> out = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            Feedback f = known.get(keys[i]);
            out.add(f != null ? f : fresh.get(keys[i]));
        }
        return new Result(out, fromJournal, todo.size(), failed.get(), cost[0]);
    }

    /** A finished judgement with the key and task it belongs to. */
    private record Done(String key, Task task, Judgement judgement) {
    }

    private void judgeMissing(List<Task> tasks, List<String> completions, Map<String, Integer> todo,
            Map<String, Feedback> fresh, AtomicInteger failed, double[] cost, int alreadyDone, int total) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, todo.size()));
        ExecutorCompletionService<Done> ecs = new ExecutorCompletionService<>(pool);
        String configId = judge.configId();
        try (Progress progress = Progress.start(label, total)) {
            progress.set(alreadyDone);
            for (Map.Entry<String, Integer> e : todo.entrySet()) {
                Task t = tasks.get(e.getValue());
                String c = completions.get(e.getValue());
                ecs.submit(() -> new Done(e.getKey(), t, detailed.judgeDetailed(t, c)));
            }
            for (int n = 0; n < todo.size(); n++) {
                Done d = ecs.take().get();
                Feedback f = d.judgement().feedback();
                cost[0] += d.judgement().costUsd();
                if (d.judgement().failed()) {
                    failed.incrementAndGet();
                    fresh.put(d.key(), f);
                } else {
                    journal.append(JournalEntry.of(configId, d.task(), f, d.judgement().costUsd()).toJson());
                    known.put(d.key(), f);
                }
                progress.status(String.format(Locale.ROOT, "fail=%d spend=$%.4f", failed.get(), cost[0]));
                progress.step(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while judging", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads every entry of a journal file (a truncated last line is dropped with a warning on stderr). */
    public static List<JournalEntry> read(Path journal) {
        if (!java.nio.file.Files.isRegularFile(journal)) {
            throw new IllegalArgumentException("no journal at " + journal);
        }
        try (JsonlJournal j = JsonlJournal.open(journal, System.err::println)) {
            List<JournalEntry> out = new ArrayList<>();
            long line = 0;
            for (JsonNode n : j.existing()) {
                line++;
                try {
                    out.add(JournalEntry.fromJson(n));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(journal.toString(), line, "bad journal entry: " + e.getMessage(), e);
                }
            }
            return out;
        }
    }

    /** Closes the journal (the wrapped judge stays open: its owner closes it). */
    @Override
    public void close() {
        journal.close();
    }
}
