package dev.rlaif.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.core.io.Json;
import dev.rlaif.lm.TextTokenizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * A byte-level BPE tokenizer (GPT-2's scheme) that trains, encodes and decodes in pure Java and
 * reads and writes Hugging Face's {@code tokenizer.json}.
 *
 * <p>The encoder follows HF's pipeline step by step (added tokens cut out leftmost-longest, GPT-2's
 * pre-tokenizer regex, bytes shown as characters, merges applied lowest rank first) so that its ids
 * equal those of HF's tokenizers and DJL's binding of them on the same file; the tests check that on
 * Unicode text. Having the encoder in Java matters for throughput, not correctness: tokenizing a
 * training set needs no native call per string, and each distinct word is merged once and cached.
 *
 * <p>Instances are immutable and thread-safe. {@link #load(Path)} also reads GPT-2-family
 * {@code tokenizer.json} files (gpt2, codeparrot), so the same fast encoder serves pretrained models.
 */
public final class ByteLevelBpe implements TextTokenizer {

    /** Words longer than this are encoded but not cached, so one pathological string cannot fill memory. */
    private static final int MAX_CACHED_WORD = 64;
    private static final int MAX_CACHE_ENTRIES = 1 << 18;

    private final String[] tokens;
    private final Map<String, Integer> ids;
    private final List<int[]> merges;
    private final Map<Long, int[]> mergeRankAndId;
    private final int[] byteIds = new int[256];
    private final SpecialTokens specials;
    /** Every added token (cut out before BPE) with its id; insertion order is file order. */
    private final Map<String, Integer> added;
    /** Added tokens flagged special in {@code tokenizer.json} (decoders may skip these). */
    private final Set<String> specialFlags;
    private final AddedTokenSplitter splitter;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    private ByteLevelBpe(Map<String, Integer> vocab, List<int[]> merges, SpecialTokens specials,
            Map<String, Boolean> fileAddedTokens, String source) {
        int max = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        this.tokens = new String[max + 1];
        vocab.forEach((t, id) -> {
            if (id < 0 || tokens[id] != null) {
                throw new InvalidInputException(source, 0, "token id " + id + " is negative or used twice");
            }
            tokens[id] = t;
        });
        this.ids = Map.copyOf(vocab);
        this.merges = List.copyOf(merges);
        this.specials = specials;
        this.mergeRankAndId = new HashMap<>(merges.size() * 2);
        for (int r = 0; r < merges.size(); r++) {
            int[] m = merges.get(r);
            Integer id = vocab.get(tokens[m[0]] + tokens[m[1]]);
            if (id == null) {
                throw new InvalidInputException(source, 0, "merge '" + tokens[m[0]] + " " + tokens[m[1]]
                        + "' produces a token missing from the vocabulary");
            }
            // A repeated merge keeps its last rank, as in HF's merge map.
            mergeRankAndId.put(BpeTrainer.slot(key(m[0], m[1])), new int[] {r, id});
        }
        for (int b = 0; b < 256; b++) {
            Integer id = vocab.get(String.valueOf(ByteLevel.charOf(b)));
            if (id == null) {
                throw new InvalidInputException(source, 0, "vocabulary lacks the byte token for 0x"
                        + Integer.toHexString(b) + ", so some text could not be encoded");
            }
            byteIds[b] = id;
        }
        this.added = new LinkedHashMap<>();
        Set<String> flags = new HashSet<>();
        fileAddedTokens.forEach((t, special) -> {
            added.put(t, vocab.get(t));
            if (special) {
                flags.add(t);
            }
        });
        for (String s : specials.all()) {
            Integer id = vocab.get(s);
            if (id == null) {
                throw new InvalidInputException(source, 0, "special token '" + s + "' is not in the vocabulary");
            }
            added.putIfAbsent(s, id);
            if (specials.isSpecial(s)) {
                flags.add(s);
            }
        }
        this.specialFlags = Set.copyOf(flags);
        this.splitter = new AddedTokenSplitter(added);
    }

    /**
     * Trains on a corpus (each element one document; documents never merge across each other).
     * Deterministic for a given corpus order and config.
     */
    public static ByteLevelBpe train(Iterable<String> corpus, BpeTrainingConfig config) {
        BpeTrainer.Result r = new BpeTrainer(config).train(corpus);
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int i = 0; i < r.vocab().size(); i++) {
            vocab.put(r.vocab().get(i), i);
        }
        return new ByteLevelBpe(vocab, r.merges(), config.specials(), Map.of(), "trained tokenizer");
    }

    /**
     * Loads a {@code tokenizer.json} (or a directory holding one), taking BOS/EOS/PAD from a sibling
     * {@code tokenizer_config.json} when present and GPT-2's {@code <|endoftext|>} otherwise.
     *
     * @throws InvalidInputException naming the file when it is not a byte-level BPE this encoder
     *     reproduces exactly (another model type, a normalizer, byte fallback, a prefix space)
     */
    public static ByteLevelBpe load(Path dirOrFile) {
        return load(dirOrFile, null);
    }

    /** Loads a {@code tokenizer.json} with explicitly chosen special tokens (null: as {@link #load(Path)}). */
    public static ByteLevelBpe load(Path dirOrFile, SpecialTokens specials) {
        Path file = TokenizerFiles.tokenizerJson(dirOrFile);
        String src = file.toString();
        JsonNode root = TokenizerFiles.readJson(file);
        JsonNode model = root.get("model");
        if (model == null || !"BPE".equals(model.path("type").asText("BPE")) || !model.has("vocab")) {
            throw new InvalidInputException(src, 0, "model is not BPE with a vocab");
        }
        requireNull(src, root, "normalizer");
        if (model.path("byte_fallback").asBoolean(false)) {
            throw new InvalidInputException(src, 0, "byte_fallback BPE is not byte-level BPE");
        }
        if (!model.path("continuing_subword_prefix").asText("").isEmpty()
                || !model.path("end_of_word_suffix").asText("").isEmpty()) {
            throw new InvalidInputException(src, 0, "subword prefixes/suffixes are not supported");
        }
        JsonNode pre = root.get("pre_tokenizer");
        if (pre == null || !"ByteLevel".equals(pre.path("type").asText())) {
            throw new InvalidInputException(src, 0, "pre_tokenizer must be ByteLevel, got " + pre);
        }
        if (pre.path("add_prefix_space").asBoolean(false) || !pre.path("use_regex").asBoolean(true)) {
            throw new InvalidInputException(src, 0, "ByteLevel pre_tokenizer must have add_prefix_space=false and"
                    + " use_regex=true");
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        model.get("vocab").fields().forEachRemaining(e -> vocab.put(e.getKey(), e.getValue().asInt()));
        List<String> nonSpecial = new ArrayList<>();
        Map<String, Boolean> fileAdded = new LinkedHashMap<>();
        for (JsonNode t : root.path("added_tokens")) {
            String content = t.path("content").asText();
            int id = t.path("id").asInt();
            Integer prior = vocab.putIfAbsent(content, id);
            if (prior != null && prior != id) {
                throw new InvalidInputException(src, 0, "added token '" + content + "' has id " + id
                        + " but the vocabulary gives " + prior);
            }
            boolean special = t.path("special").asBoolean(false);
            fileAdded.put(content, special);
            if (!special) {
                nonSpecial.add(content);
            }
        }
        List<int[]> merges = new ArrayList<>();
        for (JsonNode m : model.path("merges")) {
            String left;
            String right;
            if (m.isArray() && m.size() == 2) {
                left = m.get(0).asText();
                right = m.get(1).asText();
            } else {
                String s = m.asText();
                int sp = s.indexOf(' ');
                if (sp <= 0 || sp != s.lastIndexOf(' ')) {
                    throw new InvalidInputException(src, 0, "malformed merge '" + s + "'");
                }
                left = s.substring(0, sp);
                right = s.substring(sp + 1);
            }
            Integer l = vocab.get(left);
            Integer r = vocab.get(right);
            if (l == null || r == null) {
                throw new InvalidInputException(src, 0, "merge '" + left + " " + right + "' uses a token missing"
                        + " from the vocabulary");
            }
            merges.add(new int[] {l, r});
        }
        SpecialTokens s = specials != null ? specials : TokenizerFiles.specials(file, vocab.keySet(), nonSpecial);
        return new ByteLevelBpe(vocab, merges, s, fileAdded, src);
    }

    private static void requireNull(String src, JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n != null && !n.isNull()) {
            throw new InvalidInputException(src, 0, "'" + key + "' must be null for byte-level BPE, got " + n);
        }
    }

    /** Token ids of {@code text}; special tokens and markers in the text become their single ids. */
    @Override
    public int[] encode(String text) {
        IntBuffer out = new IntBuffer(Math.max(16, text.length() / 3));
        Matcher m = ByteLevel.PRE_TOKENIZER.matcher("");
        splitter.split(text, new AddedTokenSplitter.Sink() {
            @Override
            public void text(String piece) {
                m.reset(piece);
                while (m.find()) {
                    out.addAll(word(m.group()));
                }
            }

            @Override
            public void added(int id) {
                out.add(id);
            }
        });
        return out.toArray();
    }

    /** The text of {@code ids} without BOS, EOS and PAD; markers are kept. */
    @Override
    public String decode(int[] ids) {
        return decode(ids, true);
    }

    /**
     * The text of {@code ids}, dropping the tokens flagged special (BOS, EOS, PAD) when
     * {@code skipSpecial}. Bytes that do not form valid UTF-8 (a sequence cut mid-character) become
     * U+FFFD, as in HF's decoder.
     */
    public String decode(int[] ids, boolean skipSpecial) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length * 4);
        for (int id : ids) {
            String t = token(id);
            if (skipSpecial && specialFlags.contains(t)) {
                continue;
            }
            byte[] mapped = new byte[t.length()];
            boolean allBytes = true;
            for (int i = 0; i < t.length() && allBytes; i++) {
                int b = ByteLevel.byteOf(t.charAt(i));
                allBytes = b >= 0;
                mapped[i] = (byte) b;
            }
            // HF's ByteLevel decoder falls back to a token's own UTF-8 when any character is not a byte.
            bytes.writeBytes(allBytes ? mapped : t.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The number of ids (the highest id plus one): the embedding rows a model needs. */
    @Override
    public int vocabSize() {
        return tokens.length;
    }

    /** The BOS id. */
    @Override
    public int bosId() {
        return added.get(specials.bos());
    }

    /** The EOS id. */
    @Override
    public int eosId() {
        return added.get(specials.eos());
    }

    /** The PAD id. */
    @Override
    public int padId() {
        return added.get(specials.pad());
    }

    /** The special tokens and markers. */
    public SpecialTokens specialTokens() {
        return specials;
    }

    /** The id of a token string (byte-level form, e.g. {@code Ġthe}), or -1. */
    public int id(String token) {
        return ids.getOrDefault(token, -1);
    }

    /** The token string of an id (byte-level form). */
    public String token(int id) {
        if (id < 0 || id >= tokens.length || tokens[id] == null) {
            throw new IllegalArgumentException("token id " + id + " outside vocabulary of " + tokens.length);
        }
        return tokens[id];
    }

    /** The number of merges, in rank order as trained. */
    public int mergeCount() {
        return merges.size();
    }

    /** Writes {@code tokenizer.json} and {@code tokenizer_config.json} into {@code dir}. */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot create " + dir, ex);
        }
        TokenizerFiles.write(dir.resolve(TokenizerFiles.TOKENIZER_JSON), toJsonNode());
        TokenizerFiles.writeConfig(dir, specials);
    }

    /** The {@code tokenizer.json} text, in the format HF's tokenizers library writes. */
    public String toJson() {
        return Json.write(toJsonNode());
    }

    private ObjectNode toJsonNode() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode addedTokens = root.putArray("added_tokens");
        added.forEach((content, id) -> addedTokens.addObject()
                .put("id", id)
                .put("content", content)
                .put("single_word", false)
                .put("lstrip", false)
                .put("rstrip", false)
                .put("normalized", false)
                .put("special", specialFlags.contains(content)));
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(false, true));
        root.set("post_processor", byteLevel(true, false));
        root.set("decoder", byteLevel(true, true));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < tokens.length; id++) {
            if (tokens[id] != null) {
                vocab.put(tokens[id], id);
            }
        }
        ArrayNode mergeList = model.putArray("merges");
        for (int[] m : merges) {
            // Byte-level tokens never contain a space (it is shown as Ġ), so "left right" is unambiguous
            // and readable by every tokenizers version.
            mergeList.add(tokens[m[0]] + " " + tokens[m[1]]);
        }
        return root;
    }

    private static ObjectNode byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("type", "ByteLevel");
        n.put("add_prefix_space", addPrefixSpace);
        n.put("trim_offsets", trimOffsets);
        n.put("use_regex", true);
        return n;
    }

    /** The ids of one pre-tokenized word, merged lowest rank first, leftmost on ties. */
    private int[] word(String piece) {
        int[] cached = cache.get(piece);
        if (cached != null) {
            return cached;
        }
        byte[] utf8 = piece.getBytes(StandardCharsets.UTF_8);
        int[] sym = new int[utf8.length];
        for (int i = 0; i < sym.length; i++) {
            sym[i] = byteIds[utf8[i] & 0xff];
        }
        int n = sym.length;
        while (n > 1) {
            int bestRank = Integer.MAX_VALUE;
            int bestAt = -1;
            int bestId = -1;
            for (int i = 0; i + 1 < n; i++) {
                int[] rankAndId = mergeRankAndId.get(BpeTrainer.slot(key(sym[i], sym[i + 1])));
                if (rankAndId != null && rankAndId[0] < bestRank) {
                    bestRank = rankAndId[0];
                    bestAt = i;
                    bestId = rankAndId[1];
                }
            }
            if (bestAt < 0) {
                break;
            }
            sym[bestAt] = bestId;
            System.arraycopy(sym, bestAt + 2, sym, bestAt + 1, n - bestAt - 2);
            n--;
        }
        int[] result = Arrays.copyOf(sym, n);
        if (piece.length() <= MAX_CACHED_WORD) {
            if (cache.size() >= MAX_CACHE_ENTRIES) {
                cache.clear();
            }
            cache.put(piece, result);
        }
        return result;
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    /** A growable int list, to avoid boxing on the encode path. */
    private static final class IntBuffer {
        private int[] data;
        private int size;

        IntBuffer(int capacity) {
            data = new int[capacity];
        }

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        void addAll(int[] vs) {
            if (size + vs.length > data.length) {
                data = Arrays.copyOf(data, Math.max(size * 2, size + vs.length));
            }
            System.arraycopy(vs, 0, data, size, vs.length);
            size += vs.length;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
