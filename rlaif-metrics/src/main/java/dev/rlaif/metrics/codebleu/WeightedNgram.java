package dev.rlaif.metrics.codebleu;

import dev.rlaif.metrics.text.Bleu;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CodeBLEU's keyword-weighted n-gram match: BLEU-4 built on n-gram recall summed over every
 * reference, with unigrams weighted 1 for keywords and 0.2 otherwise, epsilon smoothing, and the
 * reference's brevity penalty against a reference length of 2 per reference (see {@link CodeBleu}).
 */
final class WeightedNgram {

    private static final double OTHER_WEIGHT = 0.2;
    private static final double EPSILON = 0.1;

    private WeightedNgram() {
    }

    static double corpus(List<List<List<String>>> references, List<List<String>> hypotheses, Set<String> keywords) {
        double[] num = new double[Bleu.MAX_ORDER + 1];
        double[] den = new double[Bleu.MAX_ORDER + 1];
        long hypLength = 0;
        long refLength = 0;
        for (int k = 0; k < hypotheses.size(); k++) {
            List<String> hyp = hypotheses.get(k);
            for (int n = 1; n <= Bleu.MAX_ORDER; n++) {
                Map<List<String>, Integer> counts = ngrams(hyp, n);
                for (List<String> ref : references.get(k)) {
                    Map<List<String>, Integer> refCounts = ngrams(ref, n);
                    double clipped = 0;
                    double total = 0;
                    for (Map.Entry<List<String>, Integer> e : refCounts.entrySet()) {
                        double w = n == 1 ? (keywords.contains(e.getKey().get(0)) ? 1 : OTHER_WEIGHT) : 1;
                        clipped += w * Math.min(e.getValue(), counts.getOrDefault(e.getKey(), 0));
                        total += w * e.getValue();
                    }
                    num[n] += clipped;
                    den[n] += Math.max(1, total);
                }
            }
            hypLength += hyp.size();
            refLength += 2;
        }
        if (num[1] == 0) {
            return 0;
        }
        double logSum = 0;
        for (int n = 1; n <= Bleu.MAX_ORDER; n++) {
            double p = num[n] == 0 ? EPSILON / den[n] : num[n] / den[n];
            logSum += Math.log(p) / Bleu.MAX_ORDER;
        }
        double bp = hypLength > refLength ? 1 : hypLength == 0 ? 0 : Math.exp(1 - (double) refLength / hypLength);
        return bp * Math.exp(logSum);
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> out = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            out.merge(tokens.subList(i, i + n), 1, Integer::sum);
        }
        return out;
    }
}
