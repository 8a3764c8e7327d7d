package dev.rlaif.lm.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.lm.HostTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** ONNX Runtime against the plain-Java reference on random batches with random left and right padding. */
class OnnxRandomParityTest {

    private static Map<String, HostTensor> weights;
    private static Path file;
    private static OnnxDecoder ort;

    @BeforeContainer
    static void export() throws IOException {
        weights = OnnxParityTest.randomWeights(OnnxParityTest.CONFIG, 77);
        file = Files.createTempFile("parity", ".onnx");
        OnnxExport.export(file, OnnxParityTest.CONFIG, weights, true);
        ort = OnnxDecoder.open(file, 1);
    }

    @AfterContainer
    static void close() throws IOException {
        ort.close();
        Files.delete(file);
    }

    @Property(tries = 25)
    void logitsAndValuesMatchReference(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int batch,
            @ForAll @IntRange(min = 1, max = 16) int width) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[][] ids = new long[batch][width];
        long[][] mask = new long[batch][width];
        for (int b = 0; b < batch; b++) {
            int left = rng.nextInt(width);
            int right = rng.nextInt(width - left);
            for (int t = 0; t < width; t++) {
                ids[b][t] = rng.nextInt(OnnxParityTest.CONFIG.vocabSize());
                mask[b][t] = t >= left && t < width - right ? 1 : 0;
            }
        }
        OnnxDecoder.Output out = ort.forward(ids, mask);
        ReferenceDecoder ref = new ReferenceDecoder(OnnxParityTest.CONFIG, weights);
        double max = 0;
        for (int b = 0; b < batch; b++) {
            ReferenceDecoder.Row r = ref.forward(ids[b], mask[b]);
            for (int t = 0; t < width; t++) {
                for (int v = 0; v < out.vocab(); v++) {
                    max = Math.max(max, Math.abs(out.logit(b, t, v) - r.logits()[t][v]));
                }
                max = Math.max(max, Math.abs(out.values()[b * width + t] - r.values()[t]));
            }
        }
        assertTrue(max < 1e-4, "max abs difference " + max);
    }
}
