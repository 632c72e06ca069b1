package dev.gotchals.cli;

import dev.gotchals.rules.Rules;
import dev.gotchals.settings.SettingsFileTemplate;
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

/** {@code gotcha-ls init} through {@link Main#run}, as a user types it. */
class InitCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String template() {
        return SettingsFileTemplate.render(Rules.catalog());
    }

    @Test
    void writesTheTemplateAndPrintsWhatItWrote() throws IOException {
        Files.writeString(dir.resolve("mix.exs"), "defmodule Shop.MixProject do\nend\n");
        assertEquals(0, run("init", dir.toString()), err.toString(StandardCharsets.UTF_8));
        Path file = dir.resolve(".gotcha.exs");
        assertEquals(template(), Files.readString(file));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals("Wrote " + file + ":\n\n" + template(), printed);
        assertEquals("", err.toString(StandardCharsets.UTF_8));

        // The file it wrote is what `check` reads: no finding on it.
        out.reset();
        assertEquals(0, run("check", "--fail-on", "never", dir.toString()));
        assertTrue(!out.toString(StandardCharsets.UTF_8).contains("GT100"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusesToReplaceAnExistingFileUnlessForced() throws IOException {
        Path file = dir.resolve(".gotcha.exs");
        Files.writeString(file, "[rules: [{\"GT007\", enabled: false}]]\n");
        assertEquals(2, run("init", dir.toString()));
        assertEquals("gotcha-ls init: " + file + " already exists; it was left as it is (--force replaces it)\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals("[rules: [{\"GT007\", enabled: false}]]\n", Files.readString(file));
        assertEquals("", out.toString(StandardCharsets.UTF_8));

        err.reset();
        assertEquals(0, run("init", "--force", dir.toString()));
        assertEquals(template(), Files.readString(file));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("has no mix.exs"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("init", dir.resolve("missing").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("gotcha-ls init: not a folder: "));
        err.reset();
        assertEquals(2, run("init", "--overwrite"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("gotcha-ls init: unknown option --overwrite"));
        assertEquals(2, run("init", dir.toString(), dir.toString()));
        assertTrue(Main.USAGE.contains("init [--force] [PATH]"));
    }
}
