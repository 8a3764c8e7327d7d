package dev.rlaif.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.PromptFormat;
import dev.rlaif.core.TrainingListener;
import dev.rlaif.core.gorilla.GorillaData;
import dev.rlaif.core.io.Json;
import dev.rlaif.lm.Gpt2Config;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.TextTokenizer;
import dev.rlaif.lm.io.HfCheckpoint;
import dev.rlaif.lm.tokenizer.BpeTrainingConfig;
import dev.rlaif.lm.tokenizer.ByteLevelBpe;
import dev.rlaif.lm.tokenizer.SpecialTokens;
import dev.rlaif.reward.RewardDataset;
import dev.rlaif.reward.RewardEvaluation;
import dev.rlaif.reward.RewardObjective;
import dev.rlaif.reward.RewardTrainer;
import dev.rlaif.reward.RewardTrainerConfig;
import dev.rlaif.reward.ScoredSample;
import dev.rlaif.reward.TrainedReward;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rlaif reward ...}: reward models learned from AI feedback. */
@Command(name = "reward", description = "Train reward models on AI feedback.",
        mixinStandardHelpOptions = true, subcommands = {RewardCommand.Train.class})
final class RewardCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /**
     * {@code rlaif reward train --journal FILE --out DIR [--holdout 0.2] [--seed N]}: trains a reward
     * model on a feedback journal, holding out a share of the tasks, and writes the checkpoint (HF
     * layout plus the value head) and {@code DIR/evaluation.json}. Without {@code --base} it trains a
     * small model from scratch, with a BPE tokenizer trained on the journal's prompts and answers
     * unless {@code --tokenizer} gives one.
     */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train a reward model on a feedback journal; writes the model and DIR/evaluation.json.")
    static final class Train implements Callable<Integer> {

        @Option(names = "--journal", required = true, paramLabel = "FILE",
                description = "Feedback journal written by 'rlaif feedback' (JSONL).")
        Path journal;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
        Path out;

        @Option(names = "--holdout", defaultValue = "0.2", paramLabel = "F",
                description = "Share of tasks held out for the evaluation (default ${DEFAULT-VALUE}).")
        double holdout;

        @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--base", paramLabel = "DIR",
                description = "Checkpoint (HF layout) to start from, e.g. the SFT policy; default: a fresh small model.")
        Path base;

        @Option(names = "--tokenizer", paramLabel = "PATH",
                description = "tokenizer.json (or its folder); default: the base checkpoint's, else one trained on the journal.")
        Path tokenizer;

        @Option(names = "--objective", defaultValue = "mse", paramLabel = "NAME",
                description = "mse, bce or bradley_terry (default ${DEFAULT-VALUE}).")
        String objective;

        @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default: 2 with --base, 4 from scratch).")
        Integer epochs;

        @Option(names = "--lr", paramLabel = "LR", description = "Peak learning rate (default: 1e-4 with --base, 2e-3 from scratch).")
        Double learningRate;

        @Option(names = "--batch-size", defaultValue = "32", paramLabel = "N", description = "Batch size (default ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--max-length", defaultValue = "0", paramLabel = "N",
                description = "Longest sequence read, cut from the left; 0 = the model's n_positions (default).")
        int maxLength;

        @Option(names = "--width", defaultValue = "64", paramLabel = "D", description = "From scratch: n_embd (default ${DEFAULT-VALUE}).")
        int width;

        @Option(names = "--layers", defaultValue = "2", paramLabel = "N", description = "From scratch: n_layer (default ${DEFAULT-VALUE}).")
        int layers;

        @Option(names = "--heads", defaultValue = "4", paramLabel = "N", description = "From scratch: n_head (default ${DEFAULT-VALUE}).")
        int heads;

        @Option(names = "--positions", defaultValue = "256", paramLabel = "N",
                description = "From scratch: n_positions (default ${DEFAULT-VALUE}).")
        int positions;

        @Option(names = "--vocab", defaultValue = "2048", paramLabel = "N",
                description = "From scratch: BPE vocabulary trained on the journal's training tasks (default ${DEFAULT-VALUE}).")
        int vocab;

        @Option(names = "--data", paramLabel = "DIR",
                description = "Folder laid out like data/gorilla/ (default: the data shipped in the jar).")
        Path dataDir;

        @Option(names = "--json", description = "Print the evaluation as JSON to stdout.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (!(holdout > 0 && holdout < 1)) {
                throw new IllegalArgumentException("--holdout must be in (0,1), got " + holdout);
            }
            if (!Files.isRegularFile(journal)) {
                throw new IllegalArgumentException("no journal at " + journal);
            }
            GorillaData data = dataDir == null ? GorillaData.bundled() : GorillaData.fromDirectory(dataDir);
            RewardDataset all = RewardDataset.fromJournal(journal, data);
            System.err.printf(Locale.ROOT, "reward: %d judgements of %d tasks (%d without a valid score skipped)%n",
                    all.size(), all.taskIds().size(), all.skipped());
            boolean scratch = base == null;
            RewardTrainerConfig cfg = RewardTrainerConfig.defaults().toBuilder()
                    .objective(RewardObjective.parse(objective))
                    .epochs(epochs != null ? epochs : scratch ? 4 : 2)
                    .learningRate(learningRate != null ? learningRate : scratch ? 2e-3 : 1e-4)
                    .batchSize(batchSize)
                    .maxLength(maxLength)
                    .seed(seed)
                    .build();
            // From scratch, the tokenizer learns only from the tasks the model trains on: the same
            // task-grouped split the trainer makes, so no held-out answer shapes the vocabulary.
            TextTokenizer tok = tokenizer(all.splitByTask(holdout, seed).train(), scratch);
            try (Gpt2Model init = scratch ? fresh(tok) : fromCheckpoint(base)) {
                TrainedReward r = new RewardTrainer(cfg).fit(init, tok, all, holdout, out, TrainingListener.none());
                try (var model = r.model()) {
                    RewardEvaluation e = r.evaluation();
                    System.err.printf(Locale.ROOT, "reward: held-out %d answers of %d tasks: spearman %.4f, pearson %.4f,"
                            + " pairwise accuracy %.4f (%d pairs); model in %s%n", e.samples(), e.tasks(), e.spearman(),
                            e.pearson(), e.pairwiseAccuracy(), e.pairs(), out);
                    if (json) {
                        ObjectNode o = (ObjectNode) Json.MAPPER.readTree(
                                Files.readString(out.resolve(RewardTrainer.EVALUATION_FILE)));
                        System.out.println(Json.write(o));
                    }
                }
            }
            return 0;
        }

        private TextTokenizer tokenizer(RewardDataset trainPart, boolean scratch) {
            if (tokenizer != null) {
                return ByteLevelBpe.load(tokenizer);
            }
            if (!scratch) {
                if (HfCheckpoint.tokenizerFile(base).isEmpty()) {
                    throw new IllegalArgumentException(base + " has no tokenizer.json; pass --tokenizer");
                }
                return ByteLevelBpe.load(base);
            }
            Set<String> corpus = new LinkedHashSet<>();
            PromptFormat f = PromptFormat.full();
            for (ScoredSample s : trainPart.samples()) {
                corpus.add(f.prompt(s.task()));
                corpus.add(s.completion());
            }
            return ByteLevelBpe.train(corpus,
                    BpeTrainingConfig.of(vocab).withSpecials(SpecialTokens.defaults().withGorillaMarkers()));
        }

        private Gpt2Model fresh(TextTokenizer tok) {
            return Gpt2Model.create(new Gpt2Config(tok.vocabSize(), positions, width, layers, heads, 1e-5, tok.bosId(),
                    tok.eosId(), tok.padId()), false, seed);
        }

        private static Gpt2Model fromCheckpoint(Path dir) {
            HfCheckpoint c = HfCheckpoint.load(dir);
            return Gpt2Model.fromHost(c.config(), c.tensors());
        }
    }
}
