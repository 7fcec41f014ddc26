package dev.compressor.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README shows its code as whole, compiled and tested programs: every block marked
 * {@code <!-- example: NAME.java -->} must be that example's source, verbatim.
 */
class ReadmeExamplesTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SOURCES = Path.of("src", "main", "java", "dev", "compressor", "examples");
    private static final Pattern BLOCK = Pattern.compile("<!-- example: (\\w+\\.java) -->\n```java\n(.*?)```\n",
            Pattern.DOTALL);

    @Test
    void everyMarkedBlockIsTheExampleVerbatim() throws IOException {
        String readme = Files.readString(README);
        Matcher m = BLOCK.matcher(readme);
        List<String> shown = new ArrayList<>();
        while (m.find()) {
            String source = Files.readString(SOURCES.resolve(m.group(1)));
            assertEquals(source, m.group(2), m.group(1) + " in README.md differs from the file: copy the file in");
            shown.add(m.group(1));
        }
        assertTrue(shown.containsAll(List.of("QuickStart.java", "ProfileWithEnergy.java", "ShouldICompress.java")),
                "README shows " + shown);
    }

    @Test
    void theReadmeHasNoOtherJavaSnippets() throws IOException {
        String readme = Files.readString(README);
        int blocks = readme.split("```java\n", -1).length - 1;
        int marked = BLOCK.matcher(readme).results().mapToInt(r -> 1).sum();
        assertEquals(marked, blocks, "every ```java block of the README is a marked, whole example");
    }

    @Test
    void theTableListsEveryExample() throws IOException {
        String readme = Files.readString(README);
        try (var files = Files.list(SOURCES)) {
            files.filter(ReadmeExamplesTest::isProgram)
                    .map(f -> f.getFileName().toString().replace(".java", ""))
                    .forEach(n -> assertTrue(readme.contains("| [`" + n + "`]"), n + " is missing from the README's table"));
        }
    }

    private static boolean isProgram(Path source) {
        try {
            return Files.readString(source).contains("public static void main(String[] args)");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
