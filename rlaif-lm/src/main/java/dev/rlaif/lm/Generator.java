package dev.rlaif.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rlaif.core.SamplingConfig;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Batched autoregressive decoding of one batch of prompts.
 *
 * <p>Prompts are left-padded ({@link TokenBatch}), so every row's next token lands in the same
 * column and one forward per step serves the whole batch. With the KV cache, the prompt is run once
 * (prefill) and each later step feeds only the newest column; without it (kept as the reference the
 * cache is tested and benchmarked against) each step re-runs the whole sequence. Rows that have
 * stopped keep feeding padding until every row has stopped or the length limit is reached.
 */
final class Generator {

    private final Gpt2Model model;
    private final int padId;
    private final boolean[] stop;

    Generator(Gpt2Model model, int padId, int[] stopIds) {
        this.model = model;
        this.padId = padId;
        this.stop = new boolean[model.config().vocabSize()];
        for (int s : stopIds) {
            stop[s] = true;
        }
    }

    /**
     * Decodes one batch.
     *
     * @param prompts one row per sample; rows longer than {@code n_positions - maxNewTokens} keep
     *     their last tokens
     * @param rngs one RNG per row
     * @param useCache whether to use the KV cache
     */
    Generation[] generate(int[][] prompts, SplittableRandom[] rngs, SamplingConfig cfg, boolean useCache) {
        Gpt2Config c = model.config();
        int b = prompts.length;
        int limit = Math.max(1, c.nPositions() - cfg.maxNewTokens());
        int[][] ps = new int[b][];
        for (int r = 0; r < b; r++) {
            int[] p = prompts[r];
            ps[r] = p.length > limit ? Arrays.copyOfRange(p, p.length - limit, p.length) : p;
        }
        TokenBatch prefill = TokenBatch.promptsOnly(ps, padId);
        int width = prefill.promptWidth();
        int maxNew = Math.min(cfg.maxNewTokens(), c.nPositions() - width);
        int vocab = c.vocabSize();
        Sampler sampler = new Sampler(cfg, vocab);
        int[][] tokens = new int[b][maxNew];
        float[][] logprobs = new float[b][maxNew];
        int[] lengths = new int[b];
        boolean[] done = new boolean[b];
        boolean[] stopped = new boolean[b];
        int[] last = new int[b];
        try (Engines.Scope ng = Engines.noGrad(); NDManager gen = model.newStepManager()) {
            KvCache cache = useCache ? new KvCache(gen, c, b, width + maxNew, model.dataType()) : null;
            boolean[] promptValid = prefill.valid();
            for (int t = 0; t < maxNew; t++) {
                try (NDManager step = gen.newSubManager()) {
                    NDArray hidden;
                    if (!useCache) {
                        int[][] sofar = new int[b][];
                        for (int r = 0; r < b; r++) {
                            sofar[r] = Arrays.copyOf(tokens[r], lengths[r]);
                        }
                        NDArray h = model.hidden(step, new TokenBatch(ps, sofar, padId));
                        hidden = h.get(new NDIndex().addAllDim().addSliceDim(width + t - 1, width + t));
                    } else if (t == 0) {
                        NDArray ids = model.toDevice(step.create(prefill.ids(), new Shape(b, width)));
                        NDArray pos = model.toDevice(step.create(
                                Gpt2Model.positions(promptValid, b, width), new Shape(b, width)));
                        NDArray bias = model.toDevice(step.create(Gpt2Model.causalBias(promptValid, b, width),
                                new Shape(b, 1, width, width))).toType(model.dataType(), false);
                        NDArray h = model.hidden(ids, pos, bias, cache);
                        hidden = h.get(new NDIndex().addAllDim().addSliceDim(width - 1, width));
                    } else {
                        hidden = model.hidden(newColumnIds(step, last), newColumnPositions(step, ps, t),
                                newColumnBias(step, promptValid, width, t), cache);
                    }
                    NDArray logits = model.lmHead(hidden).squeeze(1); // [B, V]
                    pick(logits, cfg, sampler, rngs, done, last, t, logprobs);
                }
                boolean all = true;
                for (int r = 0; r < b; r++) {
                    if (!done[r]) {
                        tokens[r][lengths[r]++] = last[r];
                        if (stop[last[r]]) {
                            done[r] = true;
                            stopped[r] = true;
                        }
                    }
                    all &= done[r];
                }
                if (all) {
                    break;
                }
            }
        }
        Generation[] out = new Generation[b];
        for (int r = 0; r < b; r++) {
            out[r] = new Generation(ps[r], Arrays.copyOf(tokens[r], lengths[r]),
                    Arrays.copyOf(logprobs[r], lengths[r]), stopped[r]);
        }
        return out;
    }

    /** Chooses the next token of every live row and records its log-prob at column {@code t}. */
    private void pick(NDArray logits, SamplingConfig cfg, Sampler sampler, SplittableRandom[] rngs,
            boolean[] done, int[] last, int t, float[][] logprobs) {
        int b = last.length;
        int vocab = model.config().vocabSize();
        if (cfg.isGreedy()) {
            NDArray logp = logits.logSoftmax(-1);
            NDArray idx = logits.argMax(-1); // first maximum on ties
            long[] chosen = idx.toLongArray();
            float[] lp = Gpt2Model.toFloats(logp.gather(idx.expandDims(-1), -1));
            for (int r = 0; r < b; r++) {
                if (!done[r]) {
                    last[r] = (int) chosen[r];
                    logprobs[r][t] = lp[r];
                }
            }
            return;
        }
        NDArray logp = (cfg.temperature() == 1.0 ? logits : logits.div(cfg.temperature())).logSoftmax(-1);
        float[] lp = Gpt2Model.toFloats(logp);
        float[] cdf = sampler.truncates() ? null : Gpt2Model.toFloats(logp.exp().cumSum(-1));
        for (int r = 0; r < b; r++) {
            if (!done[r]) {
                int tok = cdf == null ? sampler.truncated(lp, r * vocab, rngs[r]) : sampler.fromCdf(cdf, r * vocab, rngs[r]);
                last[r] = tok;
                logprobs[r][t] = lp[r * vocab + tok];
            }
        }
    }

    /** {@code [B, 1]}: the token sampled last; stopped rows feed padding. */
    private NDArray newColumnIds(NDManager step, int[] last) {
        long[] ids = new long[last.length];
        for (int r = 0; r < last.length; r++) {
            ids[r] = last[r];
        }
        return model.toDevice(step.create(ids, new Shape(last.length, 1)));
    }

    /** {@code [B, 1]}: the new column's position, counting the row's real prompt tokens. */
    private NDArray newColumnPositions(NDManager step, int[][] prompts, int t) {
        long[] pos = new long[prompts.length];
        for (int r = 0; r < prompts.length; r++) {
            pos[r] = prompts[r].length + t - 1;
        }
        return model.toDevice(step.create(pos, new Shape(prompts.length, 1)));
    }

    /** {@code [B, 1, 1, P+t]}: the new column sees every real prompt token and every sampled one. */
    private NDArray newColumnBias(NDManager step, boolean[] promptValid, int width, int t) {
        int b = promptValid.length / width;
        int s = width + t;
        float[] bias = new float[b * s];
        for (int r = 0; r < b; r++) {
            for (int j = 0; j < width; j++) {
                bias[r * s + j] = promptValid[r * width + j] ? 0f : Gpt2Model.MASKED;
            }
        }
        NDArray a = model.toDevice(step.create(bias, new Shape(b, 1, 1, s)));
        return model.dataType() == DataType.FLOAT32 ? a : a.toType(model.dataType(), false);
    }
}
