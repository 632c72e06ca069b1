package dev.gotchals.cli;

import com.google.gson.GsonBuilder;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.RuleEngine;
import dev.gotchals.rule.Severity;
import dev.gotchals.rules.Rules;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code gotcha-ls check [--format text|json] [--fail-on LEVEL] [PATH...]}: lint folders, print, set the exit code. */
final class CheckCommand {
    static final String USAGE = """
            Usage: gotcha-ls check [--format text|json] [--fail-on error|warning|info|never] [PATH...]

            Checks every Mix project under each PATH (default: the current folder) and prints its findings.
            Exit code: 1 when a finding is at or above the --fail-on level (default: error), 0 otherwise,
            2 for a usage error.""";

    private final PrintStream out;
    private final PrintStream err;

    CheckCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        String format = "text";
        Severity failOn = Severity.ERROR;
        List<Path> folders = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--format" -> {
                    if (i + 1 >= args.size() || !List.of("text", "json").contains(args.get(i + 1))) {
                        return usage("--format takes text or json");
                    }
                    format = args.get(++i);
                }
                case "--fail-on" -> {
                    if (i + 1 >= args.size()) {
                        return usage("--fail-on takes error, warning, info or never");
                    }
                    String level = args.get(++i).toLowerCase(Locale.ROOT);
                    if (level.equals("never")) {
                        failOn = null;
                    } else {
                        try {
                            failOn = Severity.valueOf(level.toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            return usage("--fail-on takes error, warning, info or never, not " + level);
                        }
                    }
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (arg.startsWith("-")) {
                        return usage("unknown option " + arg);
                    }
                    folders.add(Path.of(arg));
                }
            }
        }
        if (folders.isEmpty()) {
            folders.add(Path.of(""));
        }

        List<ReportedFinding> reported = new ArrayList<>();
        int projectCount = 0;
        boolean failed = false;
        for (Path folder : folders) {
            Path base = folder.toAbsolutePath().normalize();
            if (!Files.isDirectory(base)) {
                return usage("not a folder: " + folder);
            }
            Workspace workspace = new Workspace(List.of(base));
            RuleEngine engine = new RuleEngine(Rules.all());
            for (MixProject project : workspace.projects()) {
                projectCount++;
                for (Finding finding : engine.analyze(project, workspace)) {
                    reported.add(ReportedFinding.of(finding, base));
                    failed |= failOn != null && finding.severity().atLeast(failOn);
                }
            }
            if (workspace.projects().isEmpty()) {
                err.println("gotcha-ls: no Mix project (mix.exs) under " + folder);
            }
        }
        reported.sort(ReportedFinding.ORDER);
        if (format.equals("json")) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("tool", "gotcha-ls");
            document.put("version", Version.get());
            document.put("findings", reported);
            out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(document));
        } else {
            for (ReportedFinding finding : reported) {
                out.println(finding.asText());
            }
            err.println(reported.size() + (reported.size() == 1 ? " finding" : " findings") + " in " + projectCount
                    + (projectCount == 1 ? " project" : " projects"));
        }
        return failed ? 1 : 0;
    }

    private int usage(String problem) {
        err.println("gotcha-ls check: " + problem);
        err.println(USAGE);
        return 2;
    }
}
