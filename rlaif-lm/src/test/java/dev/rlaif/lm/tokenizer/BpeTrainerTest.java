package dev.rlaif.lm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class BpeTrainerTest {

    /**
     * The incremental trainer must learn exactly the merges of the textbook algorithm that recounts
     * every pair after every merge (same tie-break), on corpora with heavy repetition such as
     * "aaaa" runs where overlapping pairs make the bookkeeping subtle.
     */
    @Property(tries = 20)
    void incrementalCountsEqualRecounting(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int minFreqExtra) {
        List<String> corpus = new ArrayList<>(Corpora.mixed(12, 15, seed));
        corpus.add("aaaa aaaaa aaa abab ababab xx xxx xxxx");
        BpeTrainingConfig config = new BpeTrainingConfig(SpecialTokens.defaults().all().size() + 256 + 60,
                1 + minFreqExtra, SpecialTokens.defaults());
        BpeTrainer.Result fast = new BpeTrainer(config).train(corpus);
        List<String> naive = naiveMerges(corpus, config);
        List<String> fastMerges = new ArrayList<>();
        for (int[] m : fast.merges()) {
            fastMerges.add(fast.vocab().get(m[0]) + " " + fast.vocab().get(m[1]));
        }
        assertEquals(naive, fastMerges);
    }

    @Example
    void stopsAtMinFrequencyAndReachesTargetOtherwise() {
        List<String> corpus = List.of("ab ab ab cd");
        BpeTrainingConfig strict = new BpeTrainingConfig(1000, 3, SpecialTokens.defaults());
        BpeTrainer.Result r = new BpeTrainer(strict).train(corpus);
        // "a b" occurs three times (in "ab" and twice in " ab"); every other pair at most twice.
        assertEquals(1, r.merges().size());
        assertEquals("ab", r.vocab().get(r.vocab().size() - 1));
        ByteLevelBpe big = ByteLevelBpe.train(Corpora.mixed(200, 40, 3), BpeTrainingConfig.of(400));
        assertEquals(400, big.vocabSize());
    }

    /**
     * Not a timed assertion: prints training and encoding speed on the Gorilla API corpus (about
     * 2 MB) so regressions show up in the test log. Uses the repository's data when present.
     */
    @Example
    void trainsAVocabularyOnAFewMegabytes() throws IOException {
        List<String> corpus = new ArrayList<>();
        Path data = Path.of("..", "data", "gorilla");
        long bytes = 0;
        if (Files.isDirectory(data)) {
            try (Stream<Path> files = Files.list(data)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsonl"))
                        .sorted().toList()) {
                    for (String line : Files.readAllLines(f)) {
                        if (bytes < 2_000_000) {
                            corpus.add(line);
                            bytes += line.length();
                        }
                    }
                }
            }
        }
        if (corpus.isEmpty()) {
            corpus = Corpora.mixed(20_000, 40, 5);
            bytes = corpus.stream().mapToLong(String::length).sum();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long w0 = System.nanoTime();
        long c0 = threads.getCurrentThreadCpuTime();
        ByteLevelBpe bpe = ByteLevelBpe.train(corpus, new BpeTrainingConfig(8000, 2,
                SpecialTokens.defaults().withGorillaMarkers()));
        long w1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        long tokens = 0;
        for (String doc : corpus) {
            tokens += bpe.encode(doc).length;
        }
        long w2 = System.nanoTime();
        long c2 = threads.getCurrentThreadCpuTime();
        // CPU time is the meaningful figure on a shared machine; wall time is printed alongside.
        System.out.printf("BPE: trained vocab %d on %.1f MB in %.2f s CPU (%.2f s wall); encoded %d tokens in"
                + " %.2f s CPU (%.2f s wall)%n", bpe.vocabSize(), bytes / 1e6, (c1 - c0) / 1e9, (w1 - w0) / 1e9, tokens,
                (c2 - c1) / 1e9, (w2 - w1) / 1e9);
        assertEquals(8000, bpe.vocabSize());
        assertEquals(corpus.get(corpus.size() / 2), bpe.decode(bpe.encode(corpus.get(corpus.size() / 2))));
    }

    /** The textbook BPE loop: recount all pairs each round, take the most frequent, merge everywhere. */
    private static List<String> naiveMerges(List<String> corpus, BpeTrainingConfig config) {
        Map<String, Integer> added = new LinkedHashMap<>();
        List<String> specials = config.specials().all();
        for (int i = 0; i < specials.size(); i++) {
            added.put(specials.get(i), i);
        }
        Map<String, Integer> counts = new HashMap<>();
        Matcher m = ByteLevel.PRE_TOKENIZER.matcher("");
        AddedTokenSplitter splitter = new AddedTokenSplitter(added);
        for (String doc : corpus) {
            splitter.split(doc, new AddedTokenSplitter.Sink() {
                @Override
                public void text(String piece) {
                    m.reset(piece);
                    while (m.find()) {
                        counts.merge(ByteLevel.encode(m.group()), 1, Integer::sum);
                    }
                }

                @Override
                public void added(int id) {
                }
            });
        }
        List<String> vocab = new ArrayList<>(specials);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            ids.put(vocab.get(i), i);
        }
        for (int b = 0; b < 256; b++) {
            ids.put(String.valueOf(ByteLevel.charOf(b)), vocab.size());
            vocab.add(String.valueOf(ByteLevel.charOf(b)));
        }
        List<List<Integer>> words = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        counts.forEach((w, c) -> {
            List<Integer> sym = new ArrayList<>();
            for (char ch : w.toCharArray()) {
                sym.add(ids.get(String.valueOf(ch)));
            }
            words.add(sym);
            weights.add(c);
        });
        List<String> merges = new ArrayList<>();
        while (vocab.size() < config.vocabSize()) {
            Map<Long, Long> pairs = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                List<Integer> s = words.get(w);
                for (int i = 0; i + 1 < s.size(); i++) {
                    pairs.merge(((long) s.get(i) << 32) | s.get(i + 1), (long) weights.get(w), Long::sum);
                }
            }
            long bestKey = -1;
            long bestCount = 0;
            for (Map.Entry<Long, Long> e : pairs.entrySet()) {
                if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < bestKey)) {
                    bestKey = e.getKey();
                    bestCount = e.getValue();
                }
            }
            if (bestKey < 0 || bestCount < config.minFrequency()) {
                break;
            }
            int a = (int) (bestKey >>> 32);
            int b = (int) bestKey;
            String merged = vocab.get(a) + vocab.get(b);
            int id = ids.computeIfAbsent(merged, k -> {
                vocab.add(k);
                return vocab.size() - 1;
            });
            merges.add(vocab.get(a) + " " + vocab.get(b));
            for (List<Integer> s : words) {
                for (int i = 0; i + 1 < s.size(); i++) {
                    if (s.get(i) == a && s.get(i + 1) == b) {
                        s.set(i, id);
                        s.remove(i + 1);
                    }
                }
            }
        }
        return merges;
    }
}
