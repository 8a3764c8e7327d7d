package dev.rlaif.lm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.io.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DJL's loader runs tokenizers that the Java BPE does not model; the Java BPE says so clearly. */
class HfTokenizerTest {

    /** A hand-written word-level tokenizer: not BPE, with its specials named in tokenizer_config.json. */
    private static final String WORD_LEVEL = """
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [
               {"id": 4, "content": "[EOS]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
               {"id": 5, "content": "[PAD]", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}],
             "normalizer": null, "pre_tokenizer": {"type": "Whitespace"}, "post_processor": null,
             "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": false},
             "model": {"type": "WordLevel", "vocab": {"[UNK]": 0, "hello": 1, "world": 2, "!": 3, "[EOS]": 4, "[PAD]": 5},
                       "unk_token": "[UNK]"}}""";

    @TempDir
    Path dir;

    @Test
    void runsANonBpeTokenizerWithConfiguredSpecials() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), WORD_LEVEL);
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"eos_token\": \"[EOS]\", \"pad_token\": {\"content\": \"[PAD]\", \"__type\": \"AddedToken\"}}");
        try (HfTokenizer tok = HfTokenizer.open(dir)) {
            assertArrayEquals(new int[] {1, 2, 3, 4, 0}, tok.encode("hello world ![EOS] unknown"));
            assertEquals(4, tok.eosId());
            assertEquals(4, tok.bosId());
            assertEquals(5, tok.padId());
            assertEquals(6, tok.vocabSize());
            assertEquals("hello world !", tok.decode(new int[] {1, 2, 3, 4, 5}));
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ByteLevelBpe.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("tokenizer.json").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not BPE"), e.getMessage());
    }

    @Test
    void rejectsSpecialsTheVocabularyLacks() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), WORD_LEVEL);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HfTokenizer.open(dir));
        assertTrue(e.getMessage().contains("<|endoftext|>"), e.getMessage());
        SpecialTokens explicit = new SpecialTokens("[EOS]", "[EOS]", "hello world", List.of());
        InvalidInputException multi = assertThrows(InvalidInputException.class, () -> HfTokenizer.open(dir, explicit));
        assertTrue(multi.getMessage().contains("encodes to 2 ids"), multi.getMessage());
    }
}
