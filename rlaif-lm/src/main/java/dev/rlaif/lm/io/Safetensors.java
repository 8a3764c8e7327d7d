package dev.rlaif.lm.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.core.io.Json;
import dev.rlaif.lm.HostTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header mapping each tensor
 * name to its {@code dtype}, {@code shape} and {@code data_offsets}, then one contiguous byte buffer.
 *
 * <p>Written here rather than borrowed because the format is small and the checks matter: a truncated
 * download or a hand-edited header must fail at load time with the file and tensor named, not as a
 * shape error deep in the model. Reading maps the file, so multi-gigabyte checkpoints are not copied
 * through a heap buffer; F16, BF16 and F64 tensors are widened to float32 on the way in. Writing is
 * float32 only, sorted by name, and atomic (a temporary file renamed into place), so a crash never
 * leaves a half-written checkpoint under the final name.
 */
public final class Safetensors {

    /** The header key holding free-form string metadata rather than a tensor. */
    public static final String METADATA_KEY = "__metadata__";

    /** The reference implementation rejects larger headers; so do we, before allocating them. */
    private static final long MAX_HEADER_BYTES = 100L << 20;
    /** Largest region mapped at once; a multiple of every element size. */
    private static final int MAP_CHUNK = 1 << 30;
    private static final int WRITE_BUFFER = 1 << 20;

    private Safetensors() {
    }

    /** Reads every tensor of a file, in header order. */
    public static Map<String, HostTensor> read(Path file) {
        return read(file, name -> true);
    }

