package dev.rlaif.core;

import java.util.Locale;

/**
 * The three API hubs of Gorilla's APIBench. Each hub has its own API database, its own answer
 * layout inside the {@code code} field, and its own argument rules in Gorilla's AST evaluator, so
 * the hub travels with every task.
 */
public enum Hub {
    /** Hugging Face model hub ({@code transformers}, {@code diffusers}, ...). */
    HUGGINGFACE("huggingface", "huggingface_api.jsonl", "huggingface_eval.json", null),
    /** TensorFlow Hub ({@code tensorflow_hub}). */
    TENSORFLOWHUB("tensorflowhub", "tensorflowhub_api.jsonl", "tensorflow_eval.json", null),
    /** PyTorch Hub ({@code torch.hub.load}). */
    TORCHHUB("torchhub", "torchhub_api.jsonl", "torchhub_eval.json", "torchhub_train.json");

    private final String id;
    private final String apiFile;
    private final String evalFile;
    private final String trainFile;

    Hub(String id, String apiFile, String evalFile, String trainFile) {
        this.id = id;
        this.apiFile = apiFile;
        this.evalFile = evalFile;
        this.trainFile = trainFile;
    }

    /** The lower-case name used on the command line and in files, e.g. {@code torchhub}. */
    public String id() {
        return id;
    }

    /** File name of the API database in the Gorilla data folder. */
    public String apiFile() {
        return apiFile;
    }

    /** File name of the official eval set. */
    public String evalFile() {
        return evalFile;
    }

    /** File name of the official train set, or {@code null} where the shipped copy has none. */
    public String trainFile() {
        return trainFile;
    }

    /** File name of Gorilla's 0-shot question file for this hub, under {@code questions/}. */
    public String questionFile() {
        return "questions/questions_" + id + "_0_shot.jsonl";
    }

    /**
     * Parses a hub name; accepts the ids above and the common aliases {@code hf}, {@code tf},
     * {@code tensorflow}, {@code th} and {@code torch}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Hub parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "huggingface": case "hf": return HUGGINGFACE;
            case "tensorflowhub": case "tensorflow": case "tf": case "tfhub": return TENSORFLOWHUB;
            case "torchhub": case "torch": case "th": case "pytorch": return TORCHHUB;
            default:
                throw new IllegalArgumentException(
                        "unknown hub '" + name + "': expected huggingface, tensorflowhub or torchhub");
        }
    }
}
