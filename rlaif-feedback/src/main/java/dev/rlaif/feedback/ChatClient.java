package dev.rlaif.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.io.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP side of {@link OpenAiJudge}: one chat-completions exchange with the reliability a real
 * API needs. Retries 408, 429, 5xx, timeouts and I/O errors (a truncated body is an I/O error)
 * with jittered exponential back-off, honouring {@code Retry-After}; caps requests in flight and
 * request starts per minute. A 200 whose body is not a chat completion is returned as malformed,
 * not retried: the server answered and may have billed it. 401, 403 and 404 mean the
 * configuration is wrong, which retrying cannot fix, so they throw.
 *
 * <p>The API key is only ever placed in the {@code Authorization} header; messages are passed
 * through {@link #redact} in case a server echoes it.
 */
final class ChatClient {

    /** Waits; replaced in tests so back-off is recorded instead of slept. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /** How an exchange ended. */
    enum Status { OK, MALFORMED, FAILED }

    /**
     * @param status how it ended
     * @param body the parsed chat completion (OK only)
     * @param raw the response body, or the error description
     * @param attempts HTTP attempts made
     */
    record Reply(Status status, JsonNode body, String raw, int attempts) {
    }

    private final OpenAiJudgeConfig config;
    private final String apiKey;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final Semaphore inFlight;
    private final Random jitter;
    private final Object rateLock = new Object();
    private long nextStartNanos = Long.MIN_VALUE;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong retries = new AtomicLong();

    ChatClient(OpenAiJudgeConfig config, String apiKey, Sleeper sleeper) {
        this.config = config;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.sleeper = sleeper;
        this.inFlight = new Semaphore(config.maxConcurrency(), true);
        this.jitter = new Random(config.seed());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.requestTimeout())
                .build();
    }

    /** Sends one chat-completions request, retrying as documented. */
    Reply send(ObjectNode payload) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(config.endpoint())
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload.toString()));
        if (apiKey != null) {
            rb.header("Authorization", "Bearer " + apiKey);
        }
        HttpRequest request = rb.build();
        String lastError = "";
        for (int attempt = 1; ; attempt++) {
            long retryAfterMillis = 0;
            try {
                awaitRateSlot();
                inFlight.acquire();
                HttpResponse<String> r;
                try {
                    requests.incrementAndGet();
                    r = http.send(request, HttpResponse.BodyHandlers.ofString());
                } finally {
                    inFlight.release();
                }
                int sc = r.statusCode();
                if (sc >= 200 && sc < 300) {
                    return parse(r.body(), attempt);
                }
                if (sc == 401 || sc == 403) {
                    throw new IllegalStateException("judge endpoint " + config.endpoint() + " refused the API key (HTTP "
                            + sc + "); check the environment variable " + config.apiKeyEnv());
                }
                if (sc == 404) {
                    throw new IllegalStateException("judge endpoint " + config.endpoint()
                            + " answered HTTP 404; check the base URL and the model name '" + config.model() + "'");
                }
                lastError = "HTTP " + sc + ": " + snippet(r.body());
                if (sc != 408 && sc != 429 && sc < 500) {
                    return new Reply(Status.FAILED, null, redact(lastError), attempt);
                }
                retryAfterMillis = retryAfter(r.headers().firstValue("Retry-After").orElse(null));
            } catch (HttpTimeoutException e) {
                lastError = "no reply within " + config.requestTimeout().toMillis() + " ms";
            } catch (IOException e) {
                lastError = "I/O error: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Reply(Status.FAILED, null, "interrupted", attempt);
            }
            if (attempt >= config.maxTries()) {
                return new Reply(Status.FAILED, null,
                        redact("gave up after " + attempt + " tries: " + lastError), attempt);
            }
            retries.incrementAndGet();
            try {
                sleeper.sleep(backoffMillis(attempt, retryAfterMillis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Reply(Status.FAILED, null, "interrupted", attempt);
            }
        }
    }

    private Reply parse(String body, int attempts) {
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            JsonNode choices = n.path("choices");
            if (choices.isArray() && choices.size() > 0 && choices.get(0).path("message").isObject()) {
                return new Reply(Status.OK, n, body, attempts);
            }
        } catch (IOException e) {
            return new Reply(Status.MALFORMED, null, redact(snippet(body)), attempts);
        }
        return new Reply(Status.MALFORMED, null, redact(snippet(body)), attempts);
    }

    /**
     * Wait before attempt {@code attempt + 1}: {@code initial · 2^(attempt−1)} capped at the max,
     * scaled by a jitter in [0.5, 1], and never shorter than the server's {@code Retry-After}
     * (itself capped at the max back-off so a hostile header cannot stall the run).
     */
    long backoffMillis(int attempt, long retryAfterMillis) {
        long cap = config.maxBackoff().toMillis();
        double base = Math.min(cap, config.initialBackoff().toMillis() * Math.pow(2, attempt - 1));
        double j;
        synchronized (jitter) {
            j = 0.5 + 0.5 * jitter.nextDouble();
        }
        return Math.max((long) (base * j), Math.min(cap, retryAfterMillis));
    }

    /** {@code Retry-After} in milliseconds: delta-seconds or an HTTP date; 0 when absent or unreadable. */
    static long retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        String h = header.strip();
        try {
            return Math.max(0, Math.round(Double.parseDouble(h) * 1000));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime t = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(t.getZone()), t).toMillis());
            } catch (DateTimeParseException e2) {
                return 0;
            }
        }
    }

    private void awaitRateSlot() throws InterruptedException {
        if (config.requestsPerMinute() == 0) {
            return;
        }
        long interval = 60_000_000_000L / config.requestsPerMinute();
        long wait;
        synchronized (rateLock) {
            long now = System.nanoTime();
            long start = nextStartNanos == Long.MIN_VALUE ? now : Math.max(now, nextStartNanos);
            nextStartNanos = start + interval;
            wait = start - now;
        }
        if (wait > 0) {
            sleeper.sleep(wait / 1_000_000);
        }
    }

    /** Removes the API key from a message, in case a server or library echoed it. */
    String redact(String s) {
        return apiKey == null || s == null ? s : s.replace(apiKey, "***");
    }

    private static String snippet(String body) {
        String b = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return b.length() > 300 ? b.substring(0, 300) + "..." : b;
    }
}
