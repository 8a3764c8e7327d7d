package dev.rlaif.lm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.lm.HostTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    @Property(tries = 30)
    void roundTripIsBitwise(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int count) throws IOException {
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            long[] shape = {1 + rng.nextInt(4), rng.nextInt(5)};
            float[] data = new float[(int) (shape[0] * shape[1])];
            for (int j = 0; j < data.length; j++) {
                data[j] = Float.intBitsToFloat(rng.nextInt()); // every bit pattern, NaN payloads included
            }
            tensors.put("t" + rng.nextInt(1000) + "." + i, new HostTensor(shape, data));
        }
        Path f = Files.createTempFile("st", ".safetensors");
        try {
            Safetensors.write(f, tensors, Map.of("format", "pt"));
            Map<String, HostTensor> back = Safetensors.read(f);
            assertEquals(tensors.keySet(), back.keySet());
            for (String name : tensors.keySet()) {
                assertArrayEquals(tensors.get(name).shape(), back.get(name).shape(), name);
                assertArrayEquals(bits(tensors.get(name).data()), bits(back.get(name).data()), name);
            }
            assertEquals(Map.of("format", "pt"), Safetensors.metadata(f));
            long headerLength = ByteBuffer.wrap(Files.readAllBytes(f), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertEquals(0, headerLength % 8, "tensors must start 8-byte aligned");
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void readsHalfAndBfloat16WrittenByHand() throws IOException {
        // F16: 1.0 = 0x3C00, -2.0 = 0xC000, 65504 = 0x7BFF (max), 2^-24 = 0x0001 (smallest subnormal), +inf = 0x7C00.
        short[] f16 = {0x3C00, (short) 0xC000, 0x7BFF, 0x0001, 0x7C00, (short) 0x8000};
        float[] f16Expected = {1f, -2f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY, -0f};
        // BF16: the high half of float32's bits.
        float[] bfExpected = {1.5f, -3.25f, 1e30f};
        short[] bf16 = new short[bfExpected.length];
        for (int i = 0; i < bf16.length; i++) {
            bf16[i] = (short) (Float.floatToRawIntBits(bfExpected[i]) >>> 16);
        }
        float[] bfExact = new float[bf16.length];
        for (int i = 0; i < bf16.length; i++) {
            bfExact[i] = Float.intBitsToFloat((bf16[i] & 0xffff) << 16);
        }
        ByteBuffer data = ByteBuffer.allocate(2 * (f16.length + bf16.length)).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : f16) {
            data.putShort(s);
        }
        for (short s : bf16) {
            data.putShort(s);
        }
        String header = "{\"a\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,12]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[12,18]}}";
        Path f = file("half.safetensors", header, data.array());
        Map<String, HostTensor> t = Safetensors.read(f);
        assertArrayEquals(new long[] {2, 3}, t.get("a").shape());
        assertArrayEquals(bits(f16Expected), bits(t.get("a").data()));
        assertArrayEquals(bits(bfExact), bits(t.get("b").data()));
        assertEquals(1.5f, t.get("b").data()[0]);
    }

    @Test
    void everyHalfConvertsLikeTheHardware() {
        // Float.float16ToFloat is Java 20+; here a float->half->float identity over all normals checks exactness.
        for (int h = 0; h < 0x10000; h++) {
            float f = SafetensorsDtype.halfToFloat((short) h);
            int exp = (h >>> 10) & 0x1f;
            if (exp == 0x1f) {
                assertTrue((h & 0x3ff) == 0 ? Float.isInfinite(f) : Float.isNaN(f), Integer.toHexString(h));
                continue;
            }
            double expected = (exp == 0 ? (h & 0x3ff) * Math.pow(2, -24)
                    : (1 + (h & 0x3ff) / 1024.0) * Math.pow(2, exp - 15)) * ((h & 0x8000) != 0 ? -1 : 1);
            assertEquals(expected, f, 0.0, Integer.toHexString(h));
        }
    }

    @Test
    void skipsIntegerBuffersWhenFiltered() throws IOException {
        String header = "{\"mask\":{\"dtype\":\"U8\",\"shape\":[4],\"data_offsets\":[0,4]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put(new byte[4]).putFloat(2.5f).array();
        Path f = file("mixed.safetensors", header, data);
        assertEquals(List.of("w"), List.copyOf(Safetensors.read(f, n -> !n.equals("mask")).keySet()));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Safetensors.read(f));
        assertMessage(e, f, "'mask'", "U8");
    }

    @Test
    void rejectsBadHeaderLength() throws IOException {
        Path f = dir.resolve("bad_len.safetensors");
        Files.write(f, ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).putInt(0).array());
        assertMessage(assertThrows(InvalidInputException.class, () -> Safetensors.read(f)), f, "header length 1000");
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[3]);
        assertMessage(assertThrows(InvalidInputException.class, () -> Safetensors.read(tiny)), tiny, "too short");
    }

    @Test
    void rejectsOverlappingOffsets() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        Path f = file("overlap.safetensors", header, new byte[12]);
        assertMessage(assertThrows(InvalidInputException.class, () -> Safetensors.read(f)), f, "'b' overlaps", "'a'");
    }

    @Test
    void rejectsSizeThatDoesNotMatchShape() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}";
        Path f = file("size.safetensors", header, new byte[8]);
        assertMessage(assertThrows(InvalidInputException.class, () -> Safetensors.read(f)), f, "'w'", "needs 12 bytes");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
        Path f = file("trunc.safetensors", header, new byte[10]);
        assertMessage(assertThrows(InvalidInputException.class, () -> Safetensors.read(f)), f, "'w'", "past the data buffer");
    }

    @Test
    void rejectsUnknownDtypeAndBadJson() throws IOException {
        Path f = file("dtype.safetensors", "{\"w\":{\"dtype\":\"Q4\",\"shape\":[1],\"data_offsets\":[0,1]}}", new byte[1]);
        assertMessage(assertThrows(InvalidInputException.class, () -> Safetensors.read(f)), f, "'w'", "Q4");
        Path g = file("json.safetensors", "{not json", new byte[0]);
        assertMessage(assertThrows(InvalidInputException.class, () -> Safetensors.read(g)), g, "JSON");
    }

    private Path file(String name, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path f = dir.resolve(name);
        Files.write(f, b.array());
        return f;
    }

    private static void assertMessage(Exception e, Path file, String... parts) {
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        }
    }

    private static int[] bits(float[] f) {
        int[] out = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Float.floatToRawIntBits(f[i]);
        }
        return out;
    }
}
