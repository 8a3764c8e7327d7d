package dev.rlaif.lm.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.core.io.Json;
import dev.rlaif.lm.Gpt2Config;
import dev.rlaif.lm.HostTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A GPT-2 checkpoint in Hugging Face's directory layout: {@code config.json}, {@code model.safetensors}
 * (or shards listed in {@code model.safetensors.index.json}) and optionally {@code tokenizer.json}.
 *
 * <p>{@link #tensors()} uses the bare GPT-2 names ({@code wte.weight}, {@code h.0.attn.c_attn.weight},
 * ..., {@code ln_f.bias}) with HF's Conv1D orientation ({@code [in, out]}, {@code y = x W + b}), plus
 * {@code v_head.weight} {@code [d, 1]} and {@code v_head.bias} {@code [1]} when the model has a value
 * head. The constructor checks every name and shape against the config, so a checkpoint that exists
 * is one the decoder can run.
 *
 * <p>Loading accepts what real checkpoints contain: names with or without the {@code transformer.}
 * prefix (GPT2LMHeadModel vs GPT2Model saves), the causal-mask buffers {@code attn.bias} and
 * {@code attn.masked_bias} that older transformers versions persisted (skipped unread), an explicit
 * {@code lm_head.weight} (accepted only when bitwise equal to {@code wte.weight}, because the decoder
 * ties them), and TRL's value head {@code v_head.summary.weight} {@code [1, d]}. Saving writes exactly
 * what transformers' {@code GPT2LMHeadModel.save_pretrained} writes today: {@code transformer.}-prefixed
 * float32 tensors, no {@code lm_head.weight} (tied), no mask buffers, metadata {@code format=pt}. Tests
 * that need "a checkpoint in HF's exact layout" can therefore build one with {@link #save(Path)}.
 *
 * @param config the architecture
 * @param tensors weights by bare GPT-2 name; the map is copied, the arrays are not
 */
public record HfCheckpoint(Gpt2Config config, Map<String, HostTensor> tensors) {

    /** The config file name. */
    public static final String CONFIG_FILE = "config.json";
    /** The single-file weights name. */
    public static final String WEIGHTS_FILE = "model.safetensors";
    /** The index naming the shards of a sharded checkpoint. */
    public static final String WEIGHTS_INDEX_FILE = "model.safetensors.index.json";
    /** The tokenizer file name. */
    public static final String TOKENIZER_FILE = "tokenizer.json";
    /** The value head's weight, {@code [n_embd, 1]}. */
    public static final String VALUE_HEAD_WEIGHT = "v_head.weight";
    /** The value head's bias, {@code [1]}. */
    public static final String VALUE_HEAD_BIAS = "v_head.bias";

    private static final String PREFIX = "transformer.";
    private static final String LM_HEAD = "lm_head.weight";

    /** Validates names and shapes against the config. */
    public HfCheckpoint {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        String problem = layoutProblem(config, tensors);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Whether the checkpoint carries a value head. */
    public boolean hasValueHead() {
        return tensors.containsKey(VALUE_HEAD_WEIGHT);
    }

    /**
     * Every tensor name a GPT-2 of this shape has, in HF's order, with its HF shape. The value head
     * entries come last when {@code valueHead} is set.
     */
    public static Map<String, long[]> expectedShapes(Gpt2Config c, boolean valueHead) {
        long d = c.nEmbd();
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("wte.weight", new long[] {c.vocabSize(), d});
        m.put("wpe.weight", new long[] {c.nPositions(), d});
        for (int i = 0; i < c.nLayer(); i++) {
            String h = "h." + i + ".";
            m.put(h + "ln_1.weight", new long[] {d});
            m.put(h + "ln_1.bias", new long[] {d});
            m.put(h + "attn.c_attn.weight", new long[] {d, 3 * d});
            m.put(h + "attn.c_attn.bias", new long[] {3 * d});
            m.put(h + "attn.c_proj.weight", new long[] {d, d});
            m.put(h + "attn.c_proj.bias", new long[] {d});
            m.put(h + "ln_2.weight", new long[] {d});
            m.put(h + "ln_2.bias", new long[] {d});
            m.put(h + "mlp.c_fc.weight", new long[] {d, 4 * d});
            m.put(h + "mlp.c_fc.bias", new long[] {4 * d});
            m.put(h + "mlp.c_proj.weight", new long[] {4 * d, d});
            m.put(h + "mlp.c_proj.bias", new long[] {d});
        }
        m.put("ln_f.weight", new long[] {d});
        m.put("ln_f.bias", new long[] {d});
        if (valueHead) {
            m.put(VALUE_HEAD_WEIGHT, new long[] {d, 1});
            m.put(VALUE_HEAD_BIAS, new long[] {1});
        }
        return m;
    }

    /**
     * Loads a checkpoint directory.
     *
     * @throws InvalidInputException naming the file when the config is unsupported or the weights do
     *     not match it
     */
    public static HfCheckpoint load(Path dir) {
        Gpt2Config config = HfConfigJson.read(dir.resolve(CONFIG_FILE));
        Path single = dir.resolve(WEIGHTS_FILE);
        Path index = dir.resolve(WEIGHTS_INDEX_FILE);
        List<Path> files;
        if (Files.exists(single)) {
            files = List.of(single);
        } else if (Files.exists(index)) {
            files = shards(index);
        } else {
            throw new InvalidInputException(dir.toString(), 0, "no " + WEIGHTS_FILE + " or " + WEIGHTS_INDEX_FILE
                    + " (rlaif4j reads safetensors only; convert pytorch_model.bin first)");
        }
        Map<String, HostTensor> raw = new LinkedHashMap<>();
        for (Path f : files) {
            Safetensors.read(f, name -> !isMaskBuffer(name)).forEach((name, t) -> {
                if (raw.put(canonicalName(name), canonicalShape(name, t)) != null) {
                    throw new InvalidInputException(f.toString(), 0, "tensor '" + name + "' appears twice"
                            + " (with and without the '" + PREFIX + "' prefix, or in two shards)");
                }
            });
        }
        String source = files.size() == 1 ? files.get(0).toString() : index.toString();
        HostTensor lmHead = raw.remove(LM_HEAD);
        if (lmHead != null) {
            HostTensor wte = raw.get("wte.weight");
            if (wte == null || !Arrays.equals(lmHead.shape(), wte.shape()) || !Arrays.equals(lmHead.data(), wte.data())) {
                throw new InvalidInputException(source, 0, "'" + LM_HEAD + "' differs from 'wte.weight': rlaif4j's decoder"
                        + " ties the output projection to the token embedding and cannot load untied weights");
            }
        }
        String problem = layoutProblem(config, raw);
        if (problem != null) {
            throw new InvalidInputException(source, 0, problem);
        }
        return new HfCheckpoint(config, raw);
    }

    /** The checkpoint's {@code tokenizer.json}, when it has one. */
    public static Optional<Path> tokenizerFile(Path dir) {
        Path p = dir.resolve(TOKENIZER_FILE);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /**
     * Writes {@code config.json} and {@code model.safetensors} into {@code dir}, creating it. Save the
     * tokenizer into the same directory ({@code ByteLevelBpe.save(dir)}) to get a complete HF model
     * directory that {@code AutoModelForCausalLM} and {@code AutoTokenizer} both load.
     */
    public void save(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot create " + dir, ex);
        }
        Map<String, HostTensor> named = new LinkedHashMap<>();
        tensors.forEach((name, t) -> named.put(name.startsWith("v_head.") ? name : PREFIX + name, t));
        Safetensors.write(dir.resolve(WEIGHTS_FILE), named, Map.of("format", "pt"));
        HfConfigJson.write(dir.resolve(CONFIG_FILE), config);
    }

    private static boolean isMaskBuffer(String name) {
        return name.endsWith(".attn.bias") || name.endsWith(".attn.masked_bias");
    }

    private static String canonicalName(String name) {
        String n = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
        return switch (n) {
            case "v_head.summary.weight" -> VALUE_HEAD_WEIGHT;
            case "v_head.summary.bias" -> VALUE_HEAD_BIAS;
            default -> n;
        };
    }

    /** TRL's value head is a {@code Linear(d, 1)}: its {@code [1, d]} weight holds {@code [d, 1]}'s values. */
    private static HostTensor canonicalShape(String name, HostTensor t) {
        long[] s = t.shape();
        if (name.equals("v_head.summary.weight") && s.length == 2 && s[0] == 1) {
            return new HostTensor(new long[] {s[1], 1}, t.data());
        }
        return t;
    }

    private static List<Path> shards(Path index) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(index, StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new InvalidInputException(index.toString(), 0, "cannot parse: " + ex.getMessage(), ex);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new InvalidInputException(index.toString(), 0, "missing object 'weight_map'");
        }
        Set<Path> files = new LinkedHashSet<>();
        map.fields().forEachRemaining(e -> files.add(index.resolveSibling(e.getValue().asText())));
        return new ArrayList<>(files);
    }

    /** Why {@code tensors} cannot be this config's GPT-2, or null when they can. */
    private static String layoutProblem(Gpt2Config config, Map<String, HostTensor> tensors) {
        boolean valueHead = tensors.containsKey(VALUE_HEAD_WEIGHT) || tensors.containsKey(VALUE_HEAD_BIAS);
        Map<String, long[]> expected = expectedShapes(config, valueHead);
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            HostTensor t = tensors.get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(t.shape(), e.getValue())) {
                return "tensor '" + e.getKey() + "' has shape " + Arrays.toString(t.shape()) + ", expected "
                        + Arrays.toString(e.getValue()) + " for " + config;
            }
        }
        if (!missing.isEmpty()) {
            return "missing tensors " + abbreviate(missing) + " for " + config;
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : tensors.keySet()) {
            if (!expected.containsKey(name)) {
                unexpected.add(name);
            }
        }
        return unexpected.isEmpty() ? null : "unexpected tensors " + abbreviate(unexpected)
                + " (not part of a GPT-2 with n_layer=" + config.nLayer() + ")";
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 8 ? names.toString() : names.subList(0, 8) + " and " + (names.size() - 8) + " more";
    }
}
