package dev.rlaif.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.ApiDoc;
import dev.rlaif.core.Hub;
import dev.rlaif.core.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the name and id tables of the offline API environment from the API databases.
 *
 * <p>Everything is read from each record's {@code api_call} and {@code example_code} with regular
 * expressions, not a Python parser: the fields hold invalid Python often enough (see the data
 * README) that a parser would drop exactly the records that teach the most names. The tables are:
 *
 * <ul>
 *   <li>{@code modules}: every module path the code imports or reaches through an imported alias,
 *       with the names used on it, merged with the curated {@code real_names.txt};
 *   <li>{@code packages}: the top-level packages among them, served as stand-ins;
 *   <li>{@code hf_ids}: Hugging Face model ids: every {@code api_name}, every id-shaped string
 *       literal of the Hugging Face database, and every unquoted {@code org/name} argument (the
 *       database has calls with broken quoting);
 *   <li>{@code torchhub}: repo to loadable model names, from every {@code torch.hub.load} call;
 *   <li>{@code tfhub_handles}: every TensorFlow Hub URL literal of the TensorFlow Hub database;
 *   <li>{@code pipeline_tasks}: the curated real task list plus the tasks the databases use.
 * </ul>
 */
final class ApiTables {

    private static final Pattern IMPORT = Pattern.compile(
            "(?m)^[ \\t]*import[ \\t]+([\\w.]+(?:[ \\t]+as[ \\t]+\\w+)?(?:[ \\t]*,[ \\t]*[\\w.]+(?:[ \\t]+as[ \\t]+\\w+)?)*)");
    private static final Pattern FROM = Pattern.compile(
            "(?m)^[ \\t]*from[ \\t]+([\\w.]+)[ \\t]+import[ \\t]+(\\([^)]*\\)|[^\\n#;]+)");
    private static final Pattern LITERAL = Pattern.compile("'([^'\\\\\\n]{1,300})'|\"([^\"\\\\\\n]{1,300})\"");
    private static final Pattern HF_ID = Pattern.compile("[A-Za-z0-9][\\w.\\-]*(?:/[\\w.\\-]+)?");
    private static final Pattern UNQUOTED_ID = Pattern.compile(
            "[(=,]\\s*['\"]?([A-Za-z0-9][\\w.\\-]*/[A-Za-z0-9][\\w.\\-]*)");
    /** A quoted {@code org/name}, found whatever the quoting around it (the arguments field nests quotes). */
    private static final Pattern QUOTED_REPO = Pattern.compile(
            "(?<=['\"])([A-Za-z0-9][\\w.\\-]*/[A-Za-z0-9][\\w.\\-]*)(?=['\"])");
    private static final Pattern URL = Pattern.compile("https?://[^\\s'\"\\\\)]+");
    private static final Pattern TORCH_HUB_LOAD = Pattern.compile("torch\\.hub\\.load\\(([^)]*)\\)");
    private static final Pattern PIPELINE = Pattern.compile(
            "\\bpipeline\\(\\s*(?:task\\s*=\\s*)?['\"]([\\w\\-]+)['\"]");
    private static final Pattern LOWER = Pattern.compile("[a-z0-9_]+");
    /** {@code python -m pkg.module}: the command line runs a module, so it exists. */
    private static final Pattern RUN_MODULE = Pattern.compile("\\bpython3?\\s+-m\\s+([A-Za-z_]\\w*(?:\\.\\w+)*)");
    /** Tools that command lines run with {@code -m}, not APIs. */
    private static final Set<String> NOT_API_MODULES = Set.of("pip", "venv", "ensurepip", "spacy", "nltk");
    /** Keras 2 is what {@code tf.keras} re-exports: the standalone package has the same modules. */
    private static final String TF_KERAS = "tensorflow.keras";

    private final Map<String, Set<String>> modules = new TreeMap<>();
    private final Set<String> hfIds = new TreeSet<>();
    private final Map<String, Set<String>> torchHub = new TreeMap<>();
    private final Set<String> tfHubHandles = new TreeSet<>();
    private final Set<String> pipelineTasks = new TreeSet<>();

    private ApiTables() {
    }

    /** Builds the tables from the given databases and the bundled curated lists. */
    static ApiTables build(Map<Hub, List<ApiDoc>> databases) {
        ApiTables t = new ApiTables();
        t.addCurated();
        databases.forEach((hub, records) -> {
            for (ApiDoc doc : records) {
                t.add(hub, doc);
            }
        });
        t.aliasKeras();
        return t;
    }