    /**
     * Reads the tensors whose names pass {@code include}, in header order. The whole header is
     * validated either way, so skipping buffers such as {@code attn.bias} never hides a corrupt file.
     *
     * @throws InvalidInputException when the file is malformed or an included tensor is not a float type
     */
    public static Map<String, HostTensor> read(Path file, Predicate<String> include) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = readHeader(file, ch);
            Map<String, HostTensor> out = new LinkedHashMap<>();
            for (Entry e : header.entries) {
                if (!include.test(e.name)) {
                    continue;
                }
                if (!e.dtype.isFloat()) {
                    throw new InvalidInputException(file.toString(), 0,
                            "tensor '" + e.name + "' has dtype " + e.dtype + ", which does not convert to float32");
                }
                out.put(e.name, readTensor(ch, header.dataStart, e));
            }
            return out;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read safetensors file " + file, ex);
        }
    }

    /** The {@code __metadata__} strings of a file (empty when it has none). */
    public static Map<String, String> metadata(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, ch).metadata;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read safetensors file " + file, ex);
        }
    }

    /**
     * Writes float32 tensors, sorted by name, with {@code metadata} as {@code __metadata__} (HF's
     * loaders want {@code {"format": "pt"}}). The header is padded with spaces to a multiple of 8 bytes
     * so every tensor starts aligned, as the reference writer does.
     */
    public static void write(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata) {
        Map<String, HostTensor> sorted = new TreeMap<>(tensors);
        if (sorted.containsKey(METADATA_KEY)) {
            throw new IllegalArgumentException("'" + METADATA_KEY + "' is reserved and cannot name a tensor");
        }
        ObjectNode header = Json.MAPPER.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA_KEY);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, HostTensor> e : sorted.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            ArrayNode shape = t.putArray("shape");
            for (long s : e.getValue().shape()) {
                shape.add(s);
            }
            long bytes = 4L * e.getValue().size();
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) & ~7;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(WRITE_BUFFER).order(ByteOrder.LITTLE_ENDIAN);
            buf.putLong(padded);
            drain(ch, buf);
            byte[] head = Arrays.copyOf(json, padded);
            Arrays.fill(head, json.length, padded, (byte) ' ');
            writeFully(ch, ByteBuffer.wrap(head));
            for (HostTensor t : sorted.values()) {
                float[] data = t.data();
                for (int i = 0; i < data.length; i++) {
                    if (buf.remaining() < 4) {
                        drain(ch, buf);
                    }
                    buf.putFloat(data[i]);
                }
            }
            drain(ch, buf);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write safetensors file " + tmp, ex);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot move " + tmp + " to " + file, ex);
        }
    }

    private static void drain(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        writeFully(ch, buf);
        buf.clear();
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** One tensor's header entry; offsets are relative to the start of the data buffer. */
    private record Entry(String name, SafetensorsDtype dtype, long[] shape, long begin, long end) {
    }

    private record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {
    }

    private static Header readHeader(Path file, FileChannel ch) throws IOException {
        String src = file.toString();
        long fileSize = ch.size();
        if (fileSize < 8) {
            throw new InvalidInputException(src, 0, "file has " + fileSize + " bytes, too short for a safetensors header");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0);
        long n = lenBuf.getLong(0);
        if (n <= 0 || n > MAX_HEADER_BYTES || n > fileSize - 8) {
            throw new InvalidInputException(src, 0, "bad header length " + Long.toUnsignedString(n)
                    + " (file has " + fileSize + " bytes; not a safetensors file or truncated)");
        }
        ByteBuffer json = ByteBuffer.allocate((int) n);
        readFully(ch, json, 8);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json.array());
        } catch (IOException ex) {
            throw new InvalidInputException(src, 0, "header is not valid JSON: " + ex.getMessage(), ex);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(src, 0, "header must be a JSON object");
        }
        long dataStart = 8 + n;
        long dataSize = fileSize - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (METADATA_KEY.equals(f.getKey())) {
                readMetadata(src, f.getValue(), metadata);
            } else {
                entries.add(parseEntry(src, f.getKey(), f.getValue()));
            }
        }
        validateLayout(src, entries, dataSize);
        return new Header(entries, Map.copyOf(metadata), dataStart);
    }

    private static void readMetadata(String src, JsonNode meta, Map<String, String> out) {
        if (!meta.isObject()) {
            throw new InvalidInputException(src, 0, METADATA_KEY + " must be an object of strings");
        }
        meta.fields().forEachRemaining(m -> {
            if (!m.getValue().isTextual()) {
                throw new InvalidInputException(src, 0, METADATA_KEY + " value '" + m.getKey() + "' must be a string");
            }
            out.put(m.getKey(), m.getValue().asText());
        });
    }

    private static Entry parseEntry(String src, String name, JsonNode node) {
        String where = "tensor '" + name + "': ";
        if (!node.isObject()) {
            throw new InvalidInputException(src, 0, where + "header entry must be an object");
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new InvalidInputException(src, 0, where + "missing string 'dtype'");
        }
        SafetensorsDtype dtype = SafetensorsDtype.parse(dtypeNode.asText()).orElseThrow(() ->
                new InvalidInputException(src, 0, where + "unsupported dtype '" + dtypeNode.asText() + "'"));
        long[] shape = longArray(src, where, node.get("shape"), "shape", -1);
        long[] offsets = longArray(src, where, node.get("data_offsets"), "data_offsets", 2);
        long elements = 1;
        for (long s : shape) {
            if (s != 0 && elements > Long.MAX_VALUE / 8 / s) {
                throw new InvalidInputException(src, 0, where + "shape " + Arrays.toString(shape) + " is absurdly large");
            }
            elements *= s;
        }
        if (offsets[1] < offsets[0]) {
            throw new InvalidInputException(src, 0, where + "data_offsets " + Arrays.toString(offsets) + " end before they begin");
        }
        long expected = elements * dtype.bytes();
        if (offsets[1] - offsets[0] != expected) {
            throw new InvalidInputException(src, 0, where + "shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + expected + " bytes but data_offsets " + Arrays.toString(offsets) + " span " + (offsets[1] - offsets[0]));
        }
        if (elements > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException(src, 0, where + elements + " elements do not fit one Java array");
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] longArray(String src, String where, JsonNode node, String key, int requiredLength) {
        if (node == null || !node.isArray() || (requiredLength >= 0 && node.size() != requiredLength)) {
            throw new InvalidInputException(src, 0, where + "'" + key + "' must be an array"
                    + (requiredLength >= 0 ? " of " + requiredLength + " integers" : " of integers"));
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
                throw new InvalidInputException(src, 0, where + "'" + key + "' holds " + v + ", not a non-negative integer");
            }
            out[i] = v.asLong();
        }
        return out;
    }

    /** The data buffer must be tiled exactly: no overlaps, no holes, nothing past the end. */
    private static void validateLayout(String src, List<Entry> entries, long dataSize) {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long cursor = 0;
        Entry previous = null;
        for (Entry e : byOffset) {
            if (e.begin < cursor) {
                throw new InvalidInputException(src, 0, "tensor '" + e.name + "' overlaps tensor '" + previous.name
                        + "' (bytes " + e.begin + ".." + e.end + " vs .." + cursor + ")");
            }
            if (e.begin > cursor) {
                throw new InvalidInputException(src, 0, "tensor '" + e.name + "' starts at byte " + e.begin
                        + " leaving a hole after byte " + cursor);
            }
            if (e.end > dataSize) {
                throw new InvalidInputException(src, 0, "tensor '" + e.name + "' ends at byte " + e.end
                        + " past the data buffer of " + dataSize + " bytes (file truncated?)");
            }
            cursor = e.end;
            previous = e;
        }
        if (cursor != dataSize) {
            throw new InvalidInputException(src, 0, "data buffer has " + dataSize + " bytes but the tensors cover "
                    + cursor + " (trailing bytes)");
        }
    }

    private static HostTensor readTensor(FileChannel ch, long dataStart, Entry e) throws IOException {
        long total = 1;
        for (long s : e.shape) {
            total *= s;
        }
        float[] out = new float[(int) total];
        int width = e.dtype.bytes();
        long done = 0;
        while (done < total) {
            int count = (int) Math.min(total - done, MAP_CHUNK / width);
            ByteBuffer region = ch.map(FileChannel.MapMode.READ_ONLY, dataStart + e.begin + done * width,
                    (long) count * width).order(ByteOrder.LITTLE_ENDIAN);
            e.dtype.toFloats(region, out, (int) done, count);
            done += count;
        }
        return new HostTensor(e.shape.clone(), out);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += r;
        }
    }
}
