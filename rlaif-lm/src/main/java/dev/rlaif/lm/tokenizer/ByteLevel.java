package dev.rlaif.lm.tokenizer;

import java.util.regex.Pattern;

/**
 * GPT-2's byte-level scheme, shared by the trainer and the encoder so both see the same words.
 *
 * <p>Each UTF-8 byte is shown as one printable character: bytes that are printable Latin-1 map to
 * themselves, the rest to code points from U+0100 upward in byte order. Token strings are therefore
 * plain text (a space becomes {@code Ġ}) and any byte sequence is representable, so no input is
 * ever unknown. The pre-tokenizer regex is GPT-2's: contractions, optional-space-then-letters,
 * optional-space-then-digits, optional-space-then-other, and whitespace runs that leave their last
 * space to the following word. Java needs {@link Pattern#UNICODE_CHARACTER_CLASS} so that {@code \s}
 * means Unicode white space, as it does in HF's Oniguruma regex.
 */
final class ByteLevel {

    /** GPT-2's pre-tokenizer pattern, as in HF's {@code ByteLevel} pre-tokenizer with {@code use_regex}. */
    static final Pattern PRE_TOKENIZER = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) next++;
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {
    }

    /** The character standing for byte {@code b} (0..255). */
    static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xff];
    }

    /** The byte a character stands for, or -1 when it stands for none. */
    static int byteOf(char c) {
        return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /** The byte-level string of a piece of text (its UTF-8 bytes, one character each). */
    static String encode(String piece) {
        byte[] bytes = piece.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = BYTE_TO_CHAR[bytes[i] & 0xff];
        }
        return new String(out);
    }
}
