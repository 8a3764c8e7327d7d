package dev.rlaif.lm.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.rlaif.lm.Gpt2Config;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.HostTensor;
import dev.rlaif.lm.TokenBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three engines on one tiny random model: ONNX Runtime running the exported graph, DJL/PyTorch
 * running {@link Gpt2Model}, and a plain-Java reference. Logits must agree within 1e-4 (max abs) at
 * every position of a batch with left and right padding.
 */
class OnnxParityTest {

    static final Gpt2Config CONFIG = new Gpt2Config(37, 16, 16, 2, 4, 1e-5, 0, 1, 2);
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    @Test
    void ortMatchesReferenceWithAndWithoutValueHead() {
        Map<String, HostTensor> w = randomWeights(CONFIG, 21);
        Path withHead = dir.resolve("with_head.onnx");
        Path withoutHead = dir.resolve("lm.onnx");
        OnnxExport.export(withHead, CONFIG, w, true);
        OnnxExport.export(withoutHead, CONFIG, w, false);
        SplittableRandom rng = new SplittableRandom(5);
        long[][] mask = {
            {1, 1, 1, 1, 1, 1, 1},
            {0, 0, 0, 1, 1, 1, 1},
            {0, 0, 1, 1, 1, 1, 0},
            {1, 1, 1, 1, 0, 0, 0}};
        long[][] ids = new long[mask.length][mask[0].length];
        for (long[] row : ids) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rng.nextInt(CONFIG.vocabSize());
            }
        }
        ReferenceDecoder ref = new ReferenceDecoder(CONFIG, w);
        double maxLogit = 0;
        double maxValue = 0;
        try (OnnxDecoder ort = OnnxDecoder.open(withHead, 1); OnnxDecoder lm = OnnxDecoder.open(withoutHead, 1)) {
            assertTrue(ort.hasValueHead());
            assertFalse(lm.hasValueHead());
            OnnxDecoder.Output out = ort.forward(ids, mask);
            OnnxDecoder.Output plain = lm.forward(ids, mask);
            assertNull(plain.values());
            assertEquals(CONFIG.vocabSize(), out.vocab());
            for (int b = 0; b < ids.length; b++) {
                ReferenceDecoder.Row r = ref.forward(ids[b], mask[b]);
                for (int t = 0; t < ids[b].length; t++) {
                    for (int v = 0; v < CONFIG.vocabSize(); v++) {
                        maxLogit = Math.max(maxLogit, Math.abs(out.logit(b, t, v) - r.logits()[t][v]));
                        assertEquals(out.logit(b, t, v), plain.logit(b, t, v), 0.0);
                    }
                    maxValue = Math.max(maxValue, Math.abs(out.values()[b * out.sequence() + t] - r.values()[t]));
                }
            }
        }
        System.out.printf("ONNX Runtime vs Java reference: max |logit diff| %.3g, max |value diff| %.3g%n", maxLogit, maxValue);
        assertTrue(maxLogit < TOLERANCE, "logits differ by " + maxLogit);
        assertTrue(maxValue < TOLERANCE, "values differ by " + maxValue);
    }

    @Test
    void ortMatchesDjl() {
        int[][] prompts = {{5, 6, 7, 8}, {9, 10}, {11, 12, 13}};
        int[][] completions = {{14, 15, 16}, {17}, {}};
        TokenBatch batch = new TokenBatch(prompts, completions, CONFIG.padTokenId());
        int p = batch.promptWidth();
        int t = batch.width();
        long[][] ids = new long[prompts.length][t];
        long[][] mask = new long[prompts.length][t];
        for (int b = 0; b < prompts.length; b++) {
            java.util.Arrays.fill(ids[b], CONFIG.padTokenId());
            for (int j = 0; j < prompts[b].length; j++) {
                ids[b][p - prompts[b].length + j] = prompts[b][j];
                mask[b][p - prompts[b].length + j] = 1;
            }
            for (int j = 0; j < completions[b].length; j++) {
                ids[b][p + j] = completions[b][j];
                mask[b][p + j] = 1;
            }
        }
        Path file = dir.resolve("djl.onnx");
        float[] djlLogits;
        float[] djlValues;
        // Weights far larger than GPT-2's 0.02 init, so the activations (and any mismatch) are not tiny.
        try (Gpt2Model model = Gpt2Model.fromHost(CONFIG, randomWeights(CONFIG, 33))) {
            OnnxExport.export(file, CONFIG, model.toHost(), true);
            try (NDManager step = model.newStepManager()) {
                Gpt2Model.Output out = model.forward(step, batch);
                djlLogits = out.logits().toFloatArray();
                djlValues = out.values().toFloatArray();
            }
        }
        double maxLogit = 0;
        double maxValue = 0;
        try (OnnxDecoder ort = OnnxDecoder.open(file)) {
            OnnxDecoder.Output out = ort.forward(ids, mask);
            assertEquals(djlLogits.length, out.logits().length);
            for (int i = 0; i < djlLogits.length; i++) {
                maxLogit = Math.max(maxLogit, Math.abs(djlLogits[i] - out.logits()[i]));
            }
            for (int i = 0; i < djlValues.length; i++) {
                maxValue = Math.max(maxValue, Math.abs(djlValues[i] - out.values()[i]));
            }
        }
        System.out.printf("ONNX Runtime vs DJL: max |logit diff| %.3g, max |value diff| %.3g%n", maxLogit, maxValue);
        assertTrue(maxLogit < TOLERANCE, "logits differ by " + maxLogit);
        assertTrue(maxValue < TOLERANCE, "values differ by " + maxValue);
    }

    @Test
    void paddingDoesNotChangeRealTokenLogits() {
        Map<String, HostTensor> w = randomWeights(CONFIG, 8);
        Path file = dir.resolve("pad.onnx");
        OnnxExport.export(file, CONFIG, w, false);
        try (OnnxDecoder ort = OnnxDecoder.open(file)) {
            OnnxDecoder.Output plain = ort.forward(new long[][] {{3, 4, 5}}, new long[][] {{1, 1, 1}});
            OnnxDecoder.Output padded = ort.forward(new long[][] {{30, 31, 3, 4, 5, 36}},
                    new long[][] {{0, 0, 1, 1, 1, 0}});
            for (int t = 0; t < 3; t++) {
                for (int v = 0; v < CONFIG.vocabSize(); v++) {
                    assertEquals(plain.logit(0, t, v), padded.logit(0, t + 2, v), 1e-5);
                }
            }
        }
    }

    @Test
    void rejectsMismatchedWeights() throws IOException {
        Map<String, HostTensor> w = randomWeights(CONFIG, 1);
        w.remove("v_head.weight");
        w.remove("v_head.bias");
        Path file = dir.resolve("x.onnx");
        assertThrows(IllegalArgumentException.class, () -> OnnxExport.export(file, CONFIG, w, true));
        w.remove("h.1.ln_2.bias");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExport.export(file, CONFIG, w, false));
        assertTrue(e.getMessage().contains("h.1.ln_2.bias"), e.getMessage());
        assertFalse(Files.exists(file));
    }

    static Map<String, HostTensor> randomWeights(Gpt2Config c, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, HostTensor> w = new LinkedHashMap<>();
        dev.rlaif.lm.io.HfCheckpoint.expectedShapes(c, true).forEach((name, shape) -> {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            float[] data = new float[(int) n];
            boolean gain = name.endsWith("ln_1.weight") || name.endsWith("ln_2.weight") || name.equals("ln_f.weight");
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) ((gain ? 1 : 0) + 0.3 * rng.nextGaussian());
            }
            w.put(name, new HostTensor(shape, data));
        });
        return w;
    }
}
