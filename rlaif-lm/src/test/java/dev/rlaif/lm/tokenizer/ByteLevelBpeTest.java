package dev.rlaif.lm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.GorillaAnswer;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The Java encoder against HF's Rust tokenizer (through DJL) on the same saved file: ids must be
 * identical, which is what lets a model trained on Java-encoded data run behind any HF tokenizer.
 */
class ByteLevelBpeTest {

    private static final SpecialTokens SPECIALS = SpecialTokens.defaults().withGorillaMarkers();
    private static ByteLevelBpe bpe;
    private static HfTokenizer hf;
    private static Path dir;

    @BeforeContainer
    static void train() throws IOException {
        bpe = ByteLevelBpe.train(Corpora.mixed(400, 60, 11), new BpeTrainingConfig(700, 2, SPECIALS));
        dir = Files.createTempDirectory("bpe");
        bpe.save(dir);
        hf = HfTokenizer.open(dir);
    }

    @AfterContainer
    static void close() throws IOException {
        hf.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 300)
    void javaIdsEqualHfIds(@ForAll("text") String s) {
        assertArrayEquals(hf.encode(s), bpe.encode(s), () -> "ids differ for " + escape(s));
    }

    @Property(tries = 300)
    void decodeInvertsEncode(@ForAll("text") String s) {
        assertEquals(s, bpe.decode(bpe.encode(s)));
        assertEquals(s, hf.decode(bpe.encode(s)));
    }

    @net.jqwik.api.Example
    void heldOutStringsMatchHf() {
        List<String> held = List.of(
                "x = torch.hub.load('pytorch/vision', 'resnet50', pretrained=True)",
                "naïve café résumé — Straße", "日本語のテキストを翻訳する", "emoji 🤖👍🏽 and ZWJ 👩‍💻",
                "tabs\tand\nnewlines  \n\n  indented", "   leading", "trailing   ", "nbsp\u00a0and\u2003em space",
                "don't I'll we've they'RE", "12345 3.14159 1e-5", "", " ", "\n", "<|endoftext|>",
                "<<<api_call>>>: pipeline('text-classification')<<<api_provider>>>: Hugging Face");
        for (String s : held) {
            assertArrayEquals(hf.encode(s), bpe.encode(s), () -> "ids differ for " + escape(s));
            assertEquals(hf.decode(bpe.encode(s), false), bpe.decode(bpe.encode(s), false), s);
        }
    }

    @net.jqwik.api.Example
    void specialTokensAndMarkersAreSingleIds() {
        for (String m : SPECIALS.all()) {
            int[] ids = bpe.encode(m);
            assertEquals(1, ids.length, m);
            assertArrayEquals(ids, hf.encode(m), m);
        }
        String answer = "###Instruction: classify\n###Output: " + GorillaAnswer.MARKERS.get(1) + ": f()<|endoftext|>";
        int[] ids = bpe.encode(answer);
        assertTrue(contains(ids, bpe.id("###Instruction:")));
        assertTrue(contains(ids, bpe.id("<<<api_call>>>")));
        assertEquals(bpe.eosId(), ids[ids.length - 1]);
        // EOS/BOS/PAD are dropped by decode; markers are text and stay.
        assertEquals(answer.replace("<|endoftext|>", ""), bpe.decode(ids));
        assertEquals(answer.replace("<|endoftext|>", ""), hf.decode(ids));
        assertEquals(answer, bpe.decode(ids, false));
        assertEquals(bpe.eosId(), hf.eosId());
        assertEquals(bpe.padId(), hf.padId());
        assertEquals(bpe.bosId(), hf.bosId());
        assertEquals(bpe.vocabSize(), hf.vocabSize());
        assertEquals(700, bpe.vocabSize());
        assertTrue(bpe.padId() != bpe.eosId());
    }

    @net.jqwik.api.Example
    void reloadedTokenizerIsIdentical() throws IOException {
        ByteLevelBpe back = ByteLevelBpe.load(dir);
        assertEquals(bpe.specialTokens(), back.specialTokens());
        assertEquals(bpe.toJson(), back.toJson());
        // tokenizers >= 0.20 writes merges as ["left", "right"] pairs; both forms must load identically.
        ObjectNode json = (ObjectNode) Json.MAPPER.readTree(dir.resolve("tokenizer.json").toFile());
        ArrayNode merges = (ArrayNode) json.get("model").get("merges");
        assertTrue(merges.size() > 100);
        for (int i = 0; i < merges.size(); i++) {
            String[] parts = merges.get(i).asText().split(" ");
            merges.set(i, Json.MAPPER.createArrayNode().add(parts[0]).add(parts[1]));
        }
        String pairs = Json.write(json);
        Path alt = Files.createTempFile(dir, "pairs", ".json");
        Files.writeString(alt, pairs);
        String s = "x = torch.hub.load('pytorch/vision', 'resnet50') 日本語";
        assertArrayEquals(bpe.encode(s), ByteLevelBpe.load(alt, SPECIALS).encode(s));
        try (HfTokenizer pairTok = HfTokenizer.open(alt, SPECIALS)) {
            assertArrayEquals(bpe.encode(s), pairTok.encode(s));
        }
        Files.delete(alt);
    }

    @net.jqwik.api.Example
    void rejectsTokenizersItCannotReproduce() throws IOException {
        String json = Files.readString(dir.resolve("tokenizer.json"));
        Path bad = Files.createTempFile(dir, "bad", ".json");
        Files.writeString(bad, json.replace("\"normalizer\" : null", "\"normalizer\" : {\"type\": \"NFC\"}"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ByteLevelBpe.load(bad, SPECIALS));
        assertTrue(e.getMessage().startsWith(bad.toString()) && e.getMessage().contains("normalizer"), e.getMessage());
        Files.delete(bad);
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(12);
        Arbitrary<String> space = Arbitraries.of(" ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", " \n ");
        Arbitrary<String> unicode = Arbitraries.strings().withCharRange('\u00c0', '\u024f')
                .withCharRange('\u0400', '\u04ff').withCharRange('\u3040', '\u30ff').withCharRange('\u4e00', '\u4e2f')
                .ofMaxLength(6);
        Arbitrary<String> emoji = Arbitraries.of("🤖", "👍🏽", "👩‍💻", "𝔘", "é", "é");
        Arbitrary<String> markers = Arbitraries.of(SPECIALS.all());
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMaxLength(7);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, ascii), net.jqwik.api.Tuple.of(3, space), net.jqwik.api.Tuple.of(3, unicode),
                        net.jqwik.api.Tuple.of(1, emoji), net.jqwik.api.Tuple.of(1, markers), net.jqwik.api.Tuple.of(1, digits))
                .list().ofMaxSize(12)
                .map(parts -> String.join("", parts))
                .filter(s -> !containsSpecial(s));
    }

    /** BOS/EOS/PAD vanish on decode by contract, so round-trip inputs avoid them; markers are fine. */
    private static boolean containsSpecial(String s) {
        return s.contains(SPECIALS.eos()) || s.contains(SPECIALS.pad()) || s.contains(SPECIALS.bos());
    }

    private static boolean contains(int[] ids, int id) {
        return Arrays.stream(ids).anyMatch(i -> i == id);
    }

    private static String escape(String s) {
        List<String> cps = new ArrayList<>();
        s.codePoints().forEach(cp -> cps.add(cp < 128 && cp >= 32 ? String.valueOf((char) cp) : String.format("\\u%04x", cp)));
        return String.join("", cps);
    }
}
