package dev.gotchals.cli;

import dev.gotchals.product.Version;
import dev.gotchals.rule.RuleDocs;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rules.Rules;
import dev.gotchals.server.ServerLauncher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code gotcha-ls} command: {@code check} for CI, {@code lsp} (the default) for editors, {@code status} for
 * what the analysis sees.
 */
public final class Main {
    static final String USAGE = """
            Usage: gotcha-ls [COMMAND] [OPTIONS]

            Commands:
              check [PATH...]     check the Mix projects under PATH (default: .) and print findings
              lsp [--port N]      run the language server on stdio (the default), or on 127.0.0.1:N
              rules               list the rules
              explain RULE        explain a rule (by id or slug), with examples
              init [--force] [PATH]
                                  write PATH/.gotcha.exs (default: .) listing every rule with its defaults
              status [--format text|json] [PATH]
                                  the Mix projects under PATH (default: .), how each deploys, and the settings
            Options:
              -h, --help          show this help
              -V, --version       print the version""";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, Path.of("").toAbsolutePath(), out, err);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)} from another working directory (for tests). */
    static int run(String[] args, Path workingDirectory, PrintStream out, PrintStream err) {
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        String command = args.length == 0 ? "lsp" : args[0];
        switch (command) {
            case "check":
                return new CheckCommand(out, err, workingDirectory).run(rest);
            case "init":
                return new InitCommand(out, err).run(rest);
            case "status":
                return new StatusCommand(out, err, workingDirectory).run(rest);
            case "lsp":
                return ServerLauncher.run(rest, err);
            case "rules":
                for (RuleInfo info : Rules.catalog()) {
                    out.printf("%-6s  %-24s  %-7s  %s%n", info.id(), info.slug(), info.defaultSeverity().label(), info.title());
                }
                return 0;
            case "explain": {
                RuleInfo rule = rest.size() == 1 ? RuleDocs.lookup(Rules.catalog(), rest.get(0)) : null;
                if (rule == null) {
                    err.println(rest.size() == 1 ? "gotcha-ls explain: no rule " + rest.get(0) + " (see gotcha-ls rules)"
                            : "Usage: gotcha-ls explain RULE");
                    return 2;
                }
                out.print(RuleDocs.markdown(rule));
                return 0;
            }
            case "-h", "--help", "help":
                out.println(USAGE);
                return 0;
            case "-V", "--version", "version":
                out.println("gotcha-ls " + Version.get());
                return 0;
            default:
                err.println("gotcha-ls: unknown command " + command);
                err.println(USAGE);
                return 2;
        }
    }
}
