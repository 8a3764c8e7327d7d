package dev.rlaif.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LmBenchTest {

    @BeforeAll
    static void setUp() {
        TestEngine.singleThreaded();
    }

    @Test
    void quickRunFillsEverySection() {
        LmBench.Report r = LmBench.run(LmBench.Options.quick());
        assertTrue(r.peakGflops() > 0);
        assertTrue(r.mfu() > 0 && r.mfu() < 2, "mfu " + r.mfu());
        assertTrue(r.genTokensPerSecond() > 0 && r.genUncachedTokensPerSecond() > 0);
        assertTrue(r.rssWarmKb() > 0 && r.rssEndKb() > 0);
        Map<String, Object> m = r.toMap();
        assertTrue(m.keySet().containsAll(java.util.List.of("matmul", "sft", "generation", "memory")), m.toString());
    }

    @Test
    void flopCountMatchesTheFormulaByHand() {
        Gpt2Config c = new Gpt2Config(10, 8, 4, 2, 2, 1e-5, 0, 0, 0);
        // 2 rows × 3 tokens: blocks 72·2·16 = 2304 and attention 12·2·4·3 = 288 per token; LM head 6·10·4 per answer token.
        assertEquals(6 * (2304 + 288) + 240.0 * 4, LmBench.trainFlops(c, 2, 3), 1e-9);
    }
}
