package dev.rlaif.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.core.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The files around a tokenizer: where {@code tokenizer.json} lives, and HF's
 * {@code tokenizer_config.json}, which is where HF records which tokens are BOS, EOS and PAD
 * ({@code tokenizer.json} itself only knows that they are special).
 */
final class TokenizerFiles {

    static final String TOKENIZER_JSON = "tokenizer.json";
    static final String TOKENIZER_CONFIG_JSON = "tokenizer_config.json";

    private TokenizerFiles() {
    }

    /** A directory's {@code tokenizer.json}, or the path itself when it is a file. */
    static Path tokenizerJson(Path dirOrFile) {
        return Files.isDirectory(dirOrFile) ? dirOrFile.resolve(TOKENIZER_JSON) : dirOrFile;
    }

    static JsonNode readJson(Path file) {
        try {
            JsonNode n = Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (n == null || !n.isObject()) {
                throw new InvalidInputException(file.toString(), 0, "expected a JSON object");
            }
            return n;
        } catch (IOException ex) {
            if (ex instanceof java.nio.file.NoSuchFileException) {
                throw new UncheckedIOException("no such file: " + file, ex);
            }
            throw new InvalidInputException(file.toString(), 0, "cannot parse JSON: " + ex.getMessage(), ex);
        }
    }

    /**
     * The special tokens for a tokenizer file: from the sibling {@code tokenizer_config.json} when it
     * names them, otherwise GPT-2's convention ({@code <|endoftext|>} for everything, PAD falling back to
     * EOS); markers are the added tokens not flagged special.
     *
     * @param known every token string the tokenizer has, to reject a config naming a missing token
     */
    static SpecialTokens specials(Path tokenizerJson, Set<String> known, List<String> nonSpecialAdded) {
        Path configFile = tokenizerJson.resolveSibling(TOKENIZER_CONFIG_JSON);
        String bos = null;
        String eos = null;
        String pad = null;
        if (Files.isRegularFile(configFile)) {
            JsonNode c = readJson(configFile);
            bos = tokenString(c.get("bos_token"));
            eos = tokenString(c.get("eos_token"));
            pad = tokenString(c.get("pad_token"));
        }
        if (eos == null) {
            eos = SpecialTokens.END_OF_TEXT;
        }
        if (bos == null) {
            bos = eos;
        }
        if (pad == null) {
            pad = eos;
        }
        for (String s : new String[] {bos, eos, pad}) {
            if (!known.contains(s)) {
                throw new InvalidInputException(tokenizerJson.toString(), 0, "special token '" + s + "' is not in the"
                        + " vocabulary; name BOS/EOS/PAD in " + TOKENIZER_CONFIG_JSON + " or pass them explicitly");
            }
        }
        List<String> markers = new ArrayList<>();
        for (String m : nonSpecialAdded) {
            if (!m.equals(bos) && !m.equals(eos) && !m.equals(pad)) {
                markers.add(m);
            }
        }
        return new SpecialTokens(bos, eos, pad, markers);
    }

    private static String tokenString(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText();
        }
        JsonNode content = n.get("content");
        return content != null && content.isTextual() ? content.asText() : null;
    }

    /**
     * Writes {@code tokenizer_config.json} so HF's {@code AutoTokenizer} knows the specials and does not
     * "clean up" spaces before punctuation on decode (which would break {@code decode(encode(s)) == s}).
     */
    static void writeConfig(Path dir, SpecialTokens s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("add_bos_token", false);
        o.put("add_prefix_space", false);
        o.put("bos_token", s.bos());
        o.put("clean_up_tokenization_spaces", false);
        o.put("eos_token", s.eos());
        o.put("pad_token", s.pad());
        o.put("tokenizer_class", "PreTrainedTokenizerFast");
        o.putNull("unk_token");
        write(dir.resolve(TOKENIZER_CONFIG_JSON), o);
    }

    static void write(Path file, JsonNode node) {
        try {
            Files.writeString(file, Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }
}
