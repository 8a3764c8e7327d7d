package dev.rlaif.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Hub;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The tables generated from API-database records. */
class ApiTablesTest {

    private static ApiDoc doc(String name, String call, String example) {
        return new ApiDoc("Domain", "Framework", TextNode.valueOf("f"), name, call, null, null,
                TextNode.valueOf(example), null, "description");
    }

    private static final ApiTables TABLES = ApiTables.build(Map.of(
            Hub.HUGGINGFACE, List.of(doc("acme/widget-base",
                    "AutoModelForWidgets.from_pretrained('acme/widget-base')",
                    "from transformers import AutoModelForWidgets, WidgetTokenizer as Tok\n"
                            + "import torch.nn.functional as F\n"
                            + "tok = Tok.from_pretrained(\"acme/widget-tokenizer\")\n"
                            + "y = F.gumbel_widget(x).Shape.size\n")),
            Hub.TORCHHUB, List.of(doc("MEAL",
                    "torch.hub.load(repo_or_dir='szq0214/MEAL-V2', 'meal_v2', model='mealv2_resnest50', pretrained=True)",
                    "model = torch.hub.load('pytorch/vision:v0.10.0', 'resnet18', pretrained=True)")),
            Hub.TENSORFLOWHUB, List.of(doc("use",
                    "hub.KerasLayer('https://tfhub.dev/google/widget/4')",
                    "import tensorflow_hub as hub\nimport tensorflow as tf\nx = tf.keras.layers.WidgetLayer(3)"))));

    @Test
    void importsAndAttributeChainsBecomeModuleNames() {
        Map<String, Set<String>> m = TABLES.modules();
        assertTrue(m.get("transformers").contains("AutoModelForWidgets"));
        assertTrue(m.get("transformers").contains("WidgetTokenizer"));
        assertTrue(m.get("torch.nn.functional").contains("gumbel_widget"));
        assertFalse(m.containsKey("torch.nn.functional.gumbel_widget"), "the last component is a name, not a module");
        assertTrue(m.get("tensorflow.keras.layers").contains("WidgetLayer"));
        assertTrue(m.get("torch").contains("nn"));
        assertTrue(TABLES.packages().containsAll(Set.of("transformers", "torch", "tensorflow", "tensorflow_hub")));
    }

    @Test
    void curatedRealNamesAreMerged() {
        assertTrue(TABLES.modules().get("torch.nn").contains("Sequential"));
        assertTrue(TABLES.modules().get("transformers").contains("AutoTokenizer"));
    }

    @Test
    void idsReposModelsAndHandlesAreCollected() {
        assertTrue(TABLES.hfIds().containsAll(Set.of("acme/widget-base", "acme/widget-tokenizer")));
        assertEquals(Set.of("meal_v2", "mealv2_resnest50"), TABLES.torchHub().get("szq0214/MEAL-V2"));
        assertEquals(Set.of("resnet18"), TABLES.torchHub().get("pytorch/vision"));
        assertEquals(Set.of("https://tfhub.dev/google/widget/4"), TABLES.tfHubHandles());
    }

    @Test
    void replacedIdsAreUnknownToTheTables() {
        String code = "m = AutoModelForWidgets.from_pretrained('acme/widget-base')\n"
                + "t = torch.hub.load('pytorch/vision', 'resnet18')\n"
                + "h = hub.KerasLayer(\"https://tfhub.dev/google/widget/4\")\n";
        String replaced = ExecBench.replaceIds(code, TABLES);
        assertTrue(replaced.contains("'acme/widget-base-v7'"), replaced);
        assertTrue(replaced.contains("'pytorch/vision-v7'"), replaced);
        assertTrue(replaced.contains("'resnet18_v7'"), replaced);
        assertTrue(replaced.contains("\"https://tfhub.dev/google/widget-v7/4\""), replaced);
    }

    @Property(tries = 200)
    void replacementNeverLeavesAKnownIdBehind(@ForAll @AlphaChars @StringLength(min = 1, max = 12) String suffix) {
        String id = "acme/widget-base";
        String code = "x = f('" + id + "', '" + suffix + "')";
        String replaced = ExecBench.replaceIds(code, TABLES);
        assertNotEquals(code, replaced);
        assertFalse(replaced.contains("'" + id + "'"));
        assertTrue(replaced.contains("'" + suffix + "'") || TABLES.hfIds().contains(suffix));
    }

    @Property(tries = 100)
    void verdictIdsRoundTrip(@ForAll Verdict v) {
        assertEquals(v, Verdict.parse(v.id()));
    }

    @Test
    void responseUnescapingRestoresNewlinesAndQuotes() {
        String raw = "<<<code>>>: from x import y\\nprint(\\'a\\')\\n\"";
        assertEquals("<<<code>>>: from x import y\nprint('a')", ExecBench.unescapeResponse(raw));
        assertEquals("a\nb", ExecBench.unescapeResponse("a\nb"));
    }
}
