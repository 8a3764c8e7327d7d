package dev.rlaif.lm.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The protobuf wire format, as much of it as ONNX needs: varints, length-delimited fields and
 * fixed 32-bit floats. A message is built in memory; large payloads (weights) are streamed by the
 * caller after {@link #writeLengthPrefix}, so the model never exists twice in memory.
 */
final class ProtoWriter {

    private static final int VARINT = 0;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoWriter int64(int field, long value) {
        tag(out, field, VARINT);
        varint(out, value);
        return this;
    }

    ProtoWriter float32(int field, float value) {
        tag(out, field, FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            out.write(bits >>> (8 * i));
        }
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter bytes(int field, byte[] value) {
        tag(out, field, LENGTH_DELIMITED);
        varint(out, value.length);
        out.writeBytes(value);
        return this;
    }

    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /** A packed repeated int64: one length-delimited field, accepted by every proto2/proto3 parser. */
    ProtoWriter packedInt64(int field, long[] values) {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        for (long v : values) {
            varint(packed, v);
        }
        return bytes(field, packed.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Writes the tag and length of a length-delimited field whose payload the caller streams next. */
    static void writeLengthPrefix(OutputStream os, int field, long length) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(16);
        tag(b, field, LENGTH_DELIMITED);
        varint(b, length);
        os.write(b.toByteArray());
    }

    /** Bytes taken by {@link #writeLengthPrefix} plus the payload. */
    static long delimitedSize(int field, long length) {
        return varintSize(((long) field << 3) | LENGTH_DELIMITED) + varintSize(length) + length;
    }

    private static void tag(ByteArrayOutputStream b, int field, int wireType) {
        varint(b, ((long) field << 3) | wireType);
    }

    private static void varint(ByteArrayOutputStream b, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            b.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        b.write((int) v);
    }

    private static int varintSize(long value) {
        int n = 1;
        long v = value;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
