package dev.rlaif.lm.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import dev.rlaif.lm.Gpt2Config;
import dev.rlaif.lm.Gpt2Model;
import dev.rlaif.lm.TokenBatch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint files carry a DJL model exactly: save, load, and the logits are bitwise equal. */
class HfCheckpointModelTest {

    @TempDir
    Path dir;

    @Test
    void savedAndLoadedModelGivesIdenticalLogits() {
        Gpt2Config config = new Gpt2Config(29, 12, 8, 2, 2, 1e-5, 0, 1, 2);
        TokenBatch batch = new TokenBatch(new int[][] {{3, 4, 5}, {6}}, new int[][] {{7}, {8, 9}}, config.padTokenId());
        try (Gpt2Model model = Gpt2Model.create(config, true, 4)) {
            new HfCheckpoint(config, model.toHost()).save(dir);
            HfCheckpoint loaded = HfCheckpoint.load(dir);
            try (Gpt2Model back = Gpt2Model.fromHost(loaded.config(), loaded.tensors());
                    NDManager a = model.newStepManager();
                    NDManager b = back.newStepManager()) {
                Gpt2Model.Output x = model.forward(a, batch);
                Gpt2Model.Output y = back.forward(b, batch);
                assertArrayEquals(x.logits().toFloatArray(), y.logits().toFloatArray());
                assertArrayEquals(x.values().toFloatArray(), y.values().toFloatArray());
            }
        }
    }
}
