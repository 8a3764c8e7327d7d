package dev.rlaif.lm.tokenizer;

import dev.rlaif.core.GorillaAnswer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tokens a tokenizer must never split: BOS, EOS and PAD, and optional markers such as Gorilla's
 * {@code <<<api_call>>>}.
 *
 * <p>Markers become single tokens so that the policy emits the answer structure in one step and the
 * reward and metrics can find field boundaries by id; they are saved as non-special added tokens so
 * that decoding keeps them (decoders drop special tokens when asked to skip them). BOS, EOS and PAD
 * may share one string (GPT-2 uses {@code <|endoftext|>} for all three); a separate PAD keeps padding
 * distinguishable from a real end of text in loss masks.
 *
 * @param bos beginning of text
 * @param eos end of text; generation stops on it
 * @param pad padding
 * @param markers extra strings kept whole, in id order after the specials
 */
public record SpecialTokens(String bos, String eos, String pad, List<String> markers) {

    /** GPT-2's end-of-text token. */
    public static final String END_OF_TEXT = "<|endoftext|>";
    /** rlaif4j's padding token. */
    public static final String PAD = "<|pad|>";

    /** Validates: non-empty strings, markers distinct from each other and from the specials. */
    public SpecialTokens {
        for (String s : new String[] {bos, eos, pad}) {
            if (s == null || s.isEmpty()) {
                throw new IllegalArgumentException("bos, eos and pad must be non-empty");
            }
        }
        markers = List.copyOf(markers);
        Set<String> seen = new LinkedHashSet<>(List.of(bos, eos, pad));
        for (String m : markers) {
            if (m.isEmpty() || !seen.add(m)) {
                throw new IllegalArgumentException("marker '" + m + "' is empty or repeats another special token");
            }
        }
    }

    /** {@code <|endoftext|>} as BOS and EOS, {@code <|pad|>} as PAD, no markers. */
    public static SpecialTokens defaults() {
        return new SpecialTokens(END_OF_TEXT, END_OF_TEXT, PAD, List.of());
    }

    /** GPT-2's own convention: {@code <|endoftext|>} for all three. */
    public static SpecialTokens gpt2() {
        return new SpecialTokens(END_OF_TEXT, END_OF_TEXT, END_OF_TEXT, List.of());
    }

    /**
     * These specials plus Gorilla's five answer markers and APIBench's {@code ###Instruction:} and
     * {@code ###Output:} prompt markers.
     */
    public SpecialTokens withGorillaMarkers() {
        List<String> all = new ArrayList<>(markers);
        for (String m : gorillaMarkers()) {
            if (!all.contains(m)) {
                all.add(m);
            }
        }
        return new SpecialTokens(bos, eos, pad, all);
    }

    /** The Gorilla answer and prompt markers, in a fixed order. */
    public static List<String> gorillaMarkers() {
        List<String> m = new ArrayList<>(GorillaAnswer.MARKERS);
        m.add("###Instruction:");
        m.add("###Output:");
        return List.copyOf(m);
    }

    /** Every distinct string, specials first: the order in which a trained vocabulary numbers them. */
    public List<String> all() {
        Set<String> s = new LinkedHashSet<>(List.of(bos, eos, pad));
        s.addAll(markers);
        return List.copyOf(s);
    }

    /** Whether {@code token} is BOS, EOS or PAD (markers are not special: decoding keeps them). */
    public boolean isSpecial(String token) {
        return token.equals(bos) || token.equals(eos) || token.equals(pad);
    }
}
