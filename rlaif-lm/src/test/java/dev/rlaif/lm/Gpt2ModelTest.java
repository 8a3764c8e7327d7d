package dev.rlaif.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Gpt2ModelTest {

    private static final Gpt2Config TINY = new Gpt2Config(13, 16, 8, 2, 2, 1e-5, 1, 2, 0);

    @org.junit.jupiter.api.BeforeAll
    static void setUp() {
        TestEngine.singleThreaded();
    }

    private static TokenBatch ragged() {
        return new TokenBatch(
                new int[][] {{3, 4, 5}, {6}, {7, 8}},
                new int[][] {{9, 10}, {11, 12, 3, 2}, {}},
                0);
    }

    /** The scalar whose gradient is checked: every output the trainers use, weighted at random. */
    private static NDArray objective(Gpt2Model model, NDManager step, TokenBatch batch) {
        ScoredTokens s = model.score(step, batch, 0.7, true);
        Shape shape = s.logprobs().getShape();
        SplittableRandom rng = new SplittableRandom(5);
        double[] w = rng.doubles(shape.size() * 3, -1, 1).toArray();
        NDArray w1 = step.create(Arrays.copyOfRange(w, 0, (int) shape.size()), shape);
        NDArray w2 = step.create(Arrays.copyOfRange(w, (int) shape.size(), 2 * (int) shape.size()), shape);
        NDArray w3 = step.create(Arrays.copyOfRange(w, 2 * (int) shape.size(), 3 * (int) shape.size()), shape);
        return s.logprobs().mul(w1).sum().add(s.entropy().mul(w2).sum()).add(s.values().mul(w3).sum())
                .add(model.lastTokenValues(step, batch).sum());
    }

    private static double objectiveValue(Gpt2Model model, TokenBatch batch) {
        try (Engines.Scope ng = Engines.noGrad(); NDManager step = model.newStepManager()) {
            return objective(model, step, batch).toDoubleArray()[0];
        }
    }

    @Test
    void autogradMatchesFiniteDifferencesInFloat64() {
        TokenBatch batch = ragged();
        try (Gpt2Model model = Gpt2Model.create(TINY, true, 3, DataType.FLOAT64, Device.cpu())) {
            Map<String, double[]> grads = new LinkedHashMap<>();
            try (GradientCollector gc = Engines.pytorch().newGradientCollector(); NDManager step = model.newStepManager()) {
                gc.backward(objective(model, step, batch));
            }
            model.parameters().forEach((name, p) -> {
                try (NDArray g = p.getGradient()) {
                    grads.put(name, g.toDoubleArray());
                }
            });
            SplittableRandom rng = new SplittableRandom(9);
            double h = 1e-6;
            int checked = 0;
            for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
                NDArray p = e.getValue();
                double[] base = p.toDoubleArray();
                for (int k = 0; k < 3; k++) {
                    int i = rng.nextInt(base.length);
                    double[] plus = base.clone();
                    plus[i] += h;
                    setParam(p, plus);
                    double up = objectiveValue(model, batch);
                    double[] minus = base.clone();
                    minus[i] -= h;
                    setParam(p, minus);
                    double down = objectiveValue(model, batch);
                    setParam(p, base);
                    double numeric = (up - down) / (2 * h);
                    double analytic = grads.get(e.getKey())[i];
                    assertEquals(numeric, analytic, 1e-6 + 1e-5 * Math.abs(numeric), e.getKey() + "[" + i + "]");
                    checked++;
                }
            }
            assertTrue(checked >= 3 * 30);
            assertTrue(Arrays.stream(grads.get("wte.weight")).anyMatch(g -> Math.abs(g) > 1e-4), "gradient reaches wte");
        }
    }

    private static void setParam(NDArray p, double[] values) {
        try (Engines.Scope ng = Engines.noGrad()) {
            p.set(values);
        }
    }

    @Test
    void logprobsAreTheLogSoftmaxOfTheLogitsAtThePredictingColumn() {
        TokenBatch batch = ragged();
        try (Gpt2Model model = Gpt2Model.create(TINY, false, 4); Engines.Scope ng = Engines.noGrad();
                NDManager step = model.newStepManager()) {
            float[] logits = model.forward(step, batch).logits().toFloatArray();
            TokenLogprobs scored = model.scoreNoGrad(batch, 1.0);
            int p = batch.promptWidth();
            int t = batch.width();
            int v = TINY.vocabSize();
            for (int b = 0; b < batch.size(); b++) {
                assertEquals(batch.completions()[b].length, scored.logprobs()[b].length);
                for (int j = 0; j < batch.completions()[b].length; j++) {
                    int off = (b * t + p - 1 + j) * v;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < v; k++) {
                        max = Math.max(max, logits[off + k]);
                    }
                    double z = 0;
                    double ent = 0;
                    for (int k = 0; k < v; k++) {
                        z += Math.exp(logits[off + k] - max);
                    }
                    for (int k = 0; k < v; k++) {
                        double lp = logits[off + k] - max - Math.log(z);
                        ent -= Math.exp(lp) * lp;
                    }
                    double expected = logits[off + batch.completions()[b][j]] - max - Math.log(z);
                    assertEquals(expected, scored.logprobs()[b][j], 1e-5);
                    assertEquals(ent, scored.entropy()[b][j], 1e-5);
                }
            }
        }
    }

    @Test
    void aBatchWiderThanNPositionsScoresEachRowAsAlone() {
        // n_positions 16: row 0 is a 12-token prompt with a 2-token answer, row 1 a 2-token prompt with
        // a 12-token answer; each row fits, the padded batch is 12 + 12 = 24 columns wide.
        int[] p0 = {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 3, 4};
        int[] a0 = {5, 6};
        int[] p1 = {7, 8};
        int[] a1 = {9, 10, 11, 12, 3, 4, 5, 6, 7, 8, 9, 2};
        try (Gpt2Model model = Gpt2Model.create(TINY, false, 5); Engines.Scope ng = Engines.noGrad();
                NDManager step = model.newStepManager()) {
            TokenBatch both = new TokenBatch(new int[][] {p0, p1}, new int[][] {a0, a1}, 0);
            assertTrue(both.width() > TINY.nPositions());
            float[][] together = model.scoreNoGrad(both, 1.0).logprobs();
            float[] alone0 = model.scoreNoGrad(new TokenBatch(new int[][] {p0}, new int[][] {a0}, 0), 1.0).logprobs()[0];
            float[] alone1 = model.scoreNoGrad(new TokenBatch(new int[][] {p1}, new int[][] {a1}, 0), 1.0).logprobs()[0];
            assertArrayEquals(alone0, Arrays.copyOf(together[0], a0.length), 1e-5f);
            assertArrayEquals(alone1, Arrays.copyOf(together[1], a1.length), 1e-5f);
            TokenBatch tooLong = new TokenBatch(new int[][] {p0}, new int[][] {a1}, 0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.scoreNoGrad(tooLong, 1.0));
            assertTrue(e.getMessage().contains("n_positions"), e.getMessage());
        }
    }

    @Test
    void leftPaddingDoesNotChangeAPromptsLogits() {
        int[] prompt = {4, 5, 6, 7};
        try (Gpt2Model model = Gpt2Model.create(TINY, false, 5); Engines.Scope ng = Engines.noGrad();
                NDManager step = model.newStepManager()) {
            TokenBatch alone = TokenBatch.promptsOnly(new int[][] {prompt}, 0);
            TokenBatch padded = TokenBatch.promptsOnly(new int[][] {{3, 3, 3, 3, 3, 3, 3}, prompt}, 0);
            float[] a = model.forward(step, alone).logits().toFloatArray();
            float[] b = model.forward(step, padded).logits().toFloatArray();
            int v = TINY.vocabSize();
            // Row 1 of the padded batch holds 3 padding columns, then the prompt.
            float[] tail = Arrays.copyOfRange(b, (7 + 3) * v, 14 * v);
            assertArrayEquals(a, tail, 1e-5f);
        }
    }

    @Test
    void valueHeadReadsTheLastRealToken() {
        TokenBatch batch = ragged();
        try (Gpt2Model model = Gpt2Model.create(TINY, true, 6); Engines.Scope ng = Engines.noGrad();
                NDManager step = model.newStepManager()) {
            Gpt2Model.Output out = model.forward(step, batch);
            assertEquals(new Shape(3, batch.width()), out.values().getShape());
            float[] all = out.values().toFloatArray();
            float[] last = model.lastTokenValuesNoGrad(batch);
            assertEquals(3, last.length);
            assertEquals(4, batch.lastTokenColumn(0));
            assertEquals(6, batch.lastTokenColumn(1));
            assertEquals(2, batch.lastTokenColumn(2));
            for (int b = 0; b < 3; b++) {
                assertEquals(all[b * batch.width() + batch.lastTokenColumn(b)], last[b], 1e-6f);
            }
            float[][] perToken = model.scoreNoGrad(batch, 1.0).values();
            assertEquals(all[batch.promptWidth() - 1], perToken[0][0], 1e-6f, "critic value precedes its token");
        }
        try (Gpt2Model plain = Gpt2Model.create(TINY, false, 6)) {
            assertThrows(IllegalStateException.class, () -> plain.lastTokenValuesNoGrad(batch));
        }
    }

    @Test
    void hostRoundTripKeepsHuggingFaceOrientationAndLogits() {
        TokenBatch batch = ragged();
        try (Gpt2Model model = Gpt2Model.create(TINY, true, 7)) {
            Map<String, HostTensor> host = model.toHost();
            assertArrayEquals(new long[] {8, 24}, host.get("h.0.attn.c_attn.weight").shape());
            assertArrayEquals(new long[] {32, 8}, host.get("h.1.mlp.c_proj.weight").shape());
            assertArrayEquals(new long[] {8, 1}, host.get("v_head.weight").shape());
            assertEquals(model.parameterCount(), TINY.parameterCount() + 9);
            Map<String, HostTensor> prefixed = new LinkedHashMap<>();
            host.forEach((k, v) -> prefixed.put(k.startsWith("v_head") ? k : "transformer." + k, v));
            prefixed.put("transformer.h.0.attn.bias", new HostTensor(new long[] {1}, new float[1]));
            try (Gpt2Model back = Gpt2Model.fromHost(TINY, prefixed)) {
                TokenLogprobs a = model.scoreNoGrad(batch, 1.0);
                TokenLogprobs b = back.scoreNoGrad(batch, 1.0);
                for (int r = 0; r < 3; r++) {
                    assertArrayEquals(a.logprobs()[r], b.logprobs()[r], 0f);
                    assertArrayEquals(a.values()[r], b.values()[r], 0f);
                }
            }
            host.remove("ln_f.bias");
            assertThrows(IllegalArgumentException.class, () -> Gpt2Model.fromHost(TINY, host));
        }
    }

    @Test
    void conv1DWeightsActAsXTimesW() {
        // A 1-layer model whose only non-zero path is c_fc: checks that HF's [in, out] matrix
        // multiplies from the right (y = x·W), by comparing two hand-built weight sets.
        Gpt2Config c = new Gpt2Config(5, 4, 4, 1, 1, 1e-5, 0, 0, 0);
        try (Gpt2Model ref = Gpt2Model.create(c, false, 1)) {
            Map<String, HostTensor> w = ref.toHost();
            float[] fc = new float[4 * 16];
            fc[0 * 16 + 5] = 1f; // input feature 0 feeds hidden unit 5
            w.put("h.0.mlp.c_fc.weight", new HostTensor(new long[] {4, 16}, fc));
            float[] proj = new float[16 * 4];
            proj[5 * 4 + 2] = 1f; // hidden unit 5 feeds output feature 2
            w.put("h.0.mlp.c_proj.weight", new HostTensor(new long[] {16, 4}, proj));
            try (Gpt2Model m = Gpt2Model.fromHost(c, w); Engines.Scope ng = Engines.noGrad();
                    NDManager step = m.newStepManager()) {
                NDArray x = step.create(new float[] {2f, 0f, 0f, 0f}, new Shape(1, 1, 4));
                Map<String, NDArray> p = m.parameters();
                Mlp mlp = new Mlp(new Dense(p.get("h.0.mlp.c_fc.weight"), p.get("h.0.mlp.c_fc.bias")),
                        new Dense(p.get("h.0.mlp.c_proj.weight"), p.get("h.0.mlp.c_proj.bias")));
                float[] y = mlp.forward(x).toFloatArray();
                float gelu2 = (float) (0.5 * 2 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (2 + 0.044715 * 8))));
                assertArrayEquals(new float[] {0f, 0f, gelu2, 0f}, y, 1e-6f);
            }
        }
    }
}