    private void add(Hub hub, ApiDoc doc) {
        String code = doc.apiCall() + "\n" + codeText(doc.exampleCode());
        scanNames(code);
        scanTorchHub(code);
        Matcher p = PIPELINE.matcher(code);
        while (p.find()) {
            pipelineTasks.add(p.group(1));
        }
        if (hub == Hub.HUGGINGFACE) {
            if (HF_ID.matcher(doc.apiName().strip()).matches()) {
                hfIds.add(doc.apiName().strip());
            }
            Matcher m = LITERAL.matcher(code);
            while (m.find()) {
                String s = (m.group(1) != null ? m.group(1) : m.group(2)).strip();
                if (s.length() >= 2 && HF_ID.matcher(s).matches()) {
                    hfIds.add(s);
                }
            }
            Matcher u = UNQUOTED_ID.matcher(code);
            while (u.find()) {
                hfIds.add(u.group(1));
            }
            // The arguments field documents further repos of the same model (a config, a
            // tokenizer): only org/name literals are taken there, as it also holds plain words.
            Matcher a = QUOTED_REPO.matcher(ApiDoc.text(doc.apiArguments()));
            while (a.find()) {
                hfIds.add(a.group(1));
            }
        }
        if (hub == Hub.TENSORFLOWHUB) {
            Matcher m = URL.matcher(code);
            while (m.find()) {
                tfHubHandles.add(m.group());
            }
        }
    }

    /**
     * The example code as text. Records hold it as a string, a list of lines, or an object whose
     * values are code sections ({@code {"load_model": "from huggingface_sb3 import ..."}}); the
     * sections are joined by newlines so that their imports start lines.
     */
    static String codeText(JsonNode node) {
        if (node == null || !node.isObject()) {
            return ApiDoc.text(node);
        }
        StringBuilder sb = new StringBuilder();
        node.fields().forEachRemaining(e -> sb.append(codeText(e.getValue())).append('\n'));
        return sb.toString();
    }

    /** Records imported modules, imported names and the attribute chains on module aliases. */
    private void scanNames(String code) {
        Map<String, String> aliases = new HashMap<>();
        Matcher run = RUN_MODULE.matcher(code);
        while (run.find()) {
            if (!NOT_API_MODULES.contains(run.group(1).split("\\.")[0])) {
                addModulePath(run.group(1));
            }
        }
        Matcher im = IMPORT.matcher(code);
        while (im.find()) {
            for (String part : im.group(1).split(",")) {
                String[] w = part.strip().split("[ \\t]+as[ \\t]+");
                String module = w[0].strip();
                addModulePath(module);
                aliases.put(w.length > 1 ? w[1].strip() : module.split("\\.")[0],
                        w.length > 1 ? module : module.split("\\.")[0]);
            }
        }
        Matcher fm = FROM.matcher(code);
        while (fm.find()) {
            String module = fm.group(1);
            if (module.startsWith(".")) {
                continue;
            }
            addModulePath(module);
            String names = fm.group(2).replace("(", " ").replace(")", " ");
            for (String part : names.split(",")) {
                String[] w = part.strip().split("\\s+as\\s+");
                String name = w[0].strip();
                if (name.isEmpty() || name.equals("*") || !name.matches("\\w+")) {
                    continue;
                }
                modules.get(module).add(name);
                String alias = w.length > 1 ? w[1].strip() : name;
                if (LOWER.matcher(name).matches()
                        && Pattern.compile("(?<![\\w.])" + Pattern.quote(alias) + "\\.\\w").matcher(code).find()) {
                    addModulePath(module + "." + name);
                    aliases.put(alias, module + "." + name);
                }
            }
        }
        aliases.forEach((alias, module) -> scanChains(code, alias, module));
    }

    /**
     * Walks {@code alias.a.b.C...}: lower-case components before the last are modules, the first
     * capitalised or last component is a name, and anything after it is an attribute of that name.
     */
    private void scanChains(String code, String alias, String module) {
        Matcher m = Pattern.compile("(?<![\\w.])" + Pattern.quote(alias) + "((?:\\.\\w+)+)").matcher(code);
        while (m.find()) {
            String[] parts = m.group(1).substring(1).split("\\.");
            String current = module;
            for (int i = 0; i < parts.length; i++) {
                modules.computeIfAbsent(current, k -> new TreeSet<>()).add(parts[i]);
                if (i == parts.length - 1 || !LOWER.matcher(parts[i]).matches()) {
                    break;
                }
                current = current + "." + parts[i];
                modules.computeIfAbsent(current, k -> new TreeSet<>());
            }
        }
    }

    private void addModulePath(String module) {
        String[] parts = module.split("\\.");
        String current = parts[0];
        modules.computeIfAbsent(current, k -> new TreeSet<>());
        for (int i = 1; i < parts.length; i++) {
            modules.get(current).add(parts[i]);
            current = current + "." + parts[i];
            modules.computeIfAbsent(current, k -> new TreeSet<>());
        }
    }

