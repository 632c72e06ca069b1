package dev.gotchals.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule the engine reports itself (GT101) is listed, explained and configurable like the others. */
class EngineRulesCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        String text = out.toString(StandardCharsets.UTF_8);
        out.reset();
        return text;
    }

    @Test
    void rulesListsTheUnusedSuppressionRuleAfterTheRules() {
        assertEquals(0, run("rules"));
        String[] lines = printed().split("\n");
        assertTrue(lines[lines.length - 1].startsWith("GT101   unused-suppression        hint "), lines[lines.length - 1]);
        assertTrue(lines[lines.length - 2].startsWith("GT100 "), lines[lines.length - 2]);
    }

    @Test
    void explainPrintsItsDocsPageByIdOrSlug() throws IOException {
        String page = Files.readString(RepoRoot.get().resolve("docs/rules/unused-suppression.md"));

        assertEquals(0, run("explain", "gt101"));
        assertEquals(page, printed());
        assertEquals(0, run("explain", "unused-suppression"));
        assertEquals(page, printed());
    }

    @Test
    void checkPrintsAnUnusedSuppressionAsAHintBelowEveryFailOnThreshold(@TempDir Path project) throws IOException {
        Files.createDirectories(project.resolve("config"));
        Files.writeString(project.resolve("mix.exs"), "defmodule Shop.MixProject do\n  use Mix.Project\n\n"
                + "  def project, do: [app: :shop, version: \"0.1.0\"]\nend\n");
        Files.writeString(project.resolve("config/prod.exs"),
                "import Config\n\n# gotcha:disable-next-line GT007 was :debug last week\nconfig :logger, level: :info\n");

        assertEquals(0, run("check", "--hints", "--fail-on", "info", project.toString()));
        assertEquals(project.resolve("config/prod.exs") + ":3:1: hint [GT101] This suppression suppresses nothing: GT007 reports nothing "
                + "on the next line\n", printed());
    }
}
