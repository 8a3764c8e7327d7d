package dev.rlaif.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The project's one Jackson mapper and strict field accessors for hand-written readers. */
public final class Json {

    /** Shared, thread-safe mapper. Fails on trailing tokens so a line holds exactly one value. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /** The value of a required key that must be a JSON string. */
    public static String requireString(JsonNode obj, String key) {
        JsonNode v = require(obj, key);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("key '" + key + "' must be a string, got " + typeName(v));
        }
        return v.asText();
    }

    /** The value of a required key that must be an integer. */
    public static long requireLong(JsonNode obj, String key) {
        JsonNode v = require(obj, key);
        if (!v.isIntegralNumber()) {
            throw new IllegalArgumentException("key '" + key + "' must be an integer, got " + typeName(v));
        }
        return v.asLong();
    }

    /** The value of a required key that must be a number. */
    public static double requireDouble(JsonNode obj, String key) {
        JsonNode v = require(obj, key);
        if (!v.isNumber()) {
            throw new IllegalArgumentException("key '" + key + "' must be a number, got " + typeName(v));
        }
        return v.asDouble();
    }

    /** The value of a required key that must be a JSON object. */
    public static JsonNode requireObject(JsonNode obj, String key) {
        JsonNode v = require(obj, key);
        if (!v.isObject()) {
            throw new IllegalArgumentException("key '" + key + "' must be an object, got " + typeName(v));
        }
        return v;
    }

    /** The value of a required key, of any type (null included). */
    public static JsonNode require(JsonNode obj, String key) {
        if (obj == null || !obj.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + typeName(obj));
        }
        JsonNode v = obj.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing key '" + key + "'");
        }
        return v;
    }

    /** The JSON type of a node, for messages. */
    public static String typeName(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Serialises a value to one line of JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getName() + ": " + e.getMessage(), e);
        }
    }
}
