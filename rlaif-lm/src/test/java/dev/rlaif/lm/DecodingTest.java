package dev.rlaif.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.SamplingConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DecodingTest {

    private static final CharTokenizer TOK = new CharTokenizer();
    private static Gpt2Model model;

    @BeforeAll
    static void setUp() {
        TestEngine.singleThreaded();
        model = Gpt2Model.create(new Gpt2Config(TOK.vocabSize(), 64, 32, 2, 4, 1e-5, 1, 2, 0), false, 7);
    }

    @AfterAll
    static void tearDown() {
        model.close();
    }

    private static DecoderPolicy policy(int batch) {
        return new DecoderPolicy(model, TOK, dev.rlaif.core.PromptFormat.full(), batch, new int[] {TOK.eosId()});
    }

    @Test
    void cachedAndUncachedGreedyDecodingAgreeWithLeftPadding() {
        List<int[]> prompts = List.of(TOK.encode("a"), TOK.encode("hello world"), TOK.encode("xyz"));
        SamplingConfig cfg = SamplingConfig.greedy(20);
        List<Generation> cached = policy(3).generateIds(prompts, cfg, true);
        List<Generation> full = policy(3).generateIds(prompts, cfg, false);
        for (int i = 0; i < prompts.size(); i++) {
            assertArrayEquals(full.get(i).tokenIds(), cached.get(i).tokenIds(), "row " + i);
            assertArrayEquals(full.get(i).logprobs(), cached.get(i).logprobs(), 1e-4f, "row " + i);
        }
        assertEquals(20, cached.get(1).tokenIds().length + (cached.get(1).endedWithStop() ? 0 : 0));
    }

    @Test
    void batchedRowsEqualUnbatchedRows() {
        List<int[]> prompts = List.of(TOK.encode("a"), TOK.encode("hello world"));
        SamplingConfig cfg = new SamplingConfig(12, 1.0, 0, 1.0, 2, 42);
        List<Generation> batched = policy(4).generateIds(prompts, cfg);
        List<Generation> single = policy(1).generateIds(prompts, cfg);
        assertEquals(4, batched.size());
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(single.get(i).tokenIds(), batched.get(i).tokenIds(), "row " + i);
        }
        assertTrue(!java.util.Arrays.equals(batched.get(0).tokenIds(), batched.get(1).tokenIds()),
                "two samples of one prompt should differ");
    }
}
