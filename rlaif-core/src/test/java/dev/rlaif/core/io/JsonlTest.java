package dev.rlaif.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void badJsonNamesFileAndLine() throws Exception {
        Path p = write("a.jsonl", "{\"x\": 1}\n\n{\"x\": \n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Jsonl.read(p, (n, l) -> Json.requireLong(n, "x"), Jsonl.BadLines.FAIL));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith(p + ":3: bad JSON"), e.getMessage());
    }

    @Test
    void trailingGarbageOnALineIsBadJson() throws Exception {
        Path p = write("b.jsonl", "{\"x\": 1} {\"x\": 2}\n");
        assertThrows(InvalidInputException.class,
                () -> Jsonl.read(p, (n, l) -> Json.requireLong(n, "x"), Jsonl.BadLines.FAIL));
    }

    @Test
    void skipModeCountsBadLinesAndKeepsTheRest() throws Exception {
        Path p = write("c.jsonl", "{\"x\": 1}\nnot json\n{\"y\": 2}\n{\"x\": \"s\"}\n{\"x\": 5}");
        Jsonl.Result<Long> r = Jsonl.read(p, (n, l) -> Json.requireLong(n, "x"), Jsonl.BadLines.SKIP);
        assertEquals(List.of(1L, 5L), r.values());
        assertEquals(3, r.skipped());
        assertTrue(r.firstProblem().contains(":2:"), r.firstProblem());
    }

    @Test
    void journalDropsATruncatedTailAndAppendsAfterIt() throws Exception {
        Path p = write("j.jsonl", "{\"k\":1}\n{\"k\":2}\n{\"k\":");
        List<String> warnings = new ArrayList<>();
        try (JsonlJournal j = JsonlJournal.open(p, warnings::add)) {
            assertEquals(2, j.existing().size());
            assertEquals(1, j.droppedTail());
            j.append(java.util.Map.of("k", 3));
        }
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains(":3:"), warnings.get(0));
        assertEquals("{\"k\":1}\n{\"k\":2}\n{\"k\":3}\n", Files.readString(p));
    }

    @Test
    void journalRejectsDamageInTheMiddle() throws Exception {
        Path p = write("d.jsonl", "{\"k\":1}\n{oops\n{\"k\":2}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JsonlJournal.open(p, w -> { }));
        assertEquals(2, e.line());
    }
}
