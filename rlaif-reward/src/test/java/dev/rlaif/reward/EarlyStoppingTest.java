package dev.rlaif.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rlaif.core.Preference;
import dev.rlaif.core.PromptFormat;
import dev.rlaif.core.Task;
import dev.rlaif.core.io.Json;
import dev.rlaif.lm.Gpt2Config;
import dev.rlaif.lm.Gpt2Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void preferencesTrainPairwiseAndAFlatValidationLossStopsEarly() throws Exception {
        List<Preference> prefs = new ArrayList<>();
        List<ScoredSample> heldOut = new ArrayList<>();
        for (Task t : RewardFixtures.tasks().subList(0, 24)) {
            String good = t.reference().render(3);
            String bad = good.substring(0, good.length() / 2);
            if (t.line() <= 16) {
                prefs.add(new Preference(t.id(), PromptFormat.full().prompt(t), good, bad, 0.5, true, ""));
                prefs.add(new Preference(t.id(), PromptFormat.full().prompt(t), bad, good, 0, false, "unreadable"));
            } else {
                heldOut.add(new ScoredSample(t, good, 1));
                heldOut.add(new ScoredSample(t, bad, 0.2));
            }
        }
        // A learning rate this small leaves the validation loss flat, so patience 1 stops at the second validation.
        RewardTrainerConfig cfg = RewardTrainerConfig.defaults().toBuilder()
                .learningRate(1e-12).batchSize(4).epochs(3).evalEvery(1).patience(1).validationFraction(0.25)
                .maxLength(40).build();
        Gpt2Config c = RewardFixtures.modelConfig();
        Path out = Files.createTempDirectory("reward-prefs");
        try (Gpt2Model init = Gpt2Model.create(new Gpt2Config(c.vocabSize(), 48, 16, 1, 2, 1e-5, c.bosTokenId(),
                        c.eosTokenId(), c.padTokenId()), false, 2);
                LearnedRewardModel m = new RewardTrainer(cfg).fitPreferences(init, RewardFixtures.tokenizer(), prefs,
                        RewardDataset.of(heldOut), out, (s, total, stats) -> assertTrue(total == 9, "steps " + total))
                        .model()) {
            assertEquals(RewardObjective.BRADLEY_TERRY, m.objective());
            JsonNode e = Json.MAPPER.readTree(Files.readString(out.resolve(RewardTrainer.EVALUATION_FILE)));
            assertTrue(e.get("stopped_early").asBoolean());
            assertEquals(2, e.get("steps").asInt());
            assertEquals(1, e.get("best_step").asInt());
            assertEquals(8, e.get("pairs").asInt());
        }
    }
}
