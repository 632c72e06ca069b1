package dev.gotchals.cli;

import dev.gotchals.rule.Severity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parsed command line of {@code gotcha-ls check}. Options take their value as the next argument or after
 * {@code =} ({@code --format=sarif}); {@code --rule} and {@code --ignore} repeat and take comma lists.
 *
 * @param failOn        the lowest severity that makes the exit code 1; null for never
 * @param hints         report hints too (with {@code --fail-on hint} as well): what no deployment the project shows
 *                      trips over, which editors show and a CI run leaves out
 * @param rules         rule ids or slugs to run alone (empty: every rule)
 * @param ignored       rule ids or slugs not to run
 * @param baseline      findings recorded there are not reported (nor fixed)
 * @param writeBaseline record today's findings there instead of reporting them
 * @param fix           apply the safe fixes
 * @param diff          print what {@code --fix} would change, change nothing
 * @param help          print the usage and stop
 */
record CheckOptions(OutputFormat format, Severity failOn, boolean hints, List<String> rules, List<String> ignored,
                    Path baseline, Path writeBaseline, boolean fix, boolean diff, boolean help, List<Path> paths) {

    static CheckOptions parse(List<String> args) throws UsageException {
        OutputFormat format = OutputFormat.TEXT;
        Severity failOn = Severity.ERROR;
        List<String> rules = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        Path baseline = null;
        Path writeBaseline = null;
        boolean hints = false;
        boolean fix = false;
        boolean diff = false;
        List<Path> paths = new ArrayList<>();
        boolean onlyPaths = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (onlyPaths || !arg.startsWith("-") || arg.equals("-")) {
                paths.add(Path.of(arg));
                continue;
            }
            String name = arg;
            String inlineValue = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                inlineValue = arg.substring(equals + 1);
            }
            switch (name) {
                case "--" -> onlyPaths = true;
                case "-h", "--help" -> {
                    return new CheckOptions(format, failOn, false, rules, ignored, null, null, false, false, true,
                            List.of());
                }
                case "--hints" -> hints = true;
                case "--fix" -> fix = true;
                case "--diff" -> diff = true;
                default -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    switch (name) {
                        case "--format" -> format = OutputFormat.named(value);
                        case "--fail-on" -> failOn = failOn(value);
                        case "--rule" -> rules.addAll(list(name, value));
                        case "--ignore" -> ignored.addAll(list(name, value));
                        case "--baseline" -> baseline = Path.of(value);
                        case "--write-baseline" -> writeBaseline = Path.of(value);
                        default -> throw new UsageException("unknown option " + name);
                    }
                }
            }
            if (inlineValue != null && List.of("--hints", "--fix", "--diff", "--").contains(name)) {
                throw new UsageException(name + " takes no value");
            }
        }
        if (writeBaseline != null && (baseline != null || fix || diff)) {
            throw new UsageException("--write-baseline records the findings as they are; it does not combine with "
                    + "--baseline, --fix or --diff");
        }
        if (paths.isEmpty()) {
            paths.add(Path.of(""));
        }
        return new CheckOptions(format, failOn, hints || failOn == Severity.HINT, List.copyOf(rules),
                List.copyOf(ignored), baseline, writeBaseline, fix, diff, false, List.copyOf(paths));
    }

    private static Severity failOn(String value) throws UsageException {
        String level = value.toLowerCase(Locale.ROOT);
        return switch (level) {
            case "never" -> null;
            case "error", "warning", "info", "hint" -> Severity.valueOf(level.toUpperCase(Locale.ROOT));
            default -> throw new UsageException("--fail-on takes error, warning, info, hint or never, not " + value);
        };
    }

    private static List<String> list(String option, String value) throws UsageException {
        List<String> names = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String name = part.strip();
            if (name.isEmpty()) {
                throw new UsageException(option + " takes rule ids or slugs separated by commas, not \"" + value + "\"");
            }
            names.add(name);
        }
        return names;
    }
}
