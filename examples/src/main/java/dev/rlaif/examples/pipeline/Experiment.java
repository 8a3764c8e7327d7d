package dev.rlaif.examples.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Completion;
import dev.rlaif.core.FeedbackProvider;
import dev.rlaif.core.Hub;
import dev.rlaif.core.PromptFormat;
import dev.rlaif.core.Provenance;
import dev.rlaif.core.RewardModel;
import dev.rlaif.core.SamplingConfig;
import dev.rlaif.core.Task;
import dev.rlaif.core.TrainingListener;
import dev.rlaif.core.TrainingReport;
import dev.rlaif.core.gorilla.GorillaData;
import dev.rlaif.core.gorilla.Splits;
import dev.rlaif.core.gorilla.TaskSplit;
import dev.rlaif.core.io.Json;
import dev.rlaif.core.io.Jsonl;
import dev.rlaif.feedback.JournaledFeedback;
import dev.rlaif.feedback.OfflineJudge;
import dev.rlaif.feedback.OpenAiJudge;
import dev.rlaif.feedback.OpenAiJudgeConfig;
import dev.rlaif.lm.DecoderPolicy;
import dev.rlaif.lm.Gpt2Config;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.SftConfig;
import dev.rlaif.lm.SftExample;
import dev.rlaif.lm.SftTrainer;
import dev.rlaif.lm.TextTokenizer;
import dev.rlaif.lm.io.HfCheckpoint;
import dev.rlaif.lm.tokenizer.BpeTrainingConfig;
import dev.rlaif.lm.tokenizer.ByteLevelBpe;
import dev.rlaif.lm.tokenizer.SpecialTokens;
import dev.rlaif.ppo.GrpoConfig;
import dev.rlaif.ppo.GrpoTrainer;
import dev.rlaif.ppo.PpoConfig;
import dev.rlaif.ppo.PpoTrainer;
import dev.rlaif.ppo.RunConfig;
import dev.rlaif.reward.CompositeReward;
import dev.rlaif.reward.JudgeReward;
import dev.rlaif.reward.LearnedRewardModel;
import dev.rlaif.reward.RewardDataset;
import dev.rlaif.reward.RewardObjective;
import dev.rlaif.reward.RewardTrainer;
import dev.rlaif.reward.RewardTrainerConfig;
import dev.rlaif.reward.ScoredSample;
import dev.rlaif.reward.TrainedReward;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The end-to-end RLAIF experiment on Gorilla APIBench: tokenizer, SFT (policy and a larger
 * baseline), sampling, AI feedback, reward model, RL, evaluation and report, repeated over seeds.
 *
 * <p>Every stage writes its artifact into its own folder of {@code out} with a
 * {@code provenance.json} whose id chains the ids of the stage's inputs, so a rerun skips finished
 * stages and a killed run resumes at the stage it was in (see {@link Stages}).
 */
public final class Experiment {

    /**
     * How to judge: the offline API-database judge, or an OpenAI-compatible endpoint.
     *
     * @param url base URL of the endpoint, or null for the offline judge
     * @param model the judge model's name
     * @param keyEnv environment variable holding the API key
     */
    public record JudgeChoice(String url, String model, String keyEnv) {
        /** The offline judge (the default). */
        public static JudgeChoice offline() {
            return new JudgeChoice(null, null, "OPENAI_API_KEY");
        }

        boolean isOffline() {
            return url == null;
        }
    }

    /** Rows per generation batch: large batches amortise the per-token engine calls on CPU. */
    static final int GENERATION_BATCH = 128;

    private final Preset preset;
    private final Path out;
    private final Hub hub;
    private final long baseSeed;
    private final JudgeChoice judge;
    private final GorillaData data = GorillaData.bundled();
    private final Stages stages = new Stages();
    private final Evaluation evaluation;
    private String judgeId;

    Experiment(Preset preset, Path out, Hub hub, long baseSeed, JudgeChoice judge) {
        this.preset = Objects.requireNonNull(preset);
        this.out = out;
        this.hub = hub;
        this.baseSeed = baseSeed;
        this.judge = judge;
        this.evaluation = new Evaluation(data);
    }

