package dev.rlaif.lm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.lm.Gpt2Config;
import dev.rlaif.lm.HostTensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfCheckpointTest {

    private static final Gpt2Config CONFIG = new Gpt2Config(11, 8, 4, 2, 2, 1e-5, 0, 1, 2);

    @TempDir
    Path dir;

    static Map<String, HostTensor> randomWeights(Gpt2Config c, boolean valueHead, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, HostTensor> w = new LinkedHashMap<>();
        HfCheckpoint.expectedShapes(c, valueHead).forEach((name, shape) -> {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            float[] data = new float[(int) n];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) rng.nextGaussian();
            }
            w.put(name, new HostTensor(shape, data));
        });
        return w;
    }

    @Test
    void savesExactlyWhatTransformersSaves() {
        Map<String, HostTensor> w = randomWeights(CONFIG, false, 1);
        new HfCheckpoint(CONFIG, w).save(dir);
        Map<String, HostTensor> file = Safetensors.read(dir.resolve(HfCheckpoint.WEIGHTS_FILE));
        TreeSet<String> expected = new TreeSet<>();
        w.keySet().forEach(k -> expected.add("transformer." + k));
        assertEquals(expected, new TreeSet<>(file.keySet()));
        assertEquals(Map.of("format", "pt"), Safetensors.metadata(dir.resolve(HfCheckpoint.WEIGHTS_FILE)));
        assertArrayEquals(w.get("h.1.attn.c_attn.weight").data(), file.get("transformer.h.1.attn.c_attn.weight").data());
        assertEquals(CONFIG, HfConfigJson.read(dir.resolve(HfCheckpoint.CONFIG_FILE)));
    }

    @Test
    void roundTripsWithValueHead() {
        Map<String, HostTensor> w = randomWeights(CONFIG, true, 2);
        new HfCheckpoint(CONFIG, w).save(dir);
        HfCheckpoint back = HfCheckpoint.load(dir);
        assertTrue(back.hasValueHead());
        assertEquals(CONFIG, back.config());
        assertEquals(w.keySet(), back.tensors().keySet());
        for (String k : w.keySet()) {
            assertArrayEquals(w.get(k).data(), back.tensors().get(k).data(), k);
        }
        assertFalse(HfCheckpoint.tokenizerFile(dir).isPresent());
    }

    @Test
    void readsGpt2ModelStyleFilesWithBuffersAndTiedHead() {
        Map<String, HostTensor> w = randomWeights(CONFIG, false, 3);
        Map<String, HostTensor> file = new LinkedHashMap<>(w);
        for (int i = 0; i < CONFIG.nLayer(); i++) {
            file.put("h." + i + ".attn.bias", new HostTensor(new long[] {1, 1, 8, 8}, new float[64]));
            file.put("h." + i + ".attn.masked_bias", new HostTensor(new long[0], new float[] {-1e4f}));
        }
        file.put("lm_head.weight", w.get("wte.weight"));
        HfConfigJson.write(dir.resolve(HfCheckpoint.CONFIG_FILE), CONFIG);
        Safetensors.write(dir.resolve(HfCheckpoint.WEIGHTS_FILE), file, Map.of());
        assertEquals(w.keySet(), HfCheckpoint.load(dir).tensors().keySet());
    }

    @Test
    void readsTrlValueHead() {
        Map<String, HostTensor> w = randomWeights(CONFIG, false, 4);
        Map<String, HostTensor> file = new LinkedHashMap<>();
        w.forEach((k, v) -> file.put("transformer." + k, v));
        file.put("v_head.summary.weight", new HostTensor(new long[] {1, 4}, new float[] {1, 2, 3, 4}));
        file.put("v_head.summary.bias", new HostTensor(new long[] {1}, new float[] {5}));
        HfConfigJson.write(dir.resolve(HfCheckpoint.CONFIG_FILE), CONFIG);
        Safetensors.write(dir.resolve(HfCheckpoint.WEIGHTS_FILE), file, Map.of());
        HfCheckpoint c = HfCheckpoint.load(dir);
        assertArrayEquals(new long[] {4, 1}, c.tensors().get(HfCheckpoint.VALUE_HEAD_WEIGHT).shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, c.tensors().get(HfCheckpoint.VALUE_HEAD_WEIGHT).data());
    }

    @Test
    void rejectsUntiedHeadMissingAndMisshapenTensors() {
        HfConfigJson.write(dir.resolve(HfCheckpoint.CONFIG_FILE), CONFIG);
        Path weights = dir.resolve(HfCheckpoint.WEIGHTS_FILE);
        Map<String, HostTensor> w = randomWeights(CONFIG, false, 5);

        Map<String, HostTensor> untied = new LinkedHashMap<>(w);
        untied.put("lm_head.weight", randomWeights(CONFIG, false, 6).get("wte.weight"));
        Safetensors.write(weights, untied, Map.of());
        assertRejected(weights, "lm_head.weight");

        Map<String, HostTensor> missing = new LinkedHashMap<>(w);
        missing.remove("h.1.mlp.c_fc.bias");
        Safetensors.write(weights, missing, Map.of());
        assertRejected(weights, "h.1.mlp.c_fc.bias");

        Map<String, HostTensor> transposed = new LinkedHashMap<>(w);
        transposed.put("h.0.attn.c_attn.weight", new HostTensor(new long[] {12, 4}, new float[48]));
        Safetensors.write(weights, transposed, Map.of());
        assertRejected(weights, "[12, 4]");

        Map<String, HostTensor> extra = new LinkedHashMap<>(w);
        extra.put("h.2.ln_1.weight", new HostTensor(new long[] {4}, new float[4]));
        Safetensors.write(weights, extra, Map.of());
        assertRejected(weights, "h.2.ln_1.weight");
    }

    @Test
    void readsShardedCheckpoints() throws Exception {
        Map<String, HostTensor> w = randomWeights(CONFIG, false, 7);
        Map<String, HostTensor> a = new LinkedHashMap<>();
        Map<String, HostTensor> b = new LinkedHashMap<>();
        StringBuilder index = new StringBuilder("{\"metadata\":{},\"weight_map\":{");
        int i = 0;
        for (Map.Entry<String, HostTensor> e : w.entrySet()) {
            String shard = i++ % 2 == 0 ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
            (shard.startsWith("model-00001") ? a : b).put("transformer." + e.getKey(), e.getValue());
            index.append(i > 1 ? "," : "").append('"').append("transformer.").append(e.getKey()).append("\":\"")
                    .append(shard).append('"');
        }
        index.append("}}");
        Safetensors.write(dir.resolve("model-00001-of-00002.safetensors"), a, Map.of());
        Safetensors.write(dir.resolve("model-00002-of-00002.safetensors"), b, Map.of());
        Files.writeString(dir.resolve(HfCheckpoint.WEIGHTS_INDEX_FILE), index);
        HfConfigJson.write(dir.resolve(HfCheckpoint.CONFIG_FILE), CONFIG);
        assertEquals(w.keySet(), HfCheckpoint.load(dir).tensors().keySet());
    }

    private void assertRejected(Path weights, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HfCheckpoint.load(dir));
        assertTrue(e.getMessage().startsWith(weights.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
