package dev.rlaif.lm;

/** Test tokenizer: ids 0..2 are PAD, BOS, EOS; printable ASCII and newline follow. */
final class CharTokenizer implements TextTokenizer {

    static final int PAD = 0;
    static final int BOS = 1;
    static final int EOS = 2;
    private static final int OFFSET = 3;
    private static final String CHARS;

    static {
        StringBuilder sb = new StringBuilder("\n");
        for (char c = 32; c < 127; c++) {
            sb.append(c);
        }
        CHARS = sb.toString();
    }

    @Override
    public int[] encode(String text) {
        int[] ids = new int[text.length()];
        for (int i = 0; i < ids.length; i++) {
            int k = CHARS.indexOf(text.charAt(i));
            if (k < 0) {
                throw new IllegalArgumentException("no id for " + text.charAt(i));
            }
            ids[i] = k + OFFSET;
        }
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            if (id >= OFFSET) {
                sb.append(CHARS.charAt(id - OFFSET));
            }
        }
        return sb.toString();
    }

    @Override
    public int eosId() {
        return EOS;
    }

    @Override
    public int padId() {
        return PAD;
    }

    @Override
    public int bosId() {
        return BOS;
    }

    @Override
    public int vocabSize() {
        return CHARS.length() + OFFSET;
    }
}
