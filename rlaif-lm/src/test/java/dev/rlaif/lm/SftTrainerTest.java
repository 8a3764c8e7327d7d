package dev.rlaif.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.SamplingConfig;
import dev.rlaif.core.TrainingListener;
import dev.rlaif.core.TrainingReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftTrainerTest {

    private static final CharTokenizer TOK = new CharTokenizer();
    private static final Gpt2Config TINY = new Gpt2Config(TOK.vocabSize(), 32, 32, 2, 2, 1e-5, 1, 2, 0);
    private static final String[][] CORPUS = {
        {"sum 1 2=", "3"}, {"sum 2 2=", "4"}, {"cat ab=", "ab!"}, {"rev abc=", "cba"}, {"len xyz=", "3"},
        {"api img=", "resnet50"}, {"api txt=", "bert"},
    };

    @BeforeAll
    static void setUp() {
        TestEngine.singleThreaded();
    }

    private static List<SftExample> corpus() {
        List<SftExample> out = new ArrayList<>();
        for (String[] row : CORPUS) {
            int[] a = TOK.encode(row[1]);
            int[] answer = java.util.Arrays.copyOf(a, a.length + 1);
            answer[a.length] = TOK.eosId();
            out.add(new SftExample(TOK.encode(row[0]), answer));
        }
        return out;
    }

    @Test
    void learnsAToyCorpusAndGreedyDecodingReproducesIt() {
        SftConfig cfg = SftConfig.defaults().withBatch(7, 1).withMaxSteps(150).withLearningRate(1e-2, 10)
                .withIntervals(50, 0);
        List<Double> evals = new ArrayList<>();
        try (Gpt2Model model = Gpt2Model.create(TINY, false, 1)) {
            double before = SftTrainer.evalLoss(model, corpus(), 4);
            TrainingReport r = new SftTrainer(cfg).train(model, corpus(), corpus(), null,
                    (s, t, m) -> {
                        if (m.containsKey("eval/loss")) {
                            evals.add(m.get("eval/loss"));
                        }
                    });
            assertEquals(150, r.steps());
            assertTrue(before > 3, "an untrained model is near uniform: " + before);
            assertTrue(r.last().get("train/loss") < 0.05, "final loss " + r.last());
            assertEquals(3, evals.size());
            DecoderPolicy policy = new DecoderPolicy(model, TOK, dev.rlaif.core.PromptFormat.full(), 4,
                    new int[] {TOK.eosId()});
            List<int[]> prompts = new ArrayList<>();
            for (String[] row : CORPUS) {
                prompts.add(TOK.encode(row[0]));
            }
            List<Generation> out = policy.generateIds(prompts, SamplingConfig.greedy(12));
            for (int i = 0; i < CORPUS.length; i++) {
                Generation g = out.get(i);
                assertTrue(g.endedWithStop(), "row " + i + " stops");
                int[] text = java.util.Arrays.copyOf(g.tokenIds(), g.tokenIds().length - 1);
                assertEquals(CORPUS[i][1], TOK.decode(text));
                for (float lp : g.logprobs()) {
                    assertTrue(lp > -0.5, "confident greedy token: " + lp);
                }
            }
        }
    }

    @Test
    void resumedRunEndsWithTheParametersOfAnUninterruptedRun(@TempDir Path dir) throws Exception {
        SftConfig cfg = SftConfig.defaults().withBatch(3, 2).withMaxSteps(6).withLearningRate(3e-3, 2)
                .withIntervals(0, 0).withSeed(17);
        Map<String, HostTensor> uninterrupted;
        try (Gpt2Model model = Gpt2Model.create(TINY, false, 2)) {
            new SftTrainer(cfg).train(model, corpus(), List.of(), null, TrainingListener.none());
            uninterrupted = model.toHost();
        }
        Path ckpt = dir.resolve("ckpt");
        try (Gpt2Model model = Gpt2Model.create(TINY, false, 2)) {
            TrainingReport first = new SftTrainer(cfg).train(model, corpus(), List.of(), ckpt, TrainingListener.none(), 3);
            assertEquals(3, first.steps());
        }
        assertTrue(Files.exists(ckpt.resolve(SftTrainer.TRAINER_STATE)));
        assertTrue(Files.exists(ckpt.resolve("model.safetensors")));
        assertTrue(Files.exists(ckpt.resolve(SftTrainer.OPTIMIZER_FILE)));
        assertTrue(Files.exists(ckpt.resolve(SftTrainer.PROVENANCE_FILE)));
        try (Gpt2Model fresh = Gpt2Model.create(TINY, false, 99)) {
            TrainingReport rest = new SftTrainer(cfg).train(fresh, corpus(), List.of(), ckpt, TrainingListener.none());
            assertEquals(6, rest.steps(), "history spans both invocations");
            Map<String, HostTensor> resumed = fresh.toHost();
            for (Map.Entry<String, HostTensor> e : uninterrupted.entrySet()) {
                assertArrayEquals(e.getValue().data(), resumed.get(e.getKey()).data(), 1e-6f, e.getKey());
            }
        }
    }

    @Test
    void accumulatingMicroBatchesEqualsOneLargeBatch() {
        SftConfig big = SftConfig.defaults().withBatch(4, 1).withMaxSteps(2).withLearningRate(1e-3, 0).withIntervals(0, 0);
        SftConfig split = big.withBatch(2, 2);
        Map<String, HostTensor> a;
        Map<String, HostTensor> b;
        List<SftExample> four = corpus().subList(0, 4);
        // One epoch per step for both (batch 4 of 4 examples), so both see the same examples.
        try (Gpt2Model model = Gpt2Model.create(TINY, false, 3)) {
            new SftTrainer(big).train(model, four, List.of(), null, TrainingListener.none());
            a = model.toHost();
        }
        try (Gpt2Model model = Gpt2Model.create(TINY, false, 3)) {
            new SftTrainer(split).train(model, four, List.of(), null, TrainingListener.none());
            b = model.toHost();
        }
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name).data(), b.get(name).data(), 2e-6f, name);
        }
    }

    @Test
    void scheduleWarmsUpThenDecaysToItsFloor() {
        LrSchedule s = new LrSchedule(1.0, 4, 104, 0.1);
        assertEquals(0.25, s.at(0), 1e-12);
        assertEquals(1.0, s.at(3), 1e-12);
        assertEquals(1.0, s.at(4), 1e-12);
        assertEquals(0.55, s.at(54), 1e-12);
        assertEquals(0.1, s.at(104), 1e-12);
        assertEquals(0.1, s.at(500), 1e-12);
    }
}
