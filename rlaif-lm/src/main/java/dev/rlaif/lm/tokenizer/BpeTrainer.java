package dev.rlaif.lm.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.regex.Matcher;

/**
 * Learns byte-level BPE merges from word counts.
 *
 * <p>The corpus is cut around the special tokens, pre-tokenized with GPT-2's regex and counted once
 * per distinct word; merges then run on the distinct words weighted by their counts. Each merge
 * updates only the pairs it touches: every pair remembers the words it occurs in, the merged
 * pair's words are rewritten, and the pairs on either side of each rewrite get count deltas. A max-heap
 * with lazy deletion picks the next pair (entries whose count went stale are skipped when popped).
 * This keeps a vocabulary of a few thousand on a few megabytes of text to seconds on one core,
 * instead of recounting every pair after every merge.
 *
 * <p>Ties are broken by the smaller left id, then the smaller right id, which makes training
 * deterministic for a given corpus and config, independent of hash order.
 */
final class BpeTrainer {

    /** What training produces: tokens in id order and merges in rank order (as token-id pairs). */
    record Result(List<String> vocab, List<int[]> merges) {
    }

    private final BpeTrainingConfig config;

    BpeTrainer(BpeTrainingConfig config) {
        this.config = config;
    }

    Result train(Iterable<String> corpus) {
        List<String> vocab = new ArrayList<>(config.specials().all());
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> added = new LinkedHashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            ids.put(vocab.get(i), i);
            added.put(vocab.get(i), i);
        }
        int[] byteId = new int[BpeTrainingConfig.BYTE_TOKENS];
        for (int b = 0; b < byteId.length; b++) {
            String s = String.valueOf(ByteLevel.charOf(b));
            byteId[b] = vocab.size();
            ids.put(s, vocab.size());
            vocab.add(s);
        }
        Map<String, int[]> counts = countWords(corpus, new AddedTokenSplitter(added));
        int nWords = counts.size();
        int[][] words = new int[nWords][];
        int[] lengths = new int[nWords];
        long[] weights = new long[nWords];
        int w = 0;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            String word = e.getKey();
            int[] sym = new int[word.length()];
            for (int i = 0; i < sym.length; i++) {
                sym[i] = byteId[ByteLevel.byteOf(word.charAt(i))];
            }
            words[w] = sym;
            lengths[w] = sym.length;
            weights[w] = e.getValue()[0];
            w++;
        }
        counts.clear();

        Map<Long, Pair> pairs = new HashMap<>();
        for (w = 0; w < nWords; w++) {
            for (int i = 0; i + 1 < lengths[w]; i++) {
                long k = key(words[w][i], words[w][i + 1]);
                Pair p = pairs.computeIfAbsent(slot(k), s -> new Pair(k));
                p.count += weights[w];
                p.addWord(w);
            }
        }
        PriorityQueue<long[]> heap = new PriorityQueue<>(Math.max(16, pairs.size()), BpeTrainer::compareEntries);
        for (Pair p : pairs.values()) {
            heap.add(new long[] {p.count, p.key});
        }

        List<int[]> merges = new ArrayList<>();
        int[] visited = new int[nWords];
        java.util.Arrays.fill(visited, -1);
        Map<Long, Pair> touched = new HashMap<>();
        while (vocab.size() < config.vocabSize() && !heap.isEmpty()) {
            long[] top = heap.poll();
            Pair best = pairs.get(slot(top[1]));
            if (best == null || best.count != top[0]) {
                continue;
            }
            if (best.count < config.minFrequency()) {
                break;
            }
            int a = (int) (best.key >>> 32);
            int b = (int) best.key;
            String merged = vocab.get(a) + vocab.get(b);
            Integer existing = ids.get(merged);
            int id;
            if (existing != null) {
                id = existing;
            } else {
                id = vocab.size();
                vocab.add(merged);
                ids.put(merged, id);
            }
            merges.add(new int[] {a, b});
            pairs.remove(slot(best.key));
            int stamp = merges.size();
            touched.clear();
            for (int k = 0; k < best.wordCount; k++) {
                int word = best.words[k];
                if (visited[word] == stamp) {
                    continue;
                }
                visited[word] = stamp;
                lengths[word] = mergeWord(words[word], lengths[word], a, b, id, weights[word], word, best.key, pairs,
                        touched);
            }
            for (Pair p : touched.values()) {
                if (p.count > 0) {
                    heap.add(new long[] {p.count, p.key});
                } else {
                    pairs.remove(slot(p.key));
                }
            }
        }
        return new Result(List.copyOf(vocab), List.copyOf(merges));
    }

    /** Rewrites one word's occurrences of {@code (a, b)} left to right, recording neighbour deltas. */
    private static int mergeWord(int[] sym, int len, int a, int b, int id, long weight, int word, long mergedKey,
            Map<Long, Pair> pairs, Map<Long, Pair> touched) {
        int out = 0;
        int i = 0;
        boolean lastMerged = false;
        while (i < len) {
            if (i + 1 < len && sym[i] == a && sym[i + 1] == b) {
                if (out > 0) {
                    int prev = sym[out - 1];
                    if (!lastMerged) {
                        // After a merge, (b, a) was already taken off as that merge's right neighbour.
                        adjust(pairs, touched, key(prev, a), -weight, -1, mergedKey);
                    }
                    adjust(pairs, touched, key(prev, id), weight, word, mergedKey);
                }
                if (i + 2 < len) {
                    int next = sym[i + 2];
                    adjust(pairs, touched, key(b, next), -weight, -1, mergedKey);
                    // If the next pair is merged too, its own left-neighbour update replaces this one.
                    boolean nextMerges = i + 3 < len && next == a && sym[i + 3] == b;
                    if (!nextMerges) {
                        adjust(pairs, touched, key(id, next), weight, word, mergedKey);
                    }
                }
                sym[out++] = id;
                i += 2;
                lastMerged = true;
            } else {
                sym[out++] = sym[i++];
                lastMerged = false;
            }
        }
        return out;
    }

    private static void adjust(Map<Long, Pair> pairs, Map<Long, Pair> touched, long key, long delta, int word,
            long mergedKey) {
        if (key == mergedKey) {
            return;
        }
        Pair p = pairs.get(slot(key));
        if (p == null) {
            if (delta <= 0) {
                return;
            }
            p = new Pair(key);
            pairs.put(slot(key), p);
        }
        p.count += delta;
        if (word >= 0) {
            p.addWord(word);
        }
        touched.put(slot(key), p);
    }

    private static Map<String, int[]> countWords(Iterable<String> corpus, AddedTokenSplitter splitter) {
        Map<String, int[]> counts = new HashMap<>();
        Matcher m = ByteLevel.PRE_TOKENIZER.matcher("");
        AddedTokenSplitter.Sink sink = new AddedTokenSplitter.Sink() {
            @Override
            public void text(String piece) {
                m.reset(piece);
                while (m.find()) {
                    counts.computeIfAbsent(ByteLevel.encode(m.group()), k -> new int[1])[0]++;
                }
            }

            @Override
            public void added(int id) {
                // Special tokens are whole already; they take no part in merges.
            }
        };
        for (String doc : corpus) {
            splitter.split(doc, sink);
        }
        return counts;
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    /**
     * The hash-map key of a pair. {@code Long.hashCode} of {@link #key} is {@code a ^ b}, which
     * collides for every pair with equal XOR and degrades the maps to trees; multiplying by an odd
     * constant is a bijection that spreads the bits.
     */
    static long slot(long key) {
        return key * 0x9E3779B97F4A7C15L;
    }

    /** Higher count first; ties to the smaller (left, right) id pair, for determinism. */
    private static int compareEntries(long[] x, long[] y) {
        int c = Long.compare(y[0], x[0]);
        return c != 0 ? c : Long.compare(x[1], y[1]);
    }

    /** A pair's running count and the words it may occur in (a superset: stale entries are harmless). */
    private static final class Pair {
        final long key;
        long count;
        int[] words = new int[2];
        int wordCount;

        Pair(long key) {
            this.key = key;
        }

        void addWord(int w) {
            if (wordCount > 0 && words[wordCount - 1] == w) {
                return;
            }
            if (wordCount == words.length) {
                words = java.util.Arrays.copyOf(words, wordCount * 2);
            }
            words[wordCount++] = w;
        }
    }
}
