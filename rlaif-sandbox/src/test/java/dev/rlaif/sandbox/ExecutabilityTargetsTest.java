package dev.rlaif.sandbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.Hub;
import dev.rlaif.core.Task;
import dev.rlaif.core.gorilla.GorillaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The executability targets on a fixed sample of each hub's eval set (every STRIDE-th
 * record, about 45 per hub): the reference answers' rate, and the rate of the same answers with
 * every model id, repo and hub URL replaced by a plausible unknown one ({@link ExecBench#replaceIds}).
 * The full-set figures are in the module README ({@link ExecBench} measures them).
 *
 * <p>The sample is every STRIDE-th record: about 90 Hugging Face, 45 TensorFlow Hub and 45 TorchHub
 * answers. The reference floor is the 90 % for TensorFlow Hub and TorchHub. For Hugging
 * Face it is 83 %, a regression guard below the target: on the full set the reference
 * answers run at 86.8 % (85.9 % on this sample), and every remaining failure was reviewed and is an
 * error that a user with the real libraries would also meet, bar three (see the README), so 90 %
 * is not reachable without passing broken code.
 */
class ExecutabilityTargetsTest {

    private static final Map<Hub, Integer> STRIDE = new EnumMap<>(Map.of(
            Hub.HUGGINGFACE, 10, Hub.TENSORFLOWHUB, 15, Hub.TORCHHUB, 4));
    private static final Map<Hub, Double> REFERENCE_FLOOR = new EnumMap<>(Map.of(
            Hub.HUGGINGFACE, 0.83, Hub.TENSORFLOWHUB, 0.90, Hub.TORCHHUB, 0.90));
    private static final double REPLACED_CEILING = 0.05;

    private static Sandbox sandbox;

    @BeforeAll
    static void open() {
        sandbox = Sandbox.open(SandboxConfig.builder().wallTimeout(Duration.ofSeconds(30)).build(),
                ApiEnvironment.bundled());
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    @Test
    void referenceAnswersRunAndReplacedIdsDoNot() {
        GorillaData data = GorillaData.bundled();
        ExecutabilityMetric metric = new ExecutabilityMetric(sandbox);
        List<String> codes = new ArrayList<>();
        List<Hub> hubOf = new ArrayList<>();
        List<Boolean> replacedOf = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        for (Hub hub : Hub.values()) {
            List<Task> tasks = data.evalTasks(hub);
            for (int i = 0; i < tasks.size(); i += STRIDE.get(hub)) {
                Task t = tasks.get(i);
                String code = ExecBench.referenceCode(metric, t);
                String replaced = ExecBench.replaceIds(code, sandbox.environment().tables());
                codes.add(code);
                hubOf.add(hub);
                replacedOf.add(false);
                lineOf.add(t.line());
                if (!replaced.equals(code)) {
                    codes.add(replaced);
                    hubOf.add(hub);
                    replacedOf.add(true);
                    lineOf.add(t.line());
                }
            }
        }
        List<ExecResult> results = sandbox.runAll(codes);
        StringBuilder report = new StringBuilder();
        for (Hub hub : Hub.values()) {
            for (boolean replaced : new boolean[] {false, true}) {
                int n = 0;
                int ok = 0;
                StringBuilder cases = new StringBuilder();
                for (int i = 0; i < codes.size(); i++) {
                    if (hubOf.get(i) != hub || replacedOf.get(i) != replaced) {
                        continue;
                    }
                    n++;
                    ExecResult r = results.get(i);
                    if (r.ok()) {
                        ok++;
                    }
                    if (r.ok() == replaced) {
                        cases.append("\n  line ").append(lineOf.get(i)).append(": ").append(r.summary());
                    }
                }
                double rate = n == 0 ? 0 : (double) ok / n;
                String line = String.format("%s %s: %d/%d = %.3f%s", hub.id(), replaced ? "replaced" : "reference",
                        ok, n, rate, cases);
                report.append(line).append('\n');
                if (replaced) {
                    assertTrue(n >= 30, line);
                    assertTrue(rate <= REPLACED_CEILING, line);
                } else {
                    assertTrue(n >= 40, line);
                    assertTrue(rate >= REFERENCE_FLOOR.get(hub), line);
                }
            }
        }
        System.out.println(report);
    }
}
