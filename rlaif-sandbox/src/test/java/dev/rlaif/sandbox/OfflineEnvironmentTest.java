package dev.rlaif.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.Hub;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.GorillaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline API environment on real Gorilla answers: reference answers run, the same answers
 * with their model id, repo or hub URL made up fail with {@code api_error}, garbage fails to parse,
 * and hallucinated modules and names fail the way Python fails.
 */
class OfflineEnvironmentTest {

    /** Every STRIDE-th eval record of each hub is sampled: 8 HuggingFace, 6 TF Hub, 4 TorchHub. */
    private static final int STRIDE = 113;

    private static Sandbox sandbox;

    @BeforeAll
    static void open() {
        sandbox = Sandbox.open(SandboxConfig.builder().wallTimeout(Duration.ofSeconds(20)).parallelism(2).build(),
                ApiEnvironment.bundled());
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    @Test
    void sampledReferenceAnswersRunAndMadeUpIdsFail() {
        GorillaData data = GorillaData.bundled();
        List<String> codes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Hub hub : Hub.values()) {
            List<Task> tasks = data.evalTasks(hub);
            for (int i = 0; i < tasks.size(); i += STRIDE) {
                int j = i;
                while (j < tasks.size() - 1 && tasks.get(j).reference().code().isBlank()) {
                    j++;
                }
                codes.add(tasks.get(j).reference().code());
                names.add(tasks.get(j).id());
            }
        }
        List<ExecResult> reference = sandbox.runAll(codes);
        List<String> mutated = new ArrayList<>();
        List<Integer> mutatedIndex = new ArrayList<>();
        int ok = 0;
        for (int i = 0; i < codes.size(); i++) {
            if (reference.get(i).ok()) {
                ok++;
                String m = ExecBench.replaceIds(codes.get(i), sandbox.environment().tables());
                assertNotEquals(codes.get(i), m, "no known id found in " + names.get(i));
                mutated.add(m);
                mutatedIndex.add(i);
            }
        }
        assertTrue(ok >= codes.size() * 0.8, "only " + ok + "/" + codes.size() + " reference answers ran: " + reference);
        List<ExecResult> replaced = sandbox.runAll(mutated);
        for (int j = 0; j < replaced.size(); j++) {
            assertEquals(Verdict.API_ERROR, replaced.get(j).verdict(),
                    names.get(mutatedIndex.get(j)) + ": " + replaced.get(j) + "\n" + mutated.get(j));
        }
    }

    @Test
    void eachLoaderRejectsWhatItsHubDoesNotHave() {
        List<String> good = List.of(
                "from transformers import pipeline\np = pipeline('fill-mask', model='bert-base-uncased')\nprint(p('Hi [MASK]')[0]['score'])",
                "import torch\nm = torch.hub.load('pytorch/vision', 'resnet18', pretrained=True)\nm.eval()",
                "import tensorflow_hub as hub\nm = hub.load('https://tfhub.dev/google/universal-sentence-encoder/4')\nprint(m(['a'])[0])");
        List<String> bad = List.of(
                "from transformers import pipeline\np = pipeline('fill-mask', model='bert-base-uncased-nonexistent')",
                "from transformers import pipeline\np = pipeline('text-telepathy', model='bert-base-uncased')",
                "import torch\nm = torch.hub.load('pytorch/vision', 'resnet18_nonexistent', pretrained=True)",
                "import torch\nm = torch.hub.load('nobody/nothing', 'resnet18', pretrained=True)",
                "import tensorflow_hub as hub\nm = hub.load('https://tfhub.dev/google/universal-sentence-encoder-xxl/4')");
        List<ExecResult> results = sandbox.runAll(concat(good, bad));
        for (int i = 0; i < good.size(); i++) {
            assertEquals(Verdict.OK, results.get(i).verdict(), good.get(i) + " -> " + results.get(i));
        }
        for (int i = 0; i < bad.size(); i++) {
            assertEquals(Verdict.API_ERROR, results.get(good.size() + i).verdict(), bad.get(i) + " -> " + results.get(good.size() + i));
        }
        assertEquals("OSError", results.get(good.size()).exceptionType());
        assertEquals("KeyError", results.get(good.size() + 1).exceptionType());
    }

    @Test
    void hallucinatedModulesNamesAndGarbageFailAsPythonWould() {
        List<ExecResult> r = sandbox.runAll(List.of(
                "import transformers_plus",
                "import torch\ntorch.definitely_not_an_api(3)",
                "from transformers import AutoModelForTelepathy",
                "def broken(:\n    return",
                "<<<garbage>>> )))",
                "import requests\nr = requests.get('https://example.com/cat.png')\nprint(r.status_code, len(r.content))",
                "from PIL import Image\nimg = Image.open(image_path)\nprint(img.size)"));
        assertEquals(Verdict.IMPORT_ERROR, r.get(0).verdict(), r.get(0).toString());
        assertEquals(Verdict.ATTRIBUTE_ERROR, r.get(1).verdict(), r.get(1).toString());
        assertEquals(Verdict.IMPORT_ERROR, r.get(2).verdict(), r.get(2).toString());
        assertEquals(Verdict.SYNTAX_ERROR, r.get(3).verdict(), r.get(3).toString());
        assertEquals(Verdict.SYNTAX_ERROR, r.get(4).verdict(), r.get(4).toString());
        assertEquals(Verdict.OK, r.get(5).verdict(), r.get(5).toString());
        assertTrue(r.get(5).stdout().startsWith("200 "), r.get(5).stdout());
        assertEquals(Verdict.OK, r.get(6).verdict(), r.get(6).toString());
    }

    @Test
    void realLibraryBehavioursWorkAndUnimportedModulesDoNot() {
        List<ExecResult> r = sandbox.runAll(List.of(
                "!pip install transformers\nfrom transformers import AutoTokenizer\n"
                        + "t = AutoTokenizer.from_pretrained('bert-base-uncased')\n"
                        + "print('a [MASK] b'.replace('[MASK]', t.decode([1])))",
                "import numpy as np\na = np.load('missing_input.npy')\nprint(a.shape)",
                "from transformers import pipeline\np = pipeline('fill-mask', model='bert-base-uncased')\n"
                        + "print(int((p('x')[0]['score'] > 0.5).astype(int)))",
                "x = torch.tensor([1])",
                "!ls /"));
        assertEquals(Verdict.OK, r.get(0).verdict(), r.get(0).toString());
        assertEquals(Verdict.OK, r.get(1).verdict(), r.get(1).toString());
        assertTrue(r.get(1).stdout().startsWith("(2, 2)"), r.get(1).stdout());
        assertEquals(Verdict.OK, r.get(2).verdict(), r.get(2).toString());
        assertEquals(Verdict.NAME_ERROR, r.get(3).verdict(), r.get(3).toString());
        assertEquals(Verdict.SYNTAX_ERROR, r.get(4).verdict(), r.get(4).toString());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
