package dev.rlaif.metrics.gorilla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Hub;
import java.util.List;
import org.junit.jupiter.api.Test;

class GorillaAstEvaluatorTest {

    private static ApiDoc api(String domain, String name, String call) {
        return new ApiDoc(domain, "fw", null, name, call, null, null, null, null, "d");
    }

    private static final List<ApiDoc> HF = List.of(
            api("NLP", "bert", "AutoModel.from_pretrained('bert-base')"),
            api("Vision", "vit", "pipeline('image-classification', model='google/vit')"),
            api("NLP", "none", "SentimentModel()"),
            api("NLP", "bert-large", "AutoModel.from_pretrained('bert-base-large')"));

    @Test
    void candidateIsCutBetweenColonAndLastParen() {
        GorillaAstEvaluator e = GorillaAstEvaluator.of(Hub.HUGGINGFACE, HF);
        assertEquals("foo(x)", e.candidate("<<<domain>>>: D\n<<<api_call>>>: foo(x)\n<<<api_provider>>>: P"));
        assertEquals("foo(x)", e.candidate("<<<api_call>>>: foo(x)\\n<<<api_provider>>>: P"));
        // No ')' gives Python's seg[s+2:-1]: the last character is dropped.
        assertEquals("foo", e.candidate("<<<api_call>>>: foo\n"));
        assertEquals("whole text", e.candidate("whole text"));
        assertNull(GorillaAstEvaluator.of(Hub.TORCHHUB, HF).candidate("no marker here"));
    }

    @Test
    void firstMatchingEntryWinsAndDomainDecides() {
        GorillaAstEvaluator e = GorillaAstEvaluator.of(Hub.HUGGINGFACE, HF);
        // 'bert-base' is a substring of 'bert-base-large': entry 0 comes first and wins.
        GorillaJudgement j = e.judge("<<<api_call>>>: AutoModel.from_pretrained('bert-base-large')", HF.get(3));
        assertEquals(0, j.matchedIndex());
        assertEquals(GorillaVerdict.CORRECT, j.verdict());
        assertFalse(j.strict());
        GorillaJudgement v = e.judge("<<<api_call>>>: pipeline('image-classification', model='google/vit')", HF.get(0));
        assertEquals(1, v.matchedIndex());
        assertEquals(GorillaVerdict.WRONG, v.verdict());
        assertTrue(e.judge("pipeline('image-classification', model='google/vit')", HF.get(1)).strict());
    }

    @Test
    void unknownApiIsAHallucinationAndArgumentlessEntriesNeverMatch() {
        GorillaAstEvaluator e = GorillaAstEvaluator.of(Hub.HUGGINGFACE, HF);
        assertEquals(GorillaVerdict.HALLUCINATION, e.judge("<<<api_call>>>: SentimentModel()", HF.get(2)).verdict());
        assertEquals(GorillaVerdict.HALLUCINATION, e.judge("<<<api_call>>>: Other.load('x')", HF.get(0)).verdict());
        assertEquals(GorillaVerdict.WRONG, e.judge(null, HF.get(0)).verdict());
    }

    @Test
    void lastNodeFallThroughMatchesWhenNoCalleeIsFound() {
        // The callee differs, so the scripts fall through to the last listed node: the leftmost
        // chain, here the first string argument, which contains 'bert-base'.
        GorillaAstEvaluator e = GorillaAstEvaluator.of(Hub.HUGGINGFACE, HF);
        assertEquals(0, e.judge("load('bert-base', 1)", HF.get(0)).matchedIndex());
    }

    @Test
    void tensorflowKeepsWholeNonModelArguments() {
        List<ApiDoc> tf = List.of(api("Text", "use", "hub.KerasLayer('https://tfhub.dev/x', trainable=False)"));
        GorillaAstEvaluator e = GorillaAstEvaluator.of(Hub.TENSORFLOWHUB, tf);
        assertEquals(GorillaVerdict.CORRECT,
                e.judge("<<<api_call>>>: hub.KerasLayer('https://tfhub.dev/x', trainable=False)", tf.get(0)).verdict());
        // 'trainable=False' is required verbatim, spaces included.
        assertEquals(GorillaVerdict.HALLUCINATION,
                e.judge("<<<api_call>>>: hub.KerasLayer('https://tfhub.dev/x', trainable = False)", tf.get(0)).verdict());
    }

    @Test
    void torchhubChecksOnlyRepoAndModel() {
        List<ApiDoc> th = List.of(api("Classification", "resnet50",
                "torch.hub.load(repo_or_dir='pytorch/vision', model='resnet50', pretrained=True)"));
        GorillaAstEvaluator e = GorillaAstEvaluator.of(Hub.TORCHHUB, th);
        GorillaJudgement j = e.judge(
                "<<<api_call>>>: torch.hub.load(repo_or_dir='pytorch/vision', model='wide_resnet50_2')", th.get(0));
        assertEquals(GorillaVerdict.CORRECT, j.verdict());
        assertEquals(GorillaVerdict.WRONG, e.judge("torch.hub.load('pytorch/vision', 'resnet50')", th.get(0)).verdict());
    }

    @Test
    void evaluatorIsCachedPerDatabase() {
        assertSame(GorillaAstEvaluator.of(Hub.HUGGINGFACE, HF), GorillaAstEvaluator.of(Hub.HUGGINGFACE, List.copyOf(HF)));
    }

    @Test
    void corpusCountsEveryLine() {
        GorillaAstEvaluator e = GorillaAstEvaluator.of(Hub.HUGGINGFACE, HF);
        GorillaReport r = e.evaluate(List.of(
                new GorillaResponse(1, "<<<api_call>>>: AutoModel.from_pretrained('bert-base')"),
                new GorillaResponse(2, "<<<api_call>>>: Nope('x')"),
                new GorillaResponse(1, null)), List.of(HF.get(0), HF.get(1)));
        assertEquals(new GorillaReport(3, 1, 1, 1, 1), r);
        assertEquals(1.0 / 3, r.accuracy(), 1e-12);
    }
}
