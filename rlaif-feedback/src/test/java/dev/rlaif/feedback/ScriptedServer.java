package dev.rlaif.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rlaif.core.io.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 for tests: replies come from a script
 * (one step per request, the last step repeating), and every request is counted and kept.
 */
final class ScriptedServer implements AutoCloseable {

    /** What the server does for one request. */
    interface Step {
        void reply(HttpExchange ex, JsonNode request) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Deque<Step> script = new ArrayDeque<>();
    private Step last;
    final AtomicInteger requests = new AtomicInteger();
    final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
    final List<String> authHeaders = Collections.synchronizedList(new ArrayList<>());
    final Map<String, AtomicInteger> byUserContent = new ConcurrentHashMap<>();

    ScriptedServer(Step... steps) throws IOException {
        for (Step s : steps) {
            script.add(s);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(pool);
        server.createContext("/v1/chat/completions", ex -> {
            try {
                byte[] in = ex.getRequestBody().readAllBytes();
                JsonNode req = Json.MAPPER.readTree(in);
                requests.incrementAndGet();
                bodies.add(req);
                authHeaders.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
                byUserContent.computeIfAbsent(userContent(req), k -> new AtomicInteger()).incrementAndGet();
                next().reply(ex, req);
            } catch (IOException | RuntimeException e) {
                ex.close();
            }
        });
        server.start();
    }

    private synchronized Step next() {
        Step s = script.poll();
        if (s != null) {
            last = s;
            return s;
        }
        return last;
    }

    /** The server root, e.g. {@code http://127.0.0.1:41234}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static String userContent(JsonNode req) {
        for (JsonNode m : req.path("messages")) {
            if (m.path("role").asText().equals("user")) {
                return m.path("content").asText();
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    // ---- steps ----

    /** A 200 chat completion with this content; with {@code logprobs}, a first token carrying them. */
    static Step content(String text) {
        return (ex, req) -> send(ex, 200, completion(text, null).toString(), Map.of());
    }

    /** A 200 chat completion whose content is computed from the request. */
    static Step answer(Function<JsonNode, String> text) {
        return (ex, req) -> send(ex, 200, completion(text.apply(req), null).toString(), Map.of());
    }

    /** A 200 reply whose first token is {@code token} with the given top alternatives (token → logprob). */
    static Step logprobs(String token, Map<String, Double> top) {
        return (ex, req) -> send(ex, 200, completion(token, top).toString(), Map.of());
    }

    /** An error status with a small JSON body and optional headers. */
    static Step status(int code, Map<String, String> headers) {
        return (ex, req) -> send(ex, code, "{\"error\":{\"message\":\"scripted " + code + "\"}}", headers);
    }

    /** A 200 with this exact body. */
    static Step raw(String body) {
        return (ex, req) -> send(ex, 200, body, Map.of());
    }

    /** Waits, then replies as {@code then}. */
    static Step slow(long millis, Step then) {
        return (ex, req) -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            then.reply(ex, req);
        };
    }

    /** Announces a longer body than it sends, then drops the connection. */
    static Step truncated() {
        return (ex, req) -> {
            byte[] full = completion("Yes", null).toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, full.length);
            OutputStream os = ex.getResponseBody();
            os.write(full, 0, full.length / 3);
            os.flush();
            ex.close();
        };
    }

    static ObjectNode completion(String content, Map<String, Double> top) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("id", "chatcmpl-test");
        root.put("object", "chat.completion");
        root.put("model", "judge-test");
        ArrayNode choices = root.putArray("choices");
        ObjectNode c = choices.addObject();
        c.put("index", 0);
        c.putObject("message").put("role", "assistant").put("content", content);
        c.put("finish_reason", "stop");
        if (top != null) {
            ArrayNode toks = c.putObject("logprobs").putArray("content");
            ObjectNode t = toks.addObject();
            t.put("token", content);
            t.put("logprob", top.getOrDefault(content, -0.01));
            ArrayNode alts = t.putArray("top_logprobs");
            top.forEach((k, v) -> alts.addObject().put("token", k).put("logprob", v));
        } else {
            c.putNull("logprobs");
        }
        root.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 1).put("total_tokens", 101);
        return root;
    }

    private static void send(HttpExchange ex, int code, String body, Map<String, String> headers) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(b);
        }
    }
}
