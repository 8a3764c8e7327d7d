package dev.rlaif.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rlaif.core.io.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    @Test
    void idSurvivesAJsonRoundTripAndIgnoresTime() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", 1.5);
        nested.put("a", List.of(1, 2));
        Provenance p = Provenance.of("sft", Map.of("lr", 3e-4, "steps", 200, "model", nested), 7, "abc", List.of("p1"));
        Provenance back = Json.MAPPER.readValue(Json.write(p), Provenance.class);
        assertEquals(p.id(), back.id());
        assertTrue(p.sameInputs(back));
        Provenance later = new Provenance("sft", p.config(), 7, "abc", List.of("p1"), Map.of(), "2030-01-01T00:00:00Z");
        assertEquals(p.id(), later.id());
    }

    @Test
    void anyInputChangesTheId() {
        Provenance p = Provenance.of("sft", Map.of("lr", 3e-4), 7, "abc", List.of());
        assertNotEquals(p.id(), Provenance.of("sft", Map.of("lr", 1e-4), 7, "abc", List.of()).id());
        assertNotEquals(p.id(), Provenance.of("sft", Map.of("lr", 3e-4), 8, "abc", List.of()).id());
        assertNotEquals(p.id(), Provenance.of("sft", Map.of("lr", 3e-4), 7, "abd", List.of()).id());
        assertNotEquals(p.id(), Provenance.of("ppo", Map.of("lr", 3e-4), 7, "abc", List.of()).id());
        assertNotEquals(p.id(), Provenance.of("sft", Map.of("lr", 3e-4), 7, "abc", List.of("x")).id());
    }
}
