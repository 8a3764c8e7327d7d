package dev.rlaif.lm.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.core.io.Json;
import dev.rlaif.lm.Gpt2Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Hugging Face's {@code config.json} for GPT-2, read and written with HF's field names.
 *
 * <p>Reading accepts the configs that real GPT-2-family checkpoints ship (gpt2, distilgpt2,
 * gpt2-large, codeparrot-small): the old {@code n_ctx} alias, missing token ids (HF's defaults of
 * 50256), and {@code pad_token_id} absent or null (then the EOS id, HF's own convention for GPT-2).
 * It rejects, with the offending field named, every setting that would make rlaif4j's decoder compute
 * something other than what HF computes: another {@code model_type}, an activation other than the tanh
 * GELU, a non-standard MLP width, unscaled or layer-scaled attention, cross-attention, untied output
 * embeddings. Silently ignoring any of these would load weights that then give wrong logits.
 *
 * <p>Writing emits every field HF's {@code GPT2Config} defines, so {@code from_pretrained} needs no
 * defaults and the file documents the architecture exactly.
 */
public final class HfConfigJson {

    /** HF's default BOS/EOS id for GPT-2 when a config omits them. */
    private static final int HF_GPT2_SPECIAL_ID = 50256;
    private static final Set<String> TANH_GELU = Set.of("gelu_new", "gelu_pytorch_tanh", "gelu_fast");

    private HfConfigJson() {
    }

    /** Reads a {@code config.json} file. */
    public static Gpt2Config read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses {@code config.json} text.
     *
     * @param source names the text in error messages (usually the file path)
     * @throws InvalidInputException naming {@code source} and the field when the config is not a
     *     supported GPT-2 config
     */
    public static Gpt2Config parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException ex) {
            throw new InvalidInputException(source, 0, "not valid JSON: " + ex.getMessage(), ex);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(source, 0, "config must be a JSON object");
        }
        Reader r = new Reader(root, source);
        String modelType = r.string("model_type", null);
        if (modelType == null) {
            JsonNode arch = root.get("architectures");
            boolean gpt2Arch = arch != null && arch.isArray() && arch.size() > 0
                    && arch.get(0).asText().startsWith("GPT2");
            if (!gpt2Arch) {
                throw new InvalidInputException(source, 0, "missing 'model_type' and 'architectures' is not GPT-2");
            }
        } else if (!"gpt2".equals(modelType)) {
            throw new InvalidInputException(source, 0, "unsupported model_type '" + modelType
                    + "': rlaif4j reads GPT-2-family checkpoints only (model_type \"gpt2\")");
        }
        int nEmbd = r.integer("n_embd", null);
        String activation = r.string("activation_function", "gelu_new");
        if (!TANH_GELU.contains(activation)) {
            throw new InvalidInputException(source, 0, "unsupported activation_function '" + activation
                    + "': the decoder implements GPT-2's tanh GELU (gelu_new)");
        }
        JsonNode inner = root.get("n_inner");
        if (inner != null && !inner.isNull() && inner.asInt() != 4 * nEmbd) {
            throw new InvalidInputException(source, 0, "unsupported n_inner " + inner + ": the MLP width must be 4 * n_embd = "
                    + 4 * nEmbd);
        }
        r.requireFlag("scale_attn_weights", true);
        r.requireFlag("scale_attn_by_inverse_layer_idx", false);
        r.requireFlag("add_cross_attention", false);
        r.requireFlag("tie_word_embeddings", true);
        int positions = root.has("n_positions") ? r.integer("n_positions", null) : r.integer("n_ctx", null);
        int eos = r.integer("eos_token_id", HF_GPT2_SPECIAL_ID);
        int bos = r.integer("bos_token_id", HF_GPT2_SPECIAL_ID);
        int pad = r.integer("pad_token_id", eos);
        int vocab = r.integer("vocab_size", null);
        for (int id : new int[] {bos, eos, pad}) {
            if (id < 0 || id >= vocab) {
                throw new InvalidInputException(source, 0, "special token id " + id + " outside vocab_size " + vocab
                        + " (bos " + bos + ", eos " + eos + ", pad " + pad + ")");
            }
        }
        try {
            return new Gpt2Config(vocab, positions, nEmbd, r.integer("n_layer", null), r.integer("n_head", null),
                    r.number("layer_norm_epsilon", 1e-5), bos, eos, pad);
        } catch (IllegalArgumentException ex) {
            throw new InvalidInputException(source, 0, ex.getMessage(), ex);
        }
    }

    /** Writes {@code config.json} as HF's {@code GPT2LMHeadModel.save_pretrained} would. */
    public static void write(Path file, Gpt2Config config) {
        try {
            Files.writeString(file, toJson(config) + "\n", StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    /**
     * The config as pretty-printed JSON with HF's sorted keys. Dropout fields carry HF's GPT-2
     * defaults (0.1): they only matter to someone who resumes training in HF, and there the usual
     * GPT-2 behaviour is the least surprising.
     */
    public static String toJson(Gpt2Config c) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("activation_function", "gelu_new");
        o.putArray("architectures").add("GPT2LMHeadModel");
        o.put("attn_pdrop", 0.1);
        o.put("bos_token_id", c.bosTokenId());
        o.put("embd_pdrop", 0.1);
        o.put("eos_token_id", c.eosTokenId());
        o.put("initializer_range", 0.02);
        o.put("layer_norm_epsilon", c.layerNormEpsilon());
        o.put("model_type", "gpt2");
        o.put("n_ctx", c.nPositions());
        o.put("n_embd", c.nEmbd());
        o.put("n_head", c.nHead());
        o.putNull("n_inner");
        o.put("n_layer", c.nLayer());
        o.put("n_positions", c.nPositions());
        o.put("pad_token_id", c.padTokenId());
        o.put("reorder_and_upcast_attn", false);
        o.put("resid_pdrop", 0.1);
        o.put("scale_attn_by_inverse_layer_idx", false);
        o.put("scale_attn_weights", true);
        o.putNull("summary_activation");
        o.put("summary_first_dropout", 0.1);
        o.put("summary_proj_to_labels", true);
        o.put("summary_type", "cls_index");
        o.put("summary_use_proj", true);
        o.put("tie_word_embeddings", true);
        o.put("torch_dtype", "float32");
        o.put("use_cache", true);
        o.put("vocab_size", c.vocabSize());
        try {
            return Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
        } catch (IOException ex) {
            throw new IllegalStateException("cannot serialise config", ex);
        }
    }

    /** Typed field access with errors that name the source and the key. */
    private record Reader(JsonNode root, String source) {

        String string(String key, String fallback) {
            JsonNode v = root.get(key);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isTextual()) {
                throw new InvalidInputException(source, 0, "'" + key + "' must be a string, got " + Json.typeName(v));
            }
            return v.asText();
        }

        int integer(String key, Integer fallback) {
            JsonNode v = root.get(key);
            if (v == null || v.isNull()) {
                if (fallback == null) {
                    throw new InvalidInputException(source, 0, "missing required field '" + key + "'");
                }
                return fallback;
            }
            if (v.isArray() && v.size() == 1) {
                v = v.get(0);
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new InvalidInputException(source, 0, "'" + key + "' must be an integer, got " + v);
            }
            return v.asInt();
        }

        double number(String key, double fallback) {
            JsonNode v = root.get(key);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isNumber()) {
                throw new InvalidInputException(source, 0, "'" + key + "' must be a number, got " + v);
            }
            return v.asDouble();
        }

        void requireFlag(String key, boolean supported) {
            JsonNode v = root.get(key);
            if (v != null && !v.isNull() && v.asBoolean() != supported) {
                throw new InvalidInputException(source, 0, "unsupported " + key + "=" + v + ": rlaif4j's decoder implements only "
                        + key + "=" + supported);
            }
        }
    }
}