    /**
     * Reads {@code torch.hub.load} calls. Positional string arguments fill the repo and then the
     * model slot, whichever keywords left open; every further string is also taken as a model name,
     * because some database calls are invalid Python that names the hubconf entry positionally and
     * a variant by keyword ({@code 'meal_v2', model='mealv2_resnest50'}).
     */
    private void scanTorchHub(String code) {
        Matcher m = TORCH_HUB_LOAD.matcher(code);
        while (m.find()) {
            String repo = null;
            List<String> positional = new ArrayList<>();
            List<String> models = new ArrayList<>();
            for (String arg : m.group(1).split(",")) {
                String a = arg.strip();
                int eq = a.indexOf('=');
                String key = eq > 0 && a.substring(0, eq).strip().matches("\\w+") ? a.substring(0, eq).strip() : null;
                String value = unquote(key == null ? a : a.substring(eq + 1).strip());
                if (value == null) {
                    continue;
                }
                if ("repo_or_dir".equals(key)) {
                    repo = value;
                } else if ("model".equals(key)) {
                    models.add(value);
                } else if (key == null) {
                    positional.add(value);
                }
            }
            if (repo == null && !positional.isEmpty()) {
                repo = positional.remove(0);
            }
            models.addAll(positional);
            if (repo != null) {
                torchHub.computeIfAbsent(repo.split(":")[0], k -> new TreeSet<>()).addAll(models);
            }
        }
    }

    /** Copies every {@code tensorflow.keras[.x]} module and its names to {@code keras[.x]}. */
    private void aliasKeras() {
        Map<String, Set<String>> copies = new TreeMap<>();
        modules.forEach((m, names) -> {
            if (m.equals(TF_KERAS) || m.startsWith(TF_KERAS + ".")) {
                copies.put("keras" + m.substring(TF_KERAS.length()), names);
            }
        });
        copies.forEach((m, names) -> {
            addModulePath(m);
            modules.get(m).addAll(names);
        });
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return null;
    }

    /**
     * Merges {@code real_names.txt} (a dotted name per line: {@code torch.nn.Linear}; a module
     * ends with a dot: {@code torch.nn.}; a module in which every name exists ends with
     * {@code .*}) and {@code pipeline_tasks.txt}.
     */
    private void addCurated() {
        for (String line : resourceLines("real_names.txt")) {
            if (line.endsWith(".")) {
                addModulePath(line.substring(0, line.length() - 1));
            } else if (line.endsWith(".*")) {
                addModulePath(line.substring(0, line.length() - 2));
                modules.get(line.substring(0, line.length() - 2)).add("*");
            } else {
                int dot = line.lastIndexOf('.');
                addModulePath(line.substring(0, dot));
                modules.get(line.substring(0, dot)).add(line.substring(dot + 1));
            }
        }
        pipelineTasks.addAll(resourceLines("pipeline_tasks.txt"));
    }

    static List<String> resourceLines(String name) {
        List<String> out = new ArrayList<>();
        try (InputStream in = ApiTables.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev/rlaif/sandbox/" + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    out.add(s);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The top-level packages that the offline environment serves. */
    Set<String> packages() {
        Set<String> out = new TreeSet<>();
        for (String m : modules.keySet()) {
            out.add(m.split("\\.")[0]);
        }
        return out;
    }

    /** Number of Hugging Face ids, for provenance and tests. */
    Set<String> hfIds() {
        return hfIds;
    }

    /** The TorchHub repos and their models. */
    Map<String, Set<String>> torchHub() {
        return torchHub;
    }

    /** The TensorFlow Hub handles. */
    Set<String> tfHubHandles() {
        return tfHubHandles;
    }

    /** The module table. */
    Map<String, Set<String>> modules() {
        return modules;
    }

    /** The tables as the JSON document {@code rlaif_offline.py} reads. */
    ObjectNode toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", 1);
        ObjectNode mods = root.putObject("modules");
        modules.forEach((m, names) -> addAll(mods.putArray(m), names));
        addAll(root.putArray("packages"), packages());
        addAll(root.putArray("hf_ids"), hfIds);
        ObjectNode th = root.putObject("torchhub");
        torchHub.forEach((repo, models) -> addAll(th.putArray(repo), models));
        addAll(root.putArray("tfhub_handles"), tfHubHandles);
        addAll(root.putArray("pipeline_tasks"), pipelineTasks);
        return root;
    }

    private static void addAll(ArrayNode array, Set<String> values) {
        values.forEach(array::add);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ApiTables[modules=%d, hf_ids=%d, torchhub_repos=%d, tfhub=%d, tasks=%d]",
                modules.size(), hfIds.size(), torchHub.size(), tfHubHandles.size(), pipelineTasks.size());
    }
}
