package dev.gotchals.settings;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.RuleOption;
import dev.gotchals.rule.Settings;
import dev.gotchals.rule.SettingsFile;
import dev.gotchals.rules.Rules;
import dev.gotchals.syntax.SourceLanguage;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.text.TextDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The file {@code gotcha-ls init} writes reads back without problems, changes nothing, and is valid Elixir. */
class SettingsFileTemplateTest {
    private static final List<RuleInfo> KNOWN = Rules.all().stream().map(Rule::info).toList();

    @TempDir
    Path dir;

    private static SettingsFile parse(String text) {
        TextDocument document = TextDocument.of(text);
        return SettingsFileParser.parse(new DocumentSnapshot(Path.of("/p/.gotcha.exs"), DocumentSnapshot.ON_DISK,
                document, SyntaxTree.parse(SourceLanguage.ELIXIR, document)), KNOWN);
    }

    @Test
    void theTemplateReadsBackWithoutProblemsAndEqualsTheDefaults() {
        String template = SettingsFileTemplate.render(KNOWN);
        SettingsFile file = parse(template);
        assertEquals(List.of(), file.problems());
        Settings read = file.settings();
        assertEquals(KNOWN.size(), read.rules().size(), "every rule is listed");
        for (RuleInfo rule : KNOWN) {
            assertTrue(template.contains("# " + rule.id() + ": "), rule.id() + " is named with its id");
            assertEquals(Settings.DEFAULT.enabled(rule), read.enabled(rule), rule.id());
            assertEquals(Settings.DEFAULT.severity(rule), read.severity(rule), rule.id());
            for (RuleOption option : rule.options()) {
                assertEquals(Settings.DEFAULT.option(rule, option.name()), read.option(rule, option.name()),
                        rule.id() + " " + option.name());
                assertTrue(template.contains(option.name() + ": []"), option.name());
            }
        }
        assertEquals(List.of(), read.exclude());
    }

    @Test
    void theTemplateIsValidElixir() throws Exception {
        Path file = dir.resolve(".gotcha.exs");
        Files.writeString(file, SettingsFileTemplate.render(KNOWN));
        boolean required = "1".equals(System.getenv("GOTCHA_REQUIRE_ELIXIR"));
        boolean available = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, "elixir")));
        if (!available) {
            assertFalse(required, "GOTCHA_REQUIRE_ELIXIR=1 but elixir is not on PATH");
            assumeTrue(false, "elixir is not installed; tree-sitter checked the file");
        }
        // Elixir's own parser, and the value is a keyword list (what credo-style tools would read).
        Process process = new ProcessBuilder("elixir", "-e", """
                [f] = System.argv()
                quoted = Code.string_to_quoted!(File.read!(f), file: f)
                {value, _} = Code.eval_quoted(quoted)
                true = Keyword.keyword?(value) and Keyword.keys(value) == [:rules, :exclude]
                """, file.toString()).redirectErrorStream(true).start();
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(done, "elixir did not finish");
        assertEquals(0, process.exitValue(), "Elixir rejects the template:\n" + output);
    }
}
