package dev.rlaif.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Feedback;
import dev.rlaif.core.FeedbackProvider;
import dev.rlaif.core.Hub;
import dev.rlaif.core.Preference;
import dev.rlaif.core.PromptFormat;
import dev.rlaif.core.Provenance;
import dev.rlaif.core.QuestionAnswer;
import dev.rlaif.core.Task;
import dev.rlaif.core.io.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The rubric judge of the paper: an LLM behind any OpenAI-compatible chat-completions endpoint
 * answers each {@link Rubric} question about a generated answer, and the answers' P(yes) become
 * the score. See {@link OpenAiJudgeConfig} for the knobs and their defaults.
 *
 * <p>Outcomes, per judgement: a readable reply gives valid answers (P(yes) from log-probs when the
 * server returns them, else from the text); a reply that arrives but cannot be read (malformed
 * JSON, no choices, no "Yes"/"No") gives invalid answers and is kept, so it is not paid for twice;
 * a judgement whose requests fail after all retries is reported as failed and is not journaled by
 * {@link JournaledFeedback}, so a rerun asks again. Refused credentials or a 404 throw, because
 * every further request would fail the same way.
 *
 * <p>The API key is read once from the configured environment variable and goes only into the
 * {@code Authorization} header: {@link #configId()}, {@link #toString()}, the feedback's raw reply
 * and error messages never contain it. Thread-safe.
 */
public final class OpenAiJudge implements FeedbackProvider {

    private static final String SYSTEM = "You are a meticulous reviewer of machine-learning API usage."
            + " Judge only from the documentation and the answer shown. Answer exactly in the format asked.";
    private static final String ONE_WORD = "\nAnswer with a single word: Yes or No.";

    private final OpenAiJudgeConfig config;
    private final ChatClient client;
    private final DocsSelector docs;
    private final String configId;
    private final AtomicLong promptTokens = new AtomicLong();
    private final AtomicLong completionTokens = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();

    OpenAiJudge(OpenAiJudgeConfig config, Map<Hub, List<ApiDoc>> databases, UnaryOperator<String> env,
            ChatClient.Sleeper sleeper) {
        this.config = config;
        this.client = new ChatClient(config, env.apply(config.apiKeyEnv()), sleeper);
        this.docs = new DocsSelector(databases, config.docs(), config.docsTopK(), config.maxDocChars());
        this.configId = "openai:" + config.model() + ":" + Provenance.sha256(String.join("\n",
                config.baseUrl(), config.model(), Double.toString(config.temperature()),
                Integer.toString(config.effectiveMaxTokens()), config.mode().name(),
                Boolean.toString(config.logprobs()), Integer.toString(config.topLogprobs()),
                Boolean.toString(config.jsonResponseFormat()), config.docs().name(),
                Integer.toString(config.docsTopK()), Integer.toString(config.maxDocChars()),
                config.rubric().id())).substring(0, 16);
    }

    /**
     * A judge for the config. {@code databases} holds each hub's API database, used for BM25
     * retrieval of the documentation shown to the judge (not needed in oracle mode).
     */
    public static OpenAiJudge create(OpenAiJudgeConfig config, Map<Hub, List<ApiDoc>> databases) {
        return new OpenAiJudge(config, databases, System::getenv, Thread::sleep);
    }

    /** The configuration. */
    public OpenAiJudgeConfig config() {
        return config;
    }

    @Override
    public String configId() {
        return configId;
    }

    @Override
    public String toString() {
        return "OpenAiJudge[" + configId + " at " + config.baseUrl() + "]";
    }

    /** Requests, tokens and spend so far. */
    public JudgeUsage usage() {
        return new JudgeUsage(client.requests.get(), client.retries.get(), failures.get(), malformed.get(),
                promptTokens.get(), completionTokens.get(), costUsd(promptTokens.get(), completionTokens.get()));
    }

    /** The cost of a token count at the configured prices, in USD. */
    public double costUsd(long prompt, long completion) {
        return prompt / 1000.0 * config.pricePer1kPromptTokens()
                + completion / 1000.0 * config.pricePer1kCompletionTokens();
    }

    @Override
    public Feedback judge(Task task, String completion) {
        return judgeDetailed(task, completion).feedback();
    }

    /** Judges concurrently, up to the configured concurrency; results in input order. */
    @Override
    public List<Feedback> judgeAll(List<Task> tasks, List<String> completions) {
        if (tasks.size() != completions.size()) {
            throw new IllegalArgumentException(
                    "tasks (" + tasks.size() + ") and completions (" + completions.size() + ") differ in size");
        }
        ExecutorService pool = Executors.newFixedThreadPool(config.maxConcurrency());
        try {
            List<Future<Feedback>> futures = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                Task t = tasks.get(i);
                String c = completions.get(i);
                futures.add(pool.submit(() -> judge(t, c)));
            }
            List<Feedback> out = new ArrayList<>(futures.size());
            for (Future<Feedback> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while judging", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** This judge as the journal sees it: failures and cost reported, {@code maxConcurrency} in flight. */
    DetailedJudge detailed() {
        return new DetailedJudge() {
            @Override
            public Judgement judgeDetailed(Task task, String completion) {
                return OpenAiJudge.this.judgeDetailed(task, completion);
            }

            @Override
            public int parallelism() {
                return config.maxConcurrency();
            }
        };
    }

    /** Judges one completion, reporting a failure and the cost beside the feedback. */
    Judgement judgeDetailed(Task task, String completion) {
        long t0 = System.nanoTime();
        Rubric rubric = config.rubric();
        String docText = docs.docsFor(task, completion);
        List<QuestionAnswer> answers = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        long pt = 0;
        long ct = 0;
        String error = "";
        if (config.mode() == OpenAiJudgeConfig.Mode.PER_QUESTION) {
            for (RubricQuestion q : rubric.questions()) {
                String prompt = rubric.render(task.instruction(), completion, docText, q.text() + ONE_WORD);
                ChatClient.Reply r = client.send(payload(prompt, config.logprobs(), false));
                if (raw.length() > 0) {
                    raw.append('\n');
                }
                raw.append(q.id()).append(": ");
                if (r.status() == ChatClient.Status.OK) {
                    JsonNode choice = r.body().path("choices").get(0);
                    raw.append(oneLine(choice.path("message").path("content").asText("")));
                    answers.add(ReplyParser.answer(q, ReplyParser.fromChoice(choice)));
                    pt += r.body().path("usage").path("prompt_tokens").asLong(0);
                    ct += r.body().path("usage").path("completion_tokens").asLong(0);
                } else {
                    record(r);
                    raw.append(r.status() == ChatClient.Status.MALFORMED ? "malformed reply: " : "error: ")
                            .append(oneLine(r.raw()));
                    error = r.status() == ChatClient.Status.FAILED ? r.raw() : error;
                    answers.add(QuestionAnswer.invalid(q.id(), q.weight()));
                }
            }
        } else {
            StringBuilder qs = new StringBuilder();
            for (RubricQuestion q : rubric.questions()) {
                qs.append("- ").append(q.id()).append(": ").append(q.text()).append('\n');
            }
            qs.append("Reply with only a JSON object whose keys are the question ids above and whose values"
                    + " are \"yes\" or \"no\".");
            ChatClient.Reply r = client.send(payload(rubric.render(task.instruction(), completion, docText,
                    qs.toString()), false, config.jsonResponseFormat()));
            if (r.status() == ChatClient.Status.OK) {
                String content = r.body().path("choices").get(0).path("message").path("content").asText("");
                raw.append(content);
                answers.addAll(ReplyParser.structured(content, rubric));
                pt += r.body().path("usage").path("prompt_tokens").asLong(0);
                ct += r.body().path("usage").path("completion_tokens").asLong(0);
            } else {
                record(r);
                raw.append(r.status() == ChatClient.Status.MALFORMED ? "malformed reply: " : "error: ").append(r.raw());
                error = r.status() == ChatClient.Status.FAILED ? r.raw() : "";
                for (RubricQuestion q : rubric.questions()) {
                    answers.add(QuestionAnswer.invalid(q.id(), q.weight()));
                }
            }
        }
        promptTokens.addAndGet(pt);
        completionTokens.addAndGet(ct);
        boolean failed = !error.isEmpty();
        if (failed) {
            failures.incrementAndGet();
        }
        Feedback f = new Feedback(task.id(), completion, Feedback.weightedScore(answers), answers,
                client.redact(raw.toString()), config.model(), pt, ct, (System.nanoTime() - t0) / 1_000_000);
        return new Judgement(f, failed, costUsd(pt, ct), error);
    }

    private void record(ChatClient.Reply r) {
        if (r.status() == ChatClient.Status.MALFORMED) {
            malformed.incrementAndGet();
        }
    }

    /**
     * A pairwise judge on this endpoint: the judge sees both answers, in an order drawn at random
     * per comparison (from {@code seed}, the task and the answers, so reruns agree), and names the
     * better one; the order is undone before the {@link Preference} is built, so a judge that
     * favours a position does not favour an answer. An unreadable reply gives an invalid preference.
     */
    public PairwiseJudge pairwise(long seed) {
        return (task, first, second) -> comparePair(task, first, second, seed);
    }

    private Preference comparePair(Task task, String first, String second, long seed) {
        boolean swap = PairwiseReplies.swapFor(seed, task, first, second);
        String a = swap ? second : first;
        String b = swap ? first : second;
        String prompt = "Two assistants answered the same request. Using the API documentation as ground truth,"
                + " decide which answer is better on these criteria:\n" + criteria()
                + "\n### API documentation\n" + docs.docsFor(task, first, second)
                + "\n\n### User request\n" + task.instruction()
                + "\n\n### Answer A\n" + a + "\n\n### Answer B\n" + b
                + "\n\nWhich answer is better? Answer with a single letter: A or B.";
        ChatClient.Reply r = client.send(payload(prompt, config.logprobs(), false));
        String taskPrompt = PromptFormat.full().prompt(task);
        if (r.status() != ChatClient.Status.OK) {
            record(r);
            return new Preference(task.id(), taskPrompt, first, second, 0, false, client.redact(r.raw()));
        }
        JsonNode choice = r.body().path("choices").get(0);
        String content = choice.path("message").path("content").asText("");
        promptTokens.addAndGet(r.body().path("usage").path("prompt_tokens").asLong(0));
        completionTokens.addAndGet(r.body().path("usage").path("completion_tokens").asLong(0));
        double pA = PairwiseReplies.pFirst(choice);
        if (Double.isNaN(pA)) {
            return new Preference(task.id(), taskPrompt, first, second, 0, false, content);
        }
        double pFirst = swap ? 1 - pA : pA;
        boolean firstWins = pFirst >= 0.5;
        double margin = choice.path("logprobs").path("content").isArray() ? Math.abs(2 * pFirst - 1) : 0;
        return new Preference(task.id(), taskPrompt, firstWins ? first : second, firstWins ? second : first,
                margin, pFirst != 0.5, content);
    }

    private String criteria() {
        StringBuilder sb = new StringBuilder();
        for (RubricQuestion q : config.rubric().questions()) {
            sb.append("- ").append(q.text()).append('\n');
        }
        return sb.toString();
    }

    private ObjectNode payload(String prompt, boolean withLogprobs, boolean jsonObject) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("model", config.model());
        ArrayNode messages = p.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        messages.addObject().put("role", "user").put("content", prompt);
        p.put("temperature", config.temperature());
        p.put("max_tokens", config.effectiveMaxTokens());
        if (withLogprobs) {
            p.put("logprobs", true);
            p.put("top_logprobs", config.topLogprobs());
        }
        if (jsonObject) {
            p.putObject("response_format").put("type", "json_object");
        }
        return p;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').strip();
    }
}
