package dev.rlaif.lm.io;

import java.nio.ByteBuffer;
import java.util.Optional;

/** The safetensors element types rlaif4j understands, and their conversion to float32. */
enum SafetensorsDtype {
    F32(4), F16(2), BF16(2), F64(8), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    private final int bytes;

    SafetensorsDtype(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element, used to validate each tensor's byte range against its shape. */
    int bytes() {
        return bytes;
    }

    /** Whether values convert to float32 without loss of meaning (integer buffers do not). */
    boolean isFloat() {
        return this == F32 || this == F16 || this == BF16 || this == F64;
    }

    /** Looks up a header's {@code dtype} string. */
    static Optional<SafetensorsDtype> parse(String name) {
        for (SafetensorsDtype d : values()) {
            if (d.name().equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * Converts {@code count} little-endian elements from {@code src} (positioned at the first) into
     * {@code dst} starting at {@code offset}.
     */
    void toFloats(ByteBuffer src, float[] dst, int offset, int count) {
        switch (this) {
            case F32 -> src.asFloatBuffer().get(dst, offset, count);
            case F64 -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = (float) src.getDouble(src.position() + 8 * i);
                }
            }
            case BF16 -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = Float.intBitsToFloat((src.getShort(src.position() + 2 * i) & 0xffff) << 16);
                }
            }
            case F16 -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = halfToFloat(src.getShort(src.position() + 2 * i));
                }
            }
            default -> throw new IllegalStateException(this + " is not a float type");
        }
    }

    /** IEEE 754 binary16 to binary32, exact for every input including subnormals, infinities and NaN. */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            // Subnormal (or zero): value = mant * 2^-24, exactly representable in float32.
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
