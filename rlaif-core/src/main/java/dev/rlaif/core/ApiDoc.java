package dev.rlaif.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One record of a Gorilla API database ({@code *_api.jsonl}).
 *
 * <p>The five string fields are always strings in the data. The others change JSON type from record
 * to record (string, list, object or null), so they are kept as generic JSON nodes; use
 * {@link #text(JsonNode)} to flatten one for display or retrieval.
 *
 * @param domain task domain, e.g. "Computer Vision Image Classification"; the label Gorilla scores
 * @param framework e.g. "Hugging Face Transformers", "PyTorch", "TensorFlow Hub"
 * @param functionality short functionality label (a JSON node: one record has a list)
 * @param apiName e.g. "YituTech/conv-bert-base" or "pytorch/vision"
 * @param apiCall the reference call, e.g. {@code AutoModel.from_pretrained('...')}
 * @param apiArguments arguments, any JSON type or null
 * @param pythonEnvironmentRequirements requirements, any JSON type
 * @param exampleCode example code, any JSON type or null
 * @param performance performance figures, any JSON type
 * @param description free-text description
 */
public record ApiDoc(
        String domain,
        String framework,
        JsonNode functionality,
        String apiName,
        String apiCall,
        JsonNode apiArguments,
        JsonNode pythonEnvironmentRequirements,
        JsonNode exampleCode,
        JsonNode performance,
        String description) {

    /** Validates that the always-string fields are present. */
    public ApiDoc {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(framework, "framework");
        Objects.requireNonNull(apiName, "apiName");
        Objects.requireNonNull(apiCall, "apiCall");
        Objects.requireNonNull(description, "description");
    }

    /** The example code as plain text: a list of lines is joined with newlines, null is empty. */
    public String exampleCodeText() {
        return text(exampleCode);
    }

    /** The functionality as plain text. */
    public String functionalityText() {
        return text(functionality);
    }

    /**
     * All documentation text of this record in one string (name, call, domain, functionality,
     * description, arguments, example code), for retrieval and for judge prompts.
     */
    public String documentText() {
        return String.join("\n", apiName, apiCall, domain, functionalityText(), description,
                text(apiArguments), exampleCodeText());
    }

    /**
     * Flattens a JSON node to text: strings as they are, arrays joined by newlines, objects and
     * numbers as compact JSON, null or missing as the empty string.
     */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode n : node) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(text(n));
            }
            return sb.toString();
        }
        return node.toString();
    }
}
