package dev.rlaif.feedback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rlaif.core.Preference;
import dev.rlaif.core.io.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Export of {@link Preference}s for pairwise reward-model training outside the JVM. */
public final class Preferences {

    private Preferences() {
    }

    /**
     * Writes the valid preferences as JSON Lines in the layout of TRL's {@code RewardTrainer}
     * (explicit-prompt preference format): {@code {"prompt": …, "chosen": …, "rejected": …,
     * "margin": …}}. TRL reads {@code margin} when present and ignores it otherwise. Invalid
     * preferences are left out, because a preference nobody could read must not be trained on.
     *
     * @return the number of lines written
     */
    public static int writeTrl(Path file, List<Preference> preferences) {
        int n = 0;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Preference p : preferences) {
                    if (!p.valid()) {
                        continue;
                    }
                    ObjectNode o = Json.MAPPER.createObjectNode();
                    o.put("prompt", p.prompt());
                    o.put("chosen", p.chosen());
                    o.put("rejected", p.rejected());
                    o.put("margin", p.margin());
                    w.write(o.toString());
                    w.write('\n');
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write preferences to " + file + ": " + e.getMessage(), e);
        }
        return n;
    }
}
