package dev.gotchals.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every folder under test-workspaces/ holds an expected-diagnostics.txt: what {@code gotcha-ls check} prints when
 * run inside it. After a deliberate change, regenerate them with {@code mvn verify -Dgotcha.updateGolden=true} and review
 * the diff.
 */
class GoldenWorkspacesTest {
    static final String EXPECTED = "expected-diagnostics.txt";

    @TestFactory
    Stream<DynamicTest> eachWorkspaceMatchesItsExpectedDiagnostics() throws IOException {
        Path workspaces = RepoRoot.get().resolve("test-workspaces");
        List<Path> folders;
        try (Stream<Path> list = Files.list(workspaces)) {
            folders = list.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(folders.size() >= 2, "test-workspaces/ should hold the sample projects");
        return folders.stream().map(folder -> DynamicTest.dynamicTest(folder.getFileName().toString(), () -> check(folder)));
    }

    private static void check(Path folder) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // Run from inside the workspace, as CI runs from a checkout: paths are relative to it.
        int exit = Main.run(new String[] {"check", "--fail-on", "never"}, folder,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        String actual = out.toString(StandardCharsets.UTF_8);
        Path expectedFile = folder.resolve(EXPECTED);
        if (Boolean.getBoolean("gotcha.updateGolden")) {
            Files.writeString(expectedFile, actual);
            return;
        }
        assertTrue(Files.exists(expectedFile), "missing " + expectedFile + "; run mvn verify -Dgotcha.updateGolden=true");
        assertEquals(Files.readString(expectedFile), actual, "findings for " + folder.getFileName());
    }
}
