package dev.rlaif.lm;

import dev.rlaif.core.Completion;
import dev.rlaif.core.Policy;
import dev.rlaif.core.PromptFormat;
import dev.rlaif.core.SamplingConfig;
import dev.rlaif.core.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A {@link Policy} backed by a {@link Gpt2Model}: it prompts with {@link PromptFormat}, samples with
 * a KV cache in batches, and decodes the answer.
 *
 * <p><b>Reproducibility.</b> Sample {@code s} of prompt {@code i} draws from its own RNG, seeded
 * from {@code cfg.seed()} and its index {@code i·numSamples + s}, so a call's result does not
 * depend on the batch size. Greedy decoding ignores the seed.
 *
 * <p>Thread-safe as long as nobody trains the model meanwhile.
 */
public final class DecoderPolicy implements Policy {

    /** Default rows per forward: 32 fills a CPU's GEMMs at small widths without wasting padding. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private final Gpt2Model model;
    private final TextTokenizer tokenizer;
    private final PromptFormat format;
    private final int batchSize;
    private final int[] stopIds;

    /** A policy with batches of {@value #DEFAULT_BATCH_SIZE} that stops on the tokenizer's EOS. */
    public DecoderPolicy(Gpt2Model model, TextTokenizer tokenizer, PromptFormat format) {
        this(model, tokenizer, format, DEFAULT_BATCH_SIZE, new int[] {tokenizer.eosId()});
    }

    /**
     * @param batchSize rows per forward pass
     * @param stopIds ids that end a sample (kept as its last token, dropped from its text)
     */
    public DecoderPolicy(Gpt2Model model, TextTokenizer tokenizer, PromptFormat format, int batchSize, int[] stopIds) {
        if (tokenizer.vocabSize() != model.config().vocabSize()) {
            throw new IllegalArgumentException("tokenizer has " + tokenizer.vocabSize()
                    + " ids but the model's vocab_size is " + model.config().vocabSize());
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.format = format;
        this.batchSize = batchSize;
        this.stopIds = stopIds.clone();
    }

    /** The model that samples. */
    public Gpt2Model model() {
        return model;
    }

    /** The tokenizer. */
    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    /** The prompt format. */
    public PromptFormat format() {
        return format;
    }

    /** The ids a task is prompted with (no special tokens), as {@link #generate} uses them. */
    public int[] promptIds(Task task) {
        return tokenizer.encode(format.prompt(task));
    }

    @Override
    public List<Completion> generate(List<Task> tasks, SamplingConfig cfg) {
        List<int[]> prompts = new ArrayList<>(tasks.size());
        for (Task t : tasks) {
            prompts.add(promptIds(t));
        }
        List<Generation> gens = generateIds(prompts, cfg);
        List<Completion> out = new ArrayList<>(gens.size());
        for (int i = 0; i < gens.size(); i++) {
            Generation g = gens.get(i);
            int[] ids = g.tokenIds();
            int[] textIds = g.endedWithStop() ? Arrays.copyOf(ids, ids.length - 1) : ids;
            out.add(new Completion(tasks.get(i / cfg.numSamples()).id(), tokenizer.decode(textIds), ids,
                    g.logprobs(), g.endedWithStop()));
        }
        return out;
    }

    /**
     * Samples {@code cfg.numSamples()} continuations of each prompt, grouped by prompt in input
     * order, as ids.
     */
    public List<Generation> generateIds(List<int[]> prompts, SamplingConfig cfg) {
        return generateIds(prompts, cfg, true);
    }

    /** As {@link #generateIds(List, SamplingConfig)}, optionally without the KV cache (tests, bench). */
    List<Generation> generateIds(List<int[]> prompts, SamplingConfig cfg, boolean useCache) {
        int n = prompts.size() * cfg.numSamples();
        Generator generator = new Generator(model, tokenizer.padId(), stopIds);
        List<Generation> out = new ArrayList<>(n);
        for (int start = 0; start < n; start += batchSize) {
            int rows = Math.min(batchSize, n - start);
            int[][] batch = new int[rows][];
            SplittableRandom[] rngs = new SplittableRandom[rows];
            for (int r = 0; r < rows; r++) {
                batch[r] = prompts.get((start + r) / cfg.numSamples());
                rngs[r] = Sampler.rngFor(cfg.seed(), start + r);
            }
            out.addAll(Arrays.asList(generator.generate(batch, rngs, cfg, useCache)));
        }
        return out;
    }
}