    /** Runs (or resumes) every stage for every seed, then writes the report. */
    List<SeedRun> run() throws IOException {
        System.setProperty("ai.djl.offline", "true");
        Files.createDirectories(out);
        TaskSplit split = Splits.split(data, hub, baseSeed);
        List<Task> train = cap(split.train(), preset.trainTasks());
        List<Task> eval = cap(split.eval(), preset.evalTasks());
        String dataHash = Provenance.sha256(ids(train) + "|" + ids(eval));
        System.err.printf(Locale.ROOT, "[data] %s: %d train / %d eval tasks (%s)%n", hub.id(), train.size(),
                eval.size(), split.description());

        Path tokDir = out.resolve("shared/tokenizer");
        Provenance tokProv = Provenance.of("tokenizer", Map.of("vocab_size", preset.vocabSize(),
                "target_fields", preset.targetFields()), 0, dataHash, List.of());
        stages.run("tokenizer", tokDir, tokProv, dir -> trainTokenizer(train).save(dir));
        ByteLevelBpe tokenizer = ByteLevelBpe.load(tokDir, specials());

        List<SeedRun> runs = new ArrayList<>();
        for (int i = 0; i < preset.seeds(); i++) {
            runs.add(runSeed(baseSeed + i, train, eval, tokenizer, tokProv, dataHash));
        }
        ObjectNode config = Json.MAPPER.valueToTree(preset.toMap());
        config.put("hub", hub.id());
        config.put("base_seed", baseSeed);
        config.put("judge", judge.isOffline() ? "offline" : judge.model() + "@" + judge.url());
        ObjectNode prov = Json.MAPPER.createObjectNode();
        prov.put("data_hash", dataHash);
        prov.put("split", split.description());
        prov.put("train_tasks", train.size());
        prov.put("eval_tasks", eval.size());
        ObjectNode versions = prov.putObject("versions");
        versions.put("rlaif4j", Provenance.version());
        versions.put("java", System.getProperty("java.version"));
        versions.put("djl", ai.djl.engine.Engine.getDjlVersion());
        versions.put("engine", ai.djl.engine.Engine.getInstance().getEngineName() + " "
                + ai.djl.engine.Engine.getInstance().getVersion());
        prov.put("finished_at", java.time.Instant.now().toString());
        Report.write(out, config, prov, runs, hardware());
        System.err.println("[report] " + out.resolve("report.md"));
        return runs;
    }

