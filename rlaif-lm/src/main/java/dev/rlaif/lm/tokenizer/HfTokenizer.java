package dev.rlaif.lm.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.lm.TextTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Any Hugging Face {@code tokenizer.json}, run by HF's own Rust implementation through DJL.
 *
 * <p>This is the tokenizer for pretrained checkpoints whose tokenizer is not byte-level BPE, and the
 * reference that {@link ByteLevelBpe}'s pure-Java encoder is tested against. It is configured for
 * language-model use: no special tokens are added around the text (prompts carry their own BOS when
 * they want one), and there is no truncation or padding (batching is the caller's job, with its own
 * left padding). Works offline: nothing is fetched from the Hub.
 *
 * <p>Encoding and decoding are thread-safe; {@link #close()} frees the native tokenizer.
 */
public final class HfTokenizer implements TextTokenizer, AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;
    private final SpecialTokens specials;
    private final int vocabSize;
    private final int bosId;
    private final int eosId;
    private final int padId;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, SpecialTokens specials, int vocabSize, String source) {
        this.tokenizer = tokenizer;
        this.specials = specials;
        this.vocabSize = vocabSize;
        this.bosId = singleId(specials.bos(), source);
        this.eosId = singleId(specials.eos(), source);
        this.padId = singleId(specials.pad(), source);
        for (String m : specials.markers()) {
            singleId(m, source);
        }
    }

    /**
     * Opens a {@code tokenizer.json} (or a directory holding one). BOS/EOS/PAD come from a sibling
     * {@code tokenizer_config.json} when it names them, otherwise GPT-2's {@code <|endoftext|>}.
     */
    public static HfTokenizer open(Path dirOrFile) {
        return open(dirOrFile, null);
    }

    /** Opens a {@code tokenizer.json} with explicitly chosen special tokens (null: as {@link #open(Path)}). */
    public static HfTokenizer open(Path dirOrFile, SpecialTokens specials) {
        Path file = TokenizerFiles.tokenizerJson(dirOrFile);
        JsonNode root = TokenizerFiles.readJson(file);
        Set<String> known = new HashSet<>();
        int maxId = -1;
        for (var it = root.path("model").path("vocab").fields(); it.hasNext();) {
            var e = it.next();
            known.add(e.getKey());
            maxId = Math.max(maxId, e.getValue().asInt());
        }
        List<String> nonSpecial = new ArrayList<>();
        for (JsonNode t : root.path("added_tokens")) {
            known.add(t.path("content").asText());
            maxId = Math.max(maxId, t.path("id").asInt());
            if (!t.path("special").asBoolean(false)) {
                nonSpecial.add(t.path("content").asText());
            }
        }
        if (maxId < 0) {
            throw new InvalidInputException(file.toString(), 0, "tokenizer has an empty vocabulary");
        }
        SpecialTokens s = specials != null ? specials : TokenizerFiles.specials(file, known, nonSpecial);
        HuggingFaceTokenizer tok;
        try {
            tok = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot load tokenizer " + file, ex);
        } catch (RuntimeException ex) {
            throw new InvalidInputException(file.toString(), 0, "HF tokenizers rejected the file: " + ex.getMessage(), ex);
        }
        try {
            return new HfTokenizer(tok, s, maxId + 1, file.toString());
        } catch (RuntimeException ex) {
            tok.close();
            throw ex;
        }
    }

    /** Token ids of {@code text}, nothing added around it. */
    @Override
    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    /** The text of {@code ids} without the tokens flagged special (BOS, EOS, PAD). */
    @Override
    public String decode(int[] ids) {
        return decode(ids, true);
    }

    /** The text of {@code ids}, dropping tokens flagged special in the file when {@code skipSpecial}. */
    public String decode(int[] ids, boolean skipSpecial) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            l[i] = ids[i];
        }
        return tokenizer.decode(l, skipSpecial);
    }

    /** The number of ids (the highest id plus one). */
    @Override
    public int vocabSize() {
        return vocabSize;
    }

    /** The BOS id. */
    @Override
    public int bosId() {
        return bosId;
    }

    /** The EOS id. */
    @Override
    public int eosId() {
        return eosId;
    }

    /** The PAD id. */
    @Override
    public int padId() {
        return padId;
    }

    /** The special tokens and markers. */
    public SpecialTokens specialTokens() {
        return specials;
    }

    /** Frees the native tokenizer. */
    @Override
    public void close() {
        tokenizer.close();
    }

    private int singleId(String token, String source) {
        int[] ids = encode(token);
        if (ids.length != 1) {
            throw new InvalidInputException(source, 0, "special token '" + token + "' encodes to " + ids.length
                    + " ids; it must be one added token");
        }
        return ids[0];
    }
}
