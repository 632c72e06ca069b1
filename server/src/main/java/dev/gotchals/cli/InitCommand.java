package dev.gotchals.cli;

import dev.gotchals.rules.Rules;
import dev.gotchals.settings.SettingsFileTemplate;
import dev.gotchals.workspace.FileClassifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code gotcha-ls init [--force] [PATH]}: writes a commented {@code .gotcha.exs} listing every rule with its
 * defaults into PATH (default: the current folder). The one command that writes a file, and only the one the
 * user asked for: it refuses to replace an existing one without {@code --force}.
 */
final class InitCommand {
    static final String USAGE = """
            Usage: gotcha-ls init [--force] [PATH]

            Writes PATH/.gotcha.exs (default: ./.gotcha.exs), listing every rule with its default settings.
            An existing file is kept unless --force is given. Exit code: 0 when written, 2 otherwise.""";

    private final PrintStream out;
    private final PrintStream err;

    InitCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        boolean force = false;
        Path folder = null;
        for (String arg : args) {
            switch (arg) {
                case "--force", "-f" -> force = true;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (arg.startsWith("-")) {
                        return usage("unknown option " + arg);
                    }
                    if (folder != null) {
                        return usage("one PATH at most");
                    }
                    folder = Path.of(arg);
                }
            }
        }
        if (folder == null) {
            folder = Path.of(".");
        }
        if (!Files.isDirectory(folder)) {
            return usage("not a folder: " + folder);
        }
        Path file = folder.resolve(FileClassifier.SETTINGS_FILE);
        String content = SettingsFileTemplate.render(Rules.catalog());
        try {
            // Both write whole files atomically; --force renames over the file itself, never what a link points at.
            if (force) {
                FileWrites.replace(file, content);
            } else {
                FileWrites.create(file, content);
            }
        } catch (FileAlreadyExistsException e) {
            err.println("gotcha-ls init: " + file + " already exists; it was left as it is (--force replaces it)");
            return 2;
        } catch (IOException e) {
            err.println("gotcha-ls init: cannot write " + file + ": " + e.getMessage());
            return 2;
        }
        out.println("Wrote " + file + ":");
        out.println();
        out.print(content);
        if (!Files.isRegularFile(folder.resolve("mix.exs"))) {
            err.println("gotcha-ls init: note: " + folder + " has no mix.exs; .gotcha.exs is read only at the root of "
                    + "a Mix project (for an umbrella, its root)");
        }
        return 0;
    }

    private int usage(String problem) {
        err.println("gotcha-ls init: " + problem);
        err.println(USAGE);
        return 2;
    }
}
