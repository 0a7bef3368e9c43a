package io.clientele.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/events.md documents every notation the system emits, and no other. */
class NotationDocsTest {
    private static final Path DOC = Path.of("docs", "events.md");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|");

    @Test
    void everyNotationIsInTheEventsTable() throws IOException {
        assertThat(documented())
                .as("notations missing from the table in %s", DOC)
                .containsAll(emitted());
    }

    @Test
    void theEventsTableListsOnlyNotationsTheEnumHas() throws IOException {
        assertThat(emitted())
                .as("notations in the table of %s that Notation lacks", DOC)
                .containsAll(documented());
    }

    private static Set<String> emitted() {
        return Arrays.stream(Notation.values()).map(Notation::wire).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The first cell of each row of the table under "## Notations". */
    private static Set<String> documented() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        Set<String> notations = new LinkedHashSet<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.strip().equals("## Notations");
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (inSection && row.find()) {
                assertThat(notations.add(row.group(1))).as("%s is listed twice in %s", row.group(1), DOC).isTrue();
            }
        }
        assertThat(notations).as("no notation table found under '## Notations' in %s", DOC).isNotEmpty();
        return notations;
    }
}
