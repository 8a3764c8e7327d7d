package dev.rlaif.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.io.Json;
import dev.rlaif.core.io.Jsonl;
import dev.rlaif.metrics.codebleu.CodeBleu;
import dev.rlaif.metrics.text.Bleu;
import dev.rlaif.metrics.text.RougeL;
import dev.rlaif.metrics.text.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rlaif score}: CodeBLEU (with its four components), BLEU-4 and ROUGE-L of prediction and
 * reference pairs, at corpus level or per pair.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "CodeBLEU, BLEU and ROUGE-L of JSONL pairs {\"reference\": ..., \"prediction\": ...};"
                + " reference may be a list of references.")
final class ScoreCommand implements Callable<Integer> {

    /** One input line. */
    private record Pair(List<String> references, String prediction) {
    }

    @Option(names = "--input", required = true, paramLabel = "PAIRS", description = "JSONL file of pairs.")
    Path input;

    @Option(names = "--json", description = "Print JSON to stdout.")
    boolean json;

    @Option(names = "--per-pair", description = "Print one JSON line per pair instead of the corpus scores.")
    boolean perPair;

    @Option(names = "--tokenizer", paramLabel = "NAME", defaultValue = "whitespace",
            description = "Tokenizer of CodeBLEU and BLEU: whitespace (the reference's, default) or code.")
    String tokenizer;

    @Option(names = "--rouge-tokenizer", paramLabel = "NAME", defaultValue = "rouge",
            description = "Tokenizer of ROUGE-L: rouge (rouge-score's, default) or code.")
    String rougeTokenizer;

    @Override
    public Integer call() {
        Tokenizer tok = tokenizer(tokenizer, "--tokenizer");
        Tokenizer rougeTok = tokenizer(rougeTokenizer, "--rouge-tokenizer");
        List<Pair> pairs = Jsonl.read(input, (node, line) -> pair(node), Jsonl.BadLines.FAIL).values();
        System.err.printf("score: %d pairs%n", pairs.size());
        CodeBleu codeBleu = new CodeBleu(CodeBleu.Weights.DEFAULT, tok);
        Bleu bleu = new Bleu(Bleu.Smoothing.EPSILON);
        RougeL rouge = new RougeL(rougeTok);
        if (perPair) {
            for (int i = 0; i < pairs.size(); i++) {
                Pair p = pairs.get(i);
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("line", i + 1);
                put(o, codeBleu.score(p.references, p.prediction));
                o.put("bleu", bleu.sentence(tokens(p.references, tok), tok.tokenize(p.prediction)));
                putRouge(o, best(rouge, p));
                System.out.println(o.toString());
            }
            return 0;
        }
        List<List<String>> refs = new ArrayList<>();
        List<String> preds = new ArrayList<>();
        List<List<List<String>>> refTokens = new ArrayList<>();
        List<List<String>> predTokens = new ArrayList<>();
        double[] rougeSum = new double[3];
        for (Pair p : pairs) {
            refs.add(p.references);
            preds.add(p.prediction);
            refTokens.add(tokens(p.references, tok));
            predTokens.add(tok.tokenize(p.prediction));
            RougeL.Score s = best(rouge, p);
            rougeSum[0] += s.precision();
            rougeSum[1] += s.recall();
            rougeSum[2] += s.f1();
        }
        int n = Math.max(1, pairs.size());
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("n", pairs.size());
        put(o, codeBleu.corpus(refs, preds));
        o.put("bleu", bleu.corpus(refTokens, predTokens));
        putRouge(o, new RougeL.Score(rougeSum[0] / n, rougeSum[1] / n, rougeSum[2] / n));
        ObjectNode t = o.putObject("tokenizers");
        t.put("codebleu", tok.name().toLowerCase(Locale.ROOT));
        t.put("bleu", tok.name().toLowerCase(Locale.ROOT));
        t.put("rouge_l", rougeTok.name().toLowerCase(Locale.ROOT));
        System.out.println(json ? o.toPrettyString() : o.toString());
        return 0;
    }

    private static Tokenizer tokenizer(String name, String option) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "whitespace": return Tokenizer.WHITESPACE;
            case "code": return Tokenizer.CODE;
            case "rouge": return Tokenizer.ROUGE;
            default: throw new IllegalArgumentException(option + ": unknown tokenizer '" + name
                    + "' (expected whitespace, code or rouge)");
        }
    }

    private static Pair pair(JsonNode node) {
        JsonNode ref = Json.require(node, "reference");
        List<String> refs = new ArrayList<>();
        if (ref.isArray()) {
            for (JsonNode r : ref) {
                if (!r.isTextual()) {
                    throw new IllegalArgumentException("\"reference\" list must hold strings");
                }
                refs.add(r.asText());
            }
        } else if (ref.isTextual()) {
            refs.add(ref.asText());
        } else {
            throw new IllegalArgumentException("\"reference\" must be a string or a list of strings");
        }
        if (refs.isEmpty()) {
            throw new IllegalArgumentException("\"reference\" list is empty");
        }
        return new Pair(List.copyOf(refs), Json.requireString(node, "prediction"));
    }

    private static List<List<String>> tokens(List<String> refs, Tokenizer tok) {
        List<List<String>> out = new ArrayList<>();
        for (String r : refs) {
            out.add(tok.tokenize(r));
        }
        return out;
    }

    /** ROUGE-L against the best-matching reference (by F1), as multi-reference ROUGE usually takes. */
    private static RougeL.Score best(RougeL rouge, Pair p) {
        RougeL.Score best = null;
        for (String r : p.references) {
            RougeL.Score s = rouge.score(r, p.prediction);
            if (best == null || s.f1() > best.f1()) {
                best = s;
            }
        }
        return best;
    }

    private static void put(ObjectNode o, CodeBleu.Score s) {
        ObjectNode c = o.putObject("codebleu");
        c.put("score", s.codebleu());
        c.put("ngram", s.ngram());
        c.put("weighted_ngram", s.weightedNgram());
        c.put("syntax", s.syntax());
        c.put("dataflow", s.dataflow());
    }

    private static void putRouge(ObjectNode o, RougeL.Score s) {
        ObjectNode r = o.putObject("rouge_l");
        r.put("precision", s.precision());
        r.put("recall", s.recall());
        r.put("f1", s.f1());
    }
}
