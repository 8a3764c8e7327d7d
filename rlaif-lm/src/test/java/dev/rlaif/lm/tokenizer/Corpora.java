package dev.rlaif.lm.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small deterministic corpora mixing English, Python, Gorilla-style answers and non-Latin scripts. */
final class Corpora {

    private static final String[] WORDS = {
        "the", "model", "load", "image", "classification", "pretrained", "torch", "hub", "pipeline", "text",
        "translate", "German", "café", "naïve", "résumé", "Straße", "日本語", "テキスト", "中文", "模型", "Привет",
        "мир", "🤖", "👍🏽", "x", "=", "(", ")", "'", ",", ".", ":", "\n", "\t", "  ", "123", "3.14", "don't",
        "we've", "I'll", "it's", "<<<api_call>>>", "###Output:", "<|endoftext|>", "resnet50", "bert-base-uncased"};

    private Corpora() {
    }

    /** {@code docs} documents of about {@code wordsPerDoc} words each. */
    static List<String> mixed(int docs, int wordsPerDoc, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (int d = 0; d < docs; d++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < wordsPerDoc; w++) {
                // A Zipf-like skew so that merges have clear winners, as in real text.
                int i = (int) Math.min(WORDS.length - 1, Math.floor(Math.pow(rng.nextDouble(), 2.5) * WORDS.length));
                sb.append(WORDS[i]);
                sb.append(rng.nextInt(5) == 0 ? "" : " ");
            }
            out.add(sb.toString());
        }
        return out;
    }
}
