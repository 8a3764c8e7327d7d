package dev.rlaif.feedback;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of {@link OpenAiJudge}, the rubric judge that talks to any OpenAI-compatible
 * {@code POST /v1/chat/completions} endpoint (OpenAI, vLLM, Ollama, llama.cpp's server, LM Studio).
 *
 * <p>The record holds the <em>name</em> of the environment variable with the API key, never the
 * key, so a config can be printed, hashed into a journal key and written to provenance safely.
 * Build one with {@link #builder()}; every default is listed there with its reason.
 *
 * @param baseUrl the server root, without {@code /v1/chat/completions}; no credentials or query (the
 *     key travels only in the {@code Authorization} header)
 * @param model the judge model's name
 * @param temperature sampling temperature
 * @param maxTokens completion-token cap per request; 0 means automatic (see {@link Builder#maxTokens})
 * @param apiKeyEnv name of the environment variable holding the API key
 * @param mode one request per question, or all questions in one request
 * @param logprobs whether to ask for {@code logprobs}/{@code top_logprobs} (per-question mode)
 * @param topLogprobs how many alternatives per token to ask for
 * @param jsonResponseFormat whether to send {@code response_format: json_object} in all-in-one mode
 * @param docs how the API documentation in the prompt is chosen
 * @param docsTopK how many retrieved records go into the prompt
 * @param maxDocChars cap on the characters of each record in the prompt
 * @param maxTries attempts per request, first one included
 * @param initialBackoff back-off before the second attempt; doubles each time, jittered
 * @param maxBackoff cap on one back-off wait, and on an honoured {@code Retry-After}
 * @param requestTimeout time allowed for one HTTP exchange
 * @param maxConcurrency requests in flight at once
 * @param requestsPerMinute request starts per minute; 0 means no limit
 * @param pricePer1kPromptTokens USD per 1,000 prompt tokens, for the spend shown and journaled
 * @param pricePer1kCompletionTokens USD per 1,000 completion tokens
 * @param rubric the questions and the prompt template
 * @param seed seed of the back-off jitter
 */
public record OpenAiJudgeConfig(
        String baseUrl,
        String model,
        double temperature,
        int maxTokens,
        String apiKeyEnv,
        Mode mode,
        boolean logprobs,
        int topLogprobs,
        boolean jsonResponseFormat,
        Docs docs,
        int docsTopK,
        int maxDocChars,
        int maxTries,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration requestTimeout,
        int maxConcurrency,
        int requestsPerMinute,
        double pricePer1kPromptTokens,
        double pricePer1kCompletionTokens,
        Rubric rubric,
        long seed) {

    /** How the rubric's questions are put to the judge. */
    public enum Mode {
        /**
         * One request per question, answered with one word; with log-probs this gives a graded
         * P(yes) per question, as in the paper. Costs one request per question.
         */
        PER_QUESTION,
        /**
         * All questions in one request, answered as a JSON object of yes/no per question id. One
         * request per judgement, but P(yes) is 0 or 1 (text, no log-probs).
         */
        ALL_IN_ONE
    }

    /** How the API documentation shown to the judge is chosen. */
    public enum Docs {
        /** BM25 retrieval over the hub's API database, with the instruction and the answer's call as query. */
        RETRIEVED,
        /** The reference API's own record (the paper's oracle setting). */
        ORACLE
    }

    /** Validates the fields. */
    public OpenAiJudgeConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(apiKeyEnv, "apiKeyEnv");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(docs, "docs");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(rubric, "rubric");
        URI u;
        try {
            u = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("judge base URL is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("judge base URL must be http(s)://host[:port][/path], got scheme "
                    + u.getScheme());
        }
        if (u.getRawUserInfo() != null || u.getRawQuery() != null) {
            throw new IllegalArgumentException("judge base URL must not carry credentials or a query;"
                    + " put the key in the environment variable named by apiKeyEnv");
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("judge model name is blank");
        }
        check(temperature >= 0 && temperature <= 2, "temperature must be in [0,2]", temperature);
        check(maxTokens >= 0, "maxTokens must be >= 0", maxTokens);
        check(topLogprobs >= 1 && topLogprobs <= 20, "topLogprobs must be in [1,20]", topLogprobs);
        check(docsTopK >= 1, "docsTopK must be >= 1", docsTopK);
        check(maxDocChars >= 100, "maxDocChars must be >= 100", maxDocChars);
        check(maxTries >= 1, "maxTries must be >= 1", maxTries);
        check(!initialBackoff.isNegative(), "initialBackoff must be >= 0", initialBackoff.toMillis());
        check(!maxBackoff.isNegative(), "maxBackoff must be >= 0", maxBackoff.toMillis());
        check(requestTimeout.toMillis() > 0, "requestTimeout must be > 0", requestTimeout.toMillis());
        check(maxConcurrency >= 1, "maxConcurrency must be >= 1", maxConcurrency);
        check(requestsPerMinute >= 0, "requestsPerMinute must be >= 0", requestsPerMinute);
        check(pricePer1kPromptTokens >= 0 && pricePer1kCompletionTokens >= 0, "prices must be >= 0",
                Math.min(pricePer1kPromptTokens, pricePer1kCompletionTokens));
        if (apiKeyEnv.isBlank()) {
            throw new IllegalArgumentException("apiKeyEnv is blank");
        }
    }

    private static void check(boolean ok, String what, double value) {
        if (!ok) {
            throw new IllegalArgumentException(what + ", got " + value);
        }
    }

    /** The chat-completions URL. */
    URI endpoint() {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return URI.create(b.endsWith("/v1") ? b + "/chat/completions" : b + "/v1/chat/completions");
    }

    /** The completion-token cap actually sent for a request in the configured mode. */
    int effectiveMaxTokens() {
        if (maxTokens > 0) {
            return maxTokens;
        }
        return mode == Mode.PER_QUESTION ? 8 : 16 + 24 * rubric.questions().size();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this config. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.baseUrl = baseUrl;
        b.model = model;
        b.temperature = temperature;
        b.maxTokens = maxTokens;
        b.apiKeyEnv = apiKeyEnv;
        b.mode = mode;
        b.logprobs = logprobs;
        b.topLogprobs = topLogprobs;
        b.jsonResponseFormat = jsonResponseFormat;
        b.docs = docs;
        b.docsTopK = docsTopK;
        b.maxDocChars = maxDocChars;
        b.maxTries = maxTries;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.requestTimeout = requestTimeout;
        b.maxConcurrency = maxConcurrency;
        b.requestsPerMinute = requestsPerMinute;
        b.pricePer1kPromptTokens = pricePer1kPromptTokens;
        b.pricePer1kCompletionTokens = pricePer1kCompletionTokens;
        b.rubric = rubric;
        b.seed = seed;
        return b;
    }

    /** Builder of {@link OpenAiJudgeConfig}; each setter documents its default. */
    public static final class Builder {
        private String baseUrl = "https://api.openai.com";
        private String model = "gpt-3.5-turbo";
        private double temperature = 0.0;
        private int maxTokens = 0;
        private String apiKeyEnv = "OPENAI_API_KEY";
        private Mode mode = Mode.PER_QUESTION;
        private boolean logprobs = true;
        private int topLogprobs = 5;
        private boolean jsonResponseFormat = false;
        private Docs docs = Docs.RETRIEVED;
        private int docsTopK = 3;
        private int maxDocChars = 1200;
        private int maxTries = 5;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(60);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private int maxConcurrency = 4;
        private int requestsPerMinute = 0;
        private double pricePer1kPromptTokens = 0;
        private double pricePer1kCompletionTokens = 0;
        private Rubric rubric = Rubric.apiCall();
        private long seed = 0;

        private Builder() {
        }

        /** Server root; default {@code https://api.openai.com}. For vLLM e.g. {@code http://localhost:8000}. */
        public Builder baseUrl(String v) {
            baseUrl = v;
            return this;
        }

        /** Judge model; default {@code gpt-3.5-turbo}, the paper's judge. */
        public Builder model(String v) {
            model = v;
            return this;
        }

        /** Temperature; default 0, so a rerun of the same prompt asks the same question the same way. */
        public Builder temperature(double v) {
            temperature = v;
            return this;
        }

        /**
         * Completion-token cap; default 0 = automatic: 8 per request in per-question mode (one word
         * is enough), {@code 16 + 24 × questions} in all-in-one mode (room for the JSON object).
         */
        public Builder maxTokens(int v) {
            maxTokens = v;
            return this;
        }

        /** Environment variable holding the API key; default {@code OPENAI_API_KEY}. Unset: no auth header. */
        public Builder apiKeyEnv(String v) {
            apiKeyEnv = v;
            return this;
        }

        /** Question mode; default {@link Mode#PER_QUESTION}, which gives graded P(yes) from log-probs. */
        public Builder mode(Mode v) {
            mode = v;
            return this;
        }

        /** Ask for log-probs; default true. Turn off for servers that reject the field. */
        public Builder logprobs(boolean v) {
            logprobs = v;
            return this;
        }

        /** Alternatives per token; default 5, enough to see both "Yes" and "No" variants. */
        public Builder topLogprobs(int v) {
            topLogprobs = v;
            return this;
        }

        /** Send {@code response_format: json_object} in all-in-one mode; default false (not all servers support it). */
        public Builder jsonResponseFormat(boolean v) {
            jsonResponseFormat = v;
            return this;
        }

        /** Documentation choice; default {@link Docs#RETRIEVED} (BM25), the non-oracle setting. */
        public Builder docs(Docs v) {
            docs = v;
            return this;
        }

        /** Retrieved records per prompt; default 3, which keeps prompts near 1k tokens. */
        public Builder docsTopK(int v) {
            docsTopK = v;
            return this;
        }

        /** Characters per record in the prompt; default 1200, enough for the call, arguments and example. */
        public Builder maxDocChars(int v) {
            maxDocChars = v;
            return this;
        }

        /** Attempts per request; default 5, which rides out a minute of 429s with the default back-off. */
        public Builder maxTries(int v) {
            maxTries = v;
            return this;
        }

        /** First back-off; default 1 s, doubling per retry with jitter in [50 %, 100 %]. */
        public Builder initialBackoff(Duration v) {
            initialBackoff = v;
            return this;
        }

        /** Cap on one wait, including an honoured {@code Retry-After}; default 60 s. */
        public Builder maxBackoff(Duration v) {
            maxBackoff = v;
            return this;
        }

        /** Per-request timeout; default 60 s. A timeout counts as a retryable failure. */
        public Builder requestTimeout(Duration v) {
            requestTimeout = v;
            return this;
        }

        /** Requests in flight; default 4, gentle on shared keys and on local servers. */
        public Builder maxConcurrency(int v) {
            maxConcurrency = v;
            return this;
        }

        /** Requests per minute; default 0 = unlimited (rely on 429 back-off). */
        public Builder requestsPerMinute(int v) {
            requestsPerMinute = v;
            return this;
        }

        /** USD per 1k prompt tokens; default 0 (unknown, e.g. a local server). */
        public Builder pricePer1kPromptTokens(double v) {
            pricePer1kPromptTokens = v;
            return this;
        }

        /** USD per 1k completion tokens; default 0. */
        public Builder pricePer1kCompletionTokens(double v) {
            pricePer1kCompletionTokens = v;
            return this;
        }

        /** The rubric; default {@link Rubric#apiCall()}. */
        public Builder rubric(Rubric v) {
            rubric = v;
            return this;
        }

        /** Jitter seed; default 0. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Builds and validates the config. */
        public OpenAiJudgeConfig build() {
            return new OpenAiJudgeConfig(baseUrl, model, temperature, maxTokens, apiKeyEnv, mode, logprobs,
                    topLogprobs, jsonResponseFormat, docs, docsTopK, maxDocChars, maxTries, initialBackoff,
                    maxBackoff, requestTimeout, maxConcurrency, requestsPerMinute, pricePer1kPromptTokens,
                    pricePer1kCompletionTokens, rubric, seed);
        }
    }
}
