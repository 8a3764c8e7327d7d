package dev.rlaif.lm.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.io.InvalidInputException;
import dev.rlaif.core.io.Json;
import dev.rlaif.lm.Gpt2Config;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfConfigJsonTest {

    /** The fields of gpt2's config.json on the Hub (its old format: no pad, n_ctx alongside n_positions). */
    private static final String GPT2 = """
            {"activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"], "attn_pdrop": 0.1,
             "bos_token_id": 50256, "embd_pdrop": 0.1, "eos_token_id": 50256, "initializer_range": 0.02,
             "layer_norm_epsilon": 1e-05, "model_type": "gpt2", "n_ctx": 1024, "n_embd": 768, "n_head": 12,
             "n_layer": 12, "n_positions": 1024, "resid_pdrop": 0.1, "summary_activation": null,
             "summary_first_dropout": 0.1, "summary_proj_to_labels": true, "summary_type": "cls_index",
             "summary_use_proj": true, "task_specific_params": {"text-generation": {"do_sample": true, "max_length": 50}},
             "vocab_size": 50257}""";

    /** distilgpt2: six layers, plus label maps left over from its distillation head. */
    private static final String DISTILGPT2 = """
            {"_num_labels": 1, "activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"],
             "attn_pdrop": 0.1, "bos_token_id": 50256, "embd_pdrop": 0.1, "eos_token_id": 50256,
             "id2label": {"0": "LABEL_0"}, "initializer_range": 0.02, "label2id": {"LABEL_0": 0},
             "layer_norm_epsilon": 1e-05, "model_type": "gpt2", "n_ctx": 1024, "n_embd": 768, "n_head": 12,
             "n_layer": 6, "n_positions": 1024, "resid_pdrop": 0.1, "summary_activation": null,
             "summary_first_dropout": 0.1, "summary_proj_to_labels": true, "summary_type": "cls_index",
             "summary_use_proj": true, "vocab_size": 50257}""";

    /** gpt2-large. */
    private static final String GPT2_LARGE = """
            {"activation_function": "gelu_new", "architectures": ["GPT2LMHeadModel"], "attn_pdrop": 0.1,
             "bos_token_id": 50256, "embd_pdrop": 0.1, "eos_token_id": 50256, "initializer_range": 0.02,
             "layer_norm_epsilon": 1e-05, "model_type": "gpt2", "n_ctx": 1024, "n_embd": 1280, "n_head": 20,
             "n_layer": 36, "n_positions": 1024, "resid_pdrop": 0.1, "summary_activation": null,
             "summary_first_dropout": 0.1, "summary_proj_to_labels": true, "summary_type": "cls_index",
             "summary_use_proj": true, "vocab_size": 50257}""";

    /** codeparrot-small: newer transformers fields, its own 32768-token vocabulary, ids 0. */
    private static final String CODEPARROT_SMALL = """
            {"_name_or_path": "codeparrot/codeparrot-small", "activation_function": "gelu_new",
             "architectures": ["GPT2LMHeadModel"], "attn_pdrop": 0.1, "bos_token_id": 0, "embd_pdrop": 0.1,
             "eos_token_id": 0, "gradient_checkpointing": false, "initializer_range": 0.02,
             "layer_norm_epsilon": 1e-05, "model_type": "gpt2", "n_ctx": 1024, "n_embd": 768, "n_head": 12,
             "n_inner": null, "n_layer": 12, "n_positions": 1024, "reorder_and_upcast_attn": false,
             "resid_pdrop": 0.1, "scale_attn_by_inverse_layer_idx": false, "scale_attn_weights": true,
             "summary_activation": null, "summary_first_dropout": 0.1, "summary_proj_to_labels": true,
             "summary_type": "cls_index", "summary_use_proj": true, "torch_dtype": "float32",
             "transformers_version": "4.17.0.dev0", "use_cache": true, "vocab_size": 32768}""";

    @TempDir
    Path dir;

    @Test
    void readsRealGpt2FamilyConfigs() {
        assertEquals(new Gpt2Config(50257, 1024, 768, 12, 12, 1e-5, 50256, 50256, 50256), HfConfigJson.parse(GPT2, "gpt2"));
        assertEquals(new Gpt2Config(50257, 1024, 768, 6, 12, 1e-5, 50256, 50256, 50256),
                HfConfigJson.parse(DISTILGPT2, "distilgpt2"));
        assertEquals(new Gpt2Config(50257, 1024, 1280, 36, 20, 1e-5, 50256, 50256, 50256),
                HfConfigJson.parse(GPT2_LARGE, "gpt2-large"));
        assertEquals(new Gpt2Config(32768, 1024, 768, 12, 12, 1e-5, 0, 0, 0),
                HfConfigJson.parse(CODEPARROT_SMALL, "codeparrot-small"));
    }

    @Test
    void roundTripsThroughAFile() {
        Gpt2Config c = new Gpt2Config(4096, 256, 128, 4, 4, 1e-6, 1, 2, 3);
        Path f = dir.resolve("config.json");
        HfConfigJson.write(f, c);
        assertEquals(c, HfConfigJson.read(f));
    }

    @Test
    void writesTheFieldsHfNeeds() throws Exception {
        JsonNode n = Json.MAPPER.readTree(HfConfigJson.toJson(new Gpt2Config(100, 32, 16, 2, 2, 1e-5, 0, 1, 2)));
        assertEquals("gpt2", n.get("model_type").asText());
        assertEquals("GPT2LMHeadModel", n.get("architectures").get(0).asText());
        assertEquals("gelu_new", n.get("activation_function").asText());
        assertTrue(n.get("n_inner").isNull());
        assertEquals(100, n.get("vocab_size").asInt());
        assertEquals(32, n.get("n_positions").asInt());
        assertEquals(2, n.get("pad_token_id").asInt());
        assertTrue(n.get("tie_word_embeddings").asBoolean());
    }

    @Test
    void rejectsWhatTheDecoderCannotCompute() {
        assertRejected(GPT2.replace("\"gpt2\"", "\"llama\""), "model_type 'llama'");
        assertRejected(GPT2.replace("gelu_new", "relu"), "activation_function 'relu'");
        assertRejected(CODEPARROT_SMALL.replace("\"n_inner\": null", "\"n_inner\": 1000"), "n_inner 1000");
        assertRejected(CODEPARROT_SMALL.replace("\"scale_attn_by_inverse_layer_idx\": false",
                "\"scale_attn_by_inverse_layer_idx\": true"), "scale_attn_by_inverse_layer_idx");
        assertRejected(GPT2.replace("\"n_embd\": 768,", ""), "'n_embd'");
        assertRejected(GPT2.replace("\"n_head\": 12", "\"n_head\": 7"), "divisible");
        assertRejected(GPT2.replace("\"eos_token_id\": 50256", "\"eos_token_id\": 60000"), "60000");
    }

    private static void assertRejected(String json, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HfConfigJson.parse(json, "cfg.json"));
        assertTrue(e.getMessage().startsWith("cfg.json"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
