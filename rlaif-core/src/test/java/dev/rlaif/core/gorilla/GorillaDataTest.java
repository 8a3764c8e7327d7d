package dev.rlaif.core.gorilla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.Hub;
import dev.rlaif.core.Split;
import dev.rlaif.core.Task;
import dev.rlaif.core.io.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GorillaDataTest {

    static final GorillaData DATA = GorillaData.bundled();

    /** Record counts of every shipped file, from the data README. */
    @ParameterizedTest
    @CsvSource({"huggingface,936,911,904,40", "tensorflowhub,696,688,685,14", "torchhub,94,186,186,7"})
    void everyShippedFileReadsCompletely(String hubName, int api, int eval, int questions, int domains) {
        Hub hub = Hub.parse(hubName);
        assertEquals(api, DATA.apiDatabase(hub).size());
        assertEquals(domains, DATA.apiDatabase(hub).domains().size());
        List<Task> tasks = DATA.evalTasks(hub);
        assertEquals(eval, tasks.size());
        assertEquals(questions, DATA.questions(hub).size());
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            assertEquals(i + 1, t.line());
            assertFalse(t.instruction().isBlank(), t.id());
            assertEquals(t.api().apiCall(), t.reference().apiCall(), "reference call from the structured key");
            assertEquals(t.api().domain(), t.reference().domain(), "reference domain is api_data.domain");
        }
        assertEquals(0, DATA.skippedLines());
    }

    @Test
    void torchHubTrainSetAndItsDictLayout() {
        List<Task> train = DATA.trainTasks(Hub.TORCHHUB);
        assertEquals(837, train.size());
        Set<String> apis = new HashSet<>();
        train.forEach(t -> apis.add(t.referenceApiCall()));
        assertEquals(94, apis.size());
        Task first = train.get(0);
        assertTrue(first.instruction().startsWith("I need an API that can estimate the relative depth"), first.instruction());
        assertTrue(first.reference().code().startsWith("import torch\nmodel = torch.hub.load("), first.reference().code());
        assertTrue(first.reference().explanation().startsWith("Load the pretrained MiDaS model"));
        assertThrows(IllegalArgumentException.class, () -> DATA.trainTasks(Hub.HUGGINGFACE));
    }

    @Test
    void instructionsMatchGorillasOwnQuestionFiles() {
        for (Hub hub : Hub.values()) {
            List<Task> tasks = DATA.evalTasks(hub);
            int compared = 0;
            for (Question q : DATA.questions(hub)) {
                // Gorilla's question text is the instruction with JSON string escapes left in.
                String expected = unescapeJsonString(q.text()).strip();
                if (tasks.get(q.questionId() - 1).instruction().equals(expected)) {
                    compared++;
                }
            }
            // The question files are Gorilla's own extraction of the same instructions.
            assertTrue(compared >= 0.98 * DATA.questions(hub).size(), hub + ": only " + compared + " matched");
        }
    }

    private static String unescapeJsonString(String s) {
        try {
            return dev.rlaif.core.io.Json.MAPPER.readValue("\"" + s + "\"", String.class);
        } catch (java.io.IOException e) {
            return s;
        }
    }

    @Test
    void codeFieldLayouts() {
        Task hf = DATA.evalTasks(Hub.HUGGINGFACE).get(0);
        assertTrue(hf.reference().code().contains("from transformers import"), hf.reference().code());
        Task tf = DATA.evalTasks(Hub.TENSORFLOWHUB).get(0);
        assertTrue(tf.reference().code().startsWith("import tensorflow as tf"), tf.reference().code());
        assertTrue(tf.reference().explanation().endsWith("group similar images."), tf.reference().explanation());
        Task th = DATA.evalTasks(Hub.TORCHHUB).get(0);
        assertEquals("import torch\nmodel = torch.hub.load('facebookresearch/pytorchvideo', 'slow_r50', pretrained=True)",
                th.reference().code());
        Task withInput = DATA.evalTasks(Hub.HUGGINGFACE).get(13);
        assertTrue(withInput.instruction().contains("###Input:"), "the ###Input block belongs to the instruction");
    }

    @Test
    void apiDatabaseLookups() {
        ApiDatabase db = DATA.apiDatabase(Hub.TENSORFLOWHUB);
        List<?> use = db.byApiCall("hub.load('https://tfhub.dev/google/universal-sentence-encoder/4')");
        assertEquals(220, use.size());
        assertEquals(80, db.distinctApiCalls());
        ApiDatabase th = DATA.apiDatabase(Hub.TORCHHUB);
        assertEquals(77, th.byDomain("Classification").size());
        assertFalse(th.byApiName(th.get(0).apiName()).isEmpty());
        assertTrue(db.byApiCall("nope()").isEmpty());
    }

    // ---- malformed input: each names the file and the line ----

    @TempDir
    Path dir;

    private static final String GOOD_API = "{\"domain\":\"d\",\"framework\":\"f\",\"functionality\":\"x\",\"api_name\":\"n\","
            + "\"api_call\":\"c()\",\"api_arguments\":null,\"python_environment_requirements\":\"p\","
            + "\"example_code\":null,\"performance\":{},\"description\":\"desc\"}";

    private InvalidInputException badApiFile(String secondLine) throws Exception {
        Path p = dir.resolve("torchhub_api.jsonl");
        Files.writeString(p, GOOD_API + "\n" + secondLine + "\n");
        return assertThrows(InvalidInputException.class, () -> ApiDatabase.read(p));
    }

    @Test
    void badJsonInApiDatabase() throws Exception {
        InvalidInputException e = badApiFile("{\"domain\": ");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("torchhub_api.jsonl:2: bad JSON"), e.getMessage());
    }

    @Test
    void missingKeyInApiDatabase() throws Exception {
        InvalidInputException e = badApiFile(GOOD_API.replace("\"api_call\":\"c()\",", ""));
        assertTrue(e.getMessage().endsWith(":2: missing key 'api_call'"), e.getMessage());
    }

    @Test
    void wrongTypeInApiDatabase() throws Exception {
        InvalidInputException e = badApiFile(GOOD_API.replace("\"api_name\":\"n\"", "\"api_name\":7"));
        assertTrue(e.getMessage().endsWith(":2: key 'api_name' must be a string, got number"), e.getMessage());
    }

    @Test
    void badEvalRecordsNameFileAndLine() throws Exception {
        Path p = dir.resolve("torchhub_eval.json");
        String good = "{\"code\":\"###Instruction: q\\n###Output: <<<domain>>>: d\",\"api_call\":\"c()\",\"provider\":\"f\",\"api_data\":"
                + GOOD_API + "}";
        Files.writeString(p, good + "\n" + good.replace("\"provider\":\"f\",", "") + "\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> GorillaData.readTasks(p, Hub.TORCHHUB, Split.EVAL));
        assertTrue(e.getMessage().endsWith("torchhub_eval.json:2: missing key 'provider'"), e.getMessage());

        Files.writeString(p, good + "\n" + good + "\n" + good.replace("\"api_data\":{\"domain\":\"d\"", "\"api_data\":{\"domain\":1") + "\n");
        e = assertThrows(InvalidInputException.class, () -> GorillaData.readTasks(p, Hub.TORCHHUB, Split.EVAL));
        assertTrue(e.getMessage().endsWith(":3: in 'api_data': key 'domain' must be a string, got number"), e.getMessage());
    }

    @Test
    void skippingModeCountsBadLines() throws Exception {
        Files.writeString(dir.resolve("torchhub_api.jsonl"), GOOD_API + "\nnot json\n" + GOOD_API + "\n");
        GorillaData d = GorillaData.fromDirectory(dir).skippingBadLines();
        assertEquals(2, d.apiDatabase(Hub.TORCHHUB).size());
        assertEquals(1, d.skippedLines());
        assertThrows(InvalidInputException.class, () -> GorillaData.fromDirectory(dir).apiDatabase(Hub.TORCHHUB));
    }
}
