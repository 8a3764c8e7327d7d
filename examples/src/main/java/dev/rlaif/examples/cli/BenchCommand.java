package dev.rlaif.examples.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.io.Json;
import dev.rlaif.lm.LmBench;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rlaif bench [--json] [--quick] [--section NAME]...}: the performance figures, one JSON
 * object with one member per section. A module adds its figures by adding one entry to
 * {@link #SECTIONS}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure performance: matmul peak, SFT MFU, generation, memory (JSON on stdout).")
final class BenchCommand implements Callable<Integer> {

    /** Every section, in output order: name to measurement (given the {@code --quick} flag). */
    private static final Map<String, Function<Boolean, Map<String, Object>>> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("lm", quick -> LmBench.run(quick ? LmBench.Options.quick() : LmBench.Options.standard()).toMap());
        SECTIONS.put("ppo", quick -> dev.rlaif.ppo.PpoBench.run(quick ? dev.rlaif.ppo.PpoBench.Options.quick()
                : dev.rlaif.ppo.PpoBench.Options.standard()).toMap());
        SECTIONS.put("metrics", quick -> asMap(dev.rlaif.metrics.MetricsBench.measure(quick ? 1 : 5)));
        SECTIONS.put("executability", quick -> asMap(dev.rlaif.sandbox.ExecBench.run(quick ? 5 : 100)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object figures) {
        return Json.MAPPER.convertValue(figures, Map.class);
    }

    @Option(names = "--json", description = "Print JSON to stdout (the default output).")
    boolean json;

    @Option(names = "--quick", description = "Tiny sizes: checks that every measurement runs; not figures to quote.")
    boolean quick;

    @Option(names = "--section", paramLabel = "NAME", description = "Run only these sections (repeatable).")
    List<String> only;

    @Override
    public Integer call() {
        if (only != null) {
            for (String s : only) {
                if (!SECTIONS.containsKey(s)) {
                    throw new IllegalArgumentException("unknown section '" + s + "'; known: " + SECTIONS.keySet());
                }
            }
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        for (Map.Entry<String, Function<Boolean, Map<String, Object>>> e : SECTIONS.entrySet()) {
            if (only == null || only.contains(e.getKey())) {
                System.err.println("bench: " + e.getKey() + " ...");
                root.set(e.getKey(), Json.MAPPER.valueToTree(e.getValue().apply(quick)));
            }
        }
        System.out.println(json ? root.toString() : root.toPrettyString());
        return 0;
    }
}
