package dev.rlaif.ppo;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.GorillaAnswer;
import dev.rlaif.core.Hub;
import dev.rlaif.core.PromptFormat;
import dev.rlaif.core.RewardModel;
import dev.rlaif.core.SamplingConfig;
import dev.rlaif.core.Split;
import dev.rlaif.core.Task;
import dev.rlaif.lm.DecoderPolicy;
import dev.rlaif.lm.Gpt2Config;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.TextTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic task with a known best answer, small enough to learn in seconds: a character
 * vocabulary of 8 ids, a 1-layer decoder, and a reward for answering {@value #TARGET} then EOS.
 */
final class TinyWorld {

    /** The one best answer. */
    static final String TARGET = "abc";

    static final int PAD = 0;
    static final int BOS = 1;
    static final int EOS = 2;
    static final int UNK = 3;
    static final String LETTERS = "abcd";

    static final Gpt2Config CONFIG = new Gpt2Config(4 + LETTERS.length(), 48, 32, 1, 2, 1e-5, BOS, EOS, PAD);

    /**
     * The reward: the fraction of positions where the answer agrees with {@value #TARGET}, over the
     * longer of the two lengths, so only the exact answer scores 1 (and, with 4 new tokens, only if
     * it stopped with EOS). A random policy scores about 0.1.
     */
    static final RewardModel REWARD = (task, text) -> {
        int same = 0;
        for (int i = 0; i < Math.min(text.length(), TARGET.length()); i++) {
            same += text.charAt(i) == TARGET.charAt(i) ? 1 : 0;
        }
        return (double) same / Math.max(text.length(), TARGET.length());
    };

    /** Letters map to their own ids; every other character (the prompt's markup) to UNK. */
    static final TextTokenizer TOKENIZER = new TextTokenizer() {
        @Override
        public int[] encode(String text) {
            int[] ids = new int[text.length()];
            for (int i = 0; i < ids.length; i++) {
                int k = LETTERS.indexOf(text.charAt(i));
                ids[i] = k < 0 ? UNK : 4 + k;
            }
            return ids;
        }

        @Override
        public String decode(int[] ids) {
            StringBuilder sb = new StringBuilder();
            for (int id : ids) {
                if (id >= 4) {
                    sb.append(LETTERS.charAt(id - 4));
                } else if (id == UNK) {
                    sb.append('?');
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
            return CONFIG.vocabSize();
        }
    };

    private TinyWorld() {
    }

    /** Four tasks whose instructions differ (so prompts differ) but whose best answer is the same. */
    static List<Task> tasks() {
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < LETTERS.length(); i++) {
            String q = String.valueOf(LETTERS.charAt(i));
            ApiDoc api = new ApiDoc("d", "f", NullNode.getInstance(), "n", "call()", NullNode.getInstance(),
                    NullNode.getInstance(), NullNode.getInstance(), NullNode.getInstance(), "desc");
            out.add(new Task(Hub.TORCHHUB, Split.TRAIN, i + 1, q, api, new GorillaAnswer("d", "call()", "p", "e", "c")));
        }
        return out;
    }

    /** A freshly initialised policy (near-uniform next-token distributions). */
    static DecoderPolicy policy(long seed) {
        return new DecoderPolicy(Gpt2Model.create(CONFIG, false, seed), TOKENIZER, new PromptFormat(1));
    }

    /** Sampling for the tiny world: up to 4 new tokens at temperature 1. */
    static SamplingConfig sampling() {
        return new SamplingConfig(4, 1.0, 0, 1.0, 1, 0L);
    }
}
