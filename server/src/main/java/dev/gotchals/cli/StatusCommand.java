package dev.gotchals.cli;

import com.google.gson.GsonBuilder;
import dev.gotchals.analysis.WorkspaceStatus;
import dev.gotchals.analysis.WorkspaceStatusReader;
import dev.gotchals.product.StatusReport;
import dev.gotchals.rule.Settings;
import dev.gotchals.rules.Rules;
import dev.gotchals.workspace.Workspace;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code gotcha-ls status [--format text|json] [PATH]}: the Mix projects under PATH (default: .), how each reaches
 * production as the deploy model reads it, the Java that runs the analysis and the settings in force, as
 * {@code check} would read them. It runs no rule.
 */
final class StatusCommand {
    static final String USAGE = """
            Usage: gotcha-ls status [--format text|json] [PATH]

            Prints the Mix projects under PATH (default: .), their Dockerfiles and how each image starts, fly.toml,
            Procfile processes, the CI workflow that builds the release, the Elixir it is built with, the runtime
            config file it reads, the Java running Gotcha LS and each project's settings in force.""";

    private final PrintStream out;
    private final PrintStream err;
    private final Path workingDirectory;

    StatusCommand(PrintStream out, PrintStream err, Path workingDirectory) {
        this.out = out;
        this.err = err;
        this.workingDirectory = workingDirectory;
    }

    int run(List<String> args) {
        boolean json = false;
        Path folder = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String format = arg.startsWith("--format=") ? arg.substring("--format=".length())
                    : arg.equals("--format") && i + 1 < args.size() ? args.get(++i) : null;
            if (format != null) {
                if (!format.equals("text") && !format.equals("json")) {
                    return usage("--format is text or json, not " + format);
                }
                json = format.equals("json");
            } else if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE);
                return 0;
            } else if (arg.startsWith("-")) {
                return usage("unknown option " + arg);
            } else if (folder != null) {
                return usage("one PATH at most");
            } else {
                folder = workingDirectory.resolve(arg);
            }
        }
        folder = folder == null ? workingDirectory : folder;
        if (!Files.isDirectory(folder)) {
            return usage("not a folder: " + folder);
        }
        WorkspaceStatus status = WorkspaceStatusReader.read(new Workspace(List.of(folder)), Rules.catalog(),
                Settings.DEFAULT);
        if (json) {
            out.println(new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create()
                    .toJson(StatusReport.json(status)));
        } else {
            out.print(StatusReport.text(status));
        }
        return 0;
    }

    private int usage(String problem) {
        err.println("gotcha-ls status: " + problem);
        err.println(USAGE);
        return 2;
    }
}