    private SeedRun runSeed(long seed, List<Task> train, List<Task> eval, ByteLevelBpe tokenizer,
            Provenance tokProv, String dataHash) throws IOException {
        Path dir = out.resolve("seed-" + seed);
        PromptFormat format = new PromptFormat(preset.targetFields());
        String tokId = tokProv.id();

        // SFT: the policy and the larger SFT-only baseline, same data and step budget. With a shared
        // SFT stage (the quick preset) both are trained once, from the base seed, and every seed's RL
        // starts from the same checkpoint: the seeds then measure the variance of the RLAIF stages.
        long sftSeed = preset.shareSft() ? baseSeed : seed;
        Path sftRoot = preset.shareSft() ? out.resolve("shared") : dir;
        Provenance sftProv = Provenance.of("sft", sftConfigMap(preset.policy()), sftSeed, dataHash, List.of(tokId));
        Path sftDir = sftRoot.resolve("sft");
        stages.run("sft", sftDir, sftProv, d -> sft(tokenizer, format, train, preset.policy(), sftSeed, d));
        Provenance largeProv = Provenance.of("sft_large", sftConfigMap(preset.large()), sftSeed, dataHash,
                List.of(tokId));
        Path largeDir = sftRoot.resolve("sft_large");
        stages.run("sft_large", largeDir, largeProv, d -> sft(tokenizer, format, train, preset.large(), sftSeed, d));

        // Sampling: K answers per training task from the SFT policy.
        Provenance sampleProv = Provenance.of("samples", Map.of("k", preset.samplesPerTask(),
                "temperature", preset.sampleTemperature(), "max_new_tokens", preset.maxNewTokens()), seed, dataHash,
                List.of(sftProv.id()));
        Path samplesFile = dir.resolve("samples/samples.jsonl");
        stages.run("samples", dir.resolve("samples"), sampleProv, d -> {
            try (Gpt2Model m = load(sftDir)) {
                DecoderPolicy policy = new DecoderPolicy(m, tokenizer, format, GENERATION_BATCH,
                        new int[] {tokenizer.eosId()});
                List<Completion> cs = policy.generate(train, new SamplingConfig(preset.maxNewTokens(),
                        preset.sampleTemperature(), 0, 1.0, preset.samplesPerTask(), seed));
                writeCompletions(samplesFile, cs);
            }
        });

        // AI feedback, journaled.
        Provenance fbProv = Provenance.of("feedback", Map.of("judge", judgeId(),
                "contrast_per_task", preset.contrastPerTask(), "references", preset.judgeReferences()), seed, dataHash,
                List.of(sampleProv.id()));
        Path journal = dir.resolve("feedback/journal.jsonl");
        stages.run("feedback", dir.resolve("feedback"), fbProv, d -> {
            List<Task> tasks = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            readCompletions(samplesFile, byId(train), tasks, texts);
            addContrast(tasks, texts, preset.contrastPerTask(), seed);
            if (preset.judgeReferences()) {
                for (Task t : train) {
                    tasks.add(t);
                    texts.add(format.target(t));
                }
            }
            try (FeedbackProvider j = makeJudge(); JournaledFeedback jf = JournaledFeedback.open(j, journal)) {
                JournaledFeedback.Result r = jf.run(tasks, texts);
                System.err.printf(Locale.ROOT, "[feedback] %d judged, %d from journal, %d failed%n", r.judged(),
                        r.fromJournal(), r.failed());
            }
        });

        // Reward model on the feedback, initialised from the SFT policy.
        Provenance rmProv = Provenance.of("reward", Map.of("epochs", preset.rewardEpochs(), "lr", preset.rewardLr(),
                "objective", preset.rewardObjective()),
                seed, dataHash, List.of(fbProv.id(), sftProv.id()));
        Path rmDir = dir.resolve("reward");
        stages.run("reward", rmDir, rmProv, d -> {
            RewardDataset all = RewardDataset.fromJournal(journal, data);
            RewardDataset.Partition parts = all.splitByTask(0.2, seed);
            RewardTrainerConfig cfg = RewardTrainerConfig.defaults().toBuilder()
                    .objective(RewardObjective.parse(preset.rewardObjective())).epochs(preset.rewardEpochs())
                    .learningRate(preset.rewardLr())
                    .batchSize(32).seed(seed).build();
            try (Gpt2Model init = load(sftDir)) {
                TrainedReward tr = new RewardTrainer(cfg, List.of(sftProv.id(), fbProv.id()))
                        .fit(init, tokenizer, parts.train(), parts.heldOut(), d.resolve("model"), TrainingListener.none());
                Files.writeString(d.resolve("agreement.json"), Json.write(Map.of(
                        "spearman", tr.evaluation().spearman(), "pearson", tr.evaluation().pearson(),
                        "pairwise_accuracy", tr.evaluation().pairwiseAccuracy())));
                tr.model().close();
            }
        });

        // RL from the SFT policy against the reward model.
        Provenance rlProv = Provenance.of("rl", rlConfigMap(), seed, dataHash, List.of(sftProv.id(), rmProv.id()));
        Path rlDir = dir.resolve("rl");
        stages.run("rl", rlDir, rlProv, d -> {
            try (Gpt2Model m = load(sftDir);
                    LearnedRewardModel rm = LearnedRewardModel.load(rmDir.resolve("model"), tokenizer);
                    FeedbackProvider j = preset.judgeRewardWeight() > 0 ? makeJudge() : null;
                    RewardModel reward = rlReward(rm, j, journal, d)) {
                DecoderPolicy policy = new DecoderPolicy(m, tokenizer, format);
                TrainingReport rep = rlTrainer(seed, d.resolve("state"))
                        .train(policy, train, reward, TrainingListener.none());
                save(m, tokenizer, d.resolve("policy"));
                Files.writeString(d.resolve("history.json"), Json.write(rep.history()));
            }
        });

        // Evaluation of the three models on the held-out tasks, greedy.
        Map<String, Path> models = new LinkedHashMap<>();
        models.put("sft", sftDir);
        models.put("rlaif", rlDir.resolve("policy"));
        models.put("sft_large", largeDir);
        Map<String, Provenance> parents = Map.of("sft", sftProv, "rlaif", rlProv, "sft_large", largeProv);
        Map<String, Map<String, Double>> metrics = new LinkedHashMap<>();
        Map<String, Long> params = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : models.entrySet()) {
            Path evalDir = dir.resolve("eval-" + e.getKey());
            Provenance ep = Provenance.of("eval", Map.of("max_new_tokens", preset.maxNewTokens(),
                    "metrics", Evaluation.VERSION), seed, dataHash, List.of(parents.get(e.getKey()).id()));
            stages.run("eval-" + e.getKey(), evalDir, ep, d -> {
                try (Gpt2Model m = load(e.getValue())) {
                    List<Completion> cs = new DecoderPolicy(m, tokenizer, format, GENERATION_BATCH, new int[] {tokenizer.eosId()})
                            .generate(eval, SamplingConfig.greedy(preset.maxNewTokens()));
                    writeCompletions(d.resolve("completions.jsonl"), cs);
                    List<String> texts = cs.stream().map(Completion::text).toList();
                    Map<String, Double> scores = evaluation.score(eval, texts);
                    Files.writeString(d.resolve("metrics.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
                            .writeValueAsString(scores));
                    Files.writeString(d.resolve("parameters.txt"), Long.toString(m.parameterCount()));
                }
            });
            metrics.put(e.getKey(), readDoubles(evalDir.resolve("metrics.json")));
            params.put(e.getKey(), Long.parseLong(Files.readString(evalDir.resolve("parameters.txt")).strip()));
        }
        metrics.put("constant", constantBaseline(train, eval, format, dataHash));
        List<Map<String, Double>> history = new ArrayList<>();
        for (JsonNode row : Json.MAPPER.readTree(rlDir.resolve("history.json").toFile())) {
            Map<String, Double> m = new LinkedHashMap<>();
            row.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().asDouble()));
            history.add(m);
        }
        Map<String, Double> agreement = readDoubles(rmDir.resolve("agreement.json"));
        Map<String, Double> seconds = new LinkedHashMap<>();
        stages.seconds().forEach((k, v) -> {
            if (!k.equals("tokenizer")) {
                seconds.put(k, v);
            }
        });
        System.err.printf(Locale.ROOT, "[seed %d] AST acc sft %.3f rlaif %.3f large %.3f | exec sft %.3f rlaif %.3f large %.3f%n",
                seed, metrics.get("sft").get("ast_accuracy"), metrics.get("rlaif").get("ast_accuracy"),
                metrics.get("sft_large").get("ast_accuracy"), metrics.get("sft").get("executability"),
                metrics.get("rlaif").get("executability"), metrics.get("sft_large").get("executability"));
        return new SeedRun(seed, metrics, agreement, history, seconds, params);
    }

    /**
     * The RL reward: the learned reward model, whitened; with a judge weight, plus the judge's own
     * score called directly, scaled to unit spread over the feedback set, so the weight reads as the
     * judge's share. An endpoint judge goes through a journal in the RL stage's folder, so a resumed
     * run does not pay twice.
     */
    private RewardModel rlReward(LearnedRewardModel rm, FeedbackProvider judge, Path journal, Path stageDir) {
        if (judge == null) {
            return rm.whitened();
        }
        double[] scores = RewardDataset.fromJournal(journal, data).scores();
        double sd = new org.apache.commons.math3.stat.descriptive.DescriptiveStatistics(scores).getStandardDeviation();
        if (!(sd > 1e-9)) {
            sd = 1;
        }
        RewardModel direct = this.judge.isOffline() ? new JudgeReward(judge, 0)
                : JudgeReward.journaled(judge, stageDir.resolve("judge-journal.jsonl"), 0);
        return CompositeReward.builder().add(1.0, rm.whitened()).add(preset.judgeRewardWeight() / sd, direct).build();
    }

    /**
     * Adds {@code perTask} off-task contrast answers for every task of the judged set: an answer
     * sampled for a training task of another domain (any other task when the set has one domain),
     * to be judged against this task's instruction. The policy's own samples rarely leave the
     * task's domain, so without them the reward model sees almost no answer that is a real API but
     * the wrong one for the instruction, and learns to reward the most common kind of answer
     * whatever was asked; with them, the judge's verdict on such answers teaches it that the right
     * answer depends on the instruction.
     */
    static void addContrast(List<Task> tasks, List<String> texts, int perTask, long seed) {
        if (perTask <= 0 || tasks.stream().map(Task::id).distinct().count() < 2) {
            return; // no other task to borrow an answer from
        }
        int n = tasks.size();
        java.util.Random rng = new java.util.Random(seed * 1_000_003L + 17);
        java.util.Set<String> seen = new java.util.HashSet<>();
        boolean oneDomain = tasks.stream().map(Task::domain).distinct().count() < 2;
        for (int i = 0; i < n; i++) {
            Task t = tasks.get(i);
            if (!seen.add(t.id())) {
                continue;
            }
            for (int c = 0; c < perTask; c++) {
                int j;
                do {
                    j = rng.nextInt(n);
                } while (tasks.get(j).id().equals(t.id()) || (!oneDomain && tasks.get(j).domain().equals(t.domain())));
                tasks.add(t);
                texts.add(texts.get(j));
            }
        }
    }

    /**
     * The metrics of answering every held-out task with the most common target of the training
     * tasks: no model at all, the bar that a policy which ignores the instruction reaches.
     * Deterministic, so it is computed once and shared by the seeds.
     */
    private Map<String, Double> constantBaseline(List<Task> train, List<Task> eval, PromptFormat format,
            String dataHash) throws IOException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Task t : train) {
            counts.merge(format.target(t), 1, Integer::sum);
        }
        String answer = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Path d = out.resolve("shared/eval-constant");
        Provenance p = Provenance.of("eval-constant", Map.of("answer", answer, "metrics", Evaluation.VERSION), 0,
                dataHash, List.of());
        stages.run("eval-constant", d, p, dir -> {
            List<String> texts = java.util.Collections.nCopies(eval.size(), answer);
            Files.writeString(dir.resolve("metrics.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(evaluation.score(eval, texts)));
        });
        return readDoubles(d.resolve("metrics.json"));
    }

    private dev.rlaif.core.PolicyTrainer<DecoderPolicy> rlTrainer(long seed, Path stateDir) {
        RunConfig run = RunConfig.builder().steps(preset.rlSteps()).promptsPerStep(preset.rlPromptsPerStep())
                .miniBatchSize(Math.max(1, preset.rlPromptsPerStep() * preset.rlSamplesPerPrompt() / 2))
                .learningRate(preset.rlLr())
                .sampling(new SamplingConfig(preset.maxNewTokens(), 1.0, 0, 1.0, preset.rlSamplesPerPrompt(), seed))
                .seed(seed).outputDir(stateDir).saveSteps(Math.max(1, preset.rlSteps() / 4)).build();
        if (preset.algorithm().equals("grpo")) {
            return new GrpoTrainer(GrpoConfig.builder().run(run).numGenerations(Math.max(2, preset.rlSamplesPerPrompt()))
                    .beta(preset.klCoef()).build());
        }
        return new PpoTrainer(PpoConfig.builder().run(run).klCoef(preset.klCoef()).build());
    }

    private void sft(ByteLevelBpe tokenizer, PromptFormat format, List<Task> train, int[] shape, long seed, Path dir)
            throws IOException {
        Gpt2Config cfg = new Gpt2Config(tokenizer.vocabSize(), preset.nPositions(), shape[0], shape[1], shape[2], 1e-5,
                tokenizer.bosId(), tokenizer.eosId(), tokenizer.padId());
        List<SftExample> examples = new ArrayList<>();
        for (Task t : train) {
            examples.add(SftExample.of(t, tokenizer, format));
        }
        SftConfig sc = SftConfig.defaults().withMaxSteps(preset.sftSteps()).withBatch(preset.sftBatch(), 1)
                .withLearningRate(preset.sftLr(), Math.max(1, preset.sftSteps() / 10))
                .withIntervals(0, 0).withSeed(seed);
        try (Gpt2Model model = Gpt2Model.create(cfg, false, seed)) {
            new SftTrainer(sc).train(model, examples, List.of(), null, TrainingListener.none());
            save(model, tokenizer, dir);
        }
    }

    private ByteLevelBpe trainTokenizer(List<Task> train) {
        PromptFormat full = PromptFormat.full();
        List<String> corpus = new ArrayList<>();
        for (Task t : train) {
            corpus.add(full.prompt(t) + full.target(t));
        }
        for (ApiDoc d : data.apiDatabase(hub).records()) {
            corpus.add(d.documentText());
        }
        return ByteLevelBpe.train(corpus, BpeTrainingConfig.of(preset.vocabSize()).withSpecials(specials()));
    }

    private static SpecialTokens specials() {
        return SpecialTokens.defaults().withGorillaMarkers();
    }

    private FeedbackProvider makeJudge() {
        Map<Hub, List<ApiDoc>> dbs = new EnumMap<>(Hub.class);
        dbs.put(hub, data.apiDatabase(hub).records());
        if (judge.isOffline()) {
            return OfflineJudge.builder(dbs).build();
        }
        return OpenAiJudge.create(OpenAiJudgeConfig.builder().baseUrl(judge.url()).model(judge.model())
                .apiKeyEnv(judge.keyEnv()).build(), dbs);
    }

    /** The judge's config id for provenance; the offline judge indexes the databases, so it is built once. */
    private String judgeId() {
        if (judgeId == null) {
            if (judge.isOffline()) {
                try (FeedbackProvider j = makeJudge()) {
                    judgeId = j.configId();
                }
            } else {
                judgeId = "openai:" + judge.model() + "@" + judge.url();
            }
        }
        return judgeId;
    }

    private Map<String, Object> sftConfigMap(int[] shape) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shape", List.of(shape[0], shape[1], shape[2]));
        m.put("steps", preset.sftSteps());
        m.put("batch", preset.sftBatch());
        m.put("lr", preset.sftLr());
        m.put("n_positions", preset.nPositions());
        m.put("target_fields", preset.targetFields());
        return m;
    }

    private Map<String, Object> rlConfigMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", preset.algorithm());
        m.put("steps", preset.rlSteps());
        m.put("prompts_per_step", preset.rlPromptsPerStep());
        m.put("samples_per_prompt", preset.rlSamplesPerPrompt());
        m.put("lr", preset.rlLr());
        m.put("kl_coef", preset.klCoef());
        m.put("judge_reward_weight", preset.judgeRewardWeight());
        m.put("max_new_tokens", preset.maxNewTokens());
        return m;
    }

    static Gpt2Model load(Path dir) {
        HfCheckpoint cp = HfCheckpoint.load(dir);
        return Gpt2Model.fromHost(cp.config(), cp.tensors());
    }

    private static void save(Gpt2Model model, ByteLevelBpe tokenizer, Path dir) {
        new HfCheckpoint(model.config(), model.toHost()).save(dir);
        tokenizer.save(dir);
    }

    private static void writeCompletions(Path file, List<Completion> cs) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder();
        for (Completion c : cs) {
            sb.append(Json.write(Map.of("task", c.taskId(), "completion", c.text(), "eos", c.endedWithEos())))
                    .append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    private static void readCompletions(Path file, Map<String, Task> tasks, List<Task> outTasks, List<String> texts) {
        Jsonl.read(file, (n, line) -> {
            String id = Json.requireString(n, "task");
            Task t = tasks.get(id);
            if (t == null) {
                throw new IllegalArgumentException("unknown task id '" + id + "'");
            }
            outTasks.add(t);
            texts.add(Json.requireString(n, "completion"));
            return id;
        }, Jsonl.BadLines.FAIL);
    }

    private static Map<String, Task> byId(List<Task> tasks) {
        Map<String, Task> m = new LinkedHashMap<>();
        tasks.forEach(t -> m.put(t.id(), t));
        return m;
    }

    private static Map<String, Double> readDoubles(Path file) throws IOException {
        Map<String, Double> m = new LinkedHashMap<>();
        Json.MAPPER.readTree(file.toFile()).fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().asDouble()));
        return m;
    }

    private static List<Task> cap(List<Task> tasks, int n) {
        return n > 0 && n < tasks.size() ? tasks.subList(0, n) : tasks;
    }

    private static String ids(List<Task> tasks) {
        StringBuilder sb = new StringBuilder();
        tasks.forEach(t -> sb.append(t.id()).append(','));
        return sb.toString();
    }

    static String hardware() {
        String cpu = "unknown CPU";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            cpu = System.getProperty("os.arch");
        }
        return String.format(Locale.ROOT, "Run on %s with %d cores, %s, Java %s.", java.time.LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("java.version"));
    }
}
