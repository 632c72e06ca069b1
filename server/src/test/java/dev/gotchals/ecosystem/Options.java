package dev.gotchals.ecosystem;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The command line of {@code bin/ecosystem}.
 *
 * @param mirrors where the git mirrors are, as {@code DIR/OWNER+NAME/repo}
 * @param only    the one repository to check, {@code owner/name}, or empty for all
 * @param write   rewrite the snapshots with today's findings
 * @param fixes   also apply the safe fixes to a copy and check what they did
 * @param skipMissing leave out the repositories without a usable mirror instead of stopping
 */
record Options(Path mirrors, Optional<String> only, boolean write, boolean fixes, boolean skipMissing) {
    static final String USAGE = "usage: bin/ecosystem [--mirrors DIR] [--only OWNER/NAME] [--write] [--fixes] "
            + "[--skip-missing]";

    /**
     * Parses the arguments. The mirrors default to {@code $GOTCHA_MIRRORS}, else {@code .mirror} beside the
     * checkout. A bad argument is an {@link IllegalArgumentException} whose message says which.
     */
    static Options parse(String[] args, Map<String, String> environment, Path checkout) {
        String mirrors = environment.get("GOTCHA_MIRRORS");
        String only = null;
        boolean write = false;
        boolean fixes = false;
        boolean skipMissing = false;
        for (int index = 0; index < args.length; index++) {
            String arg = args[index];
            switch (arg) {
                case "--mirrors" -> mirrors = value(args, ++index, arg);
                case "--only" -> only = value(args, ++index, arg);
                case "--write" -> write = true;
                case "--fixes" -> fixes = true;
                case "--skip-missing" -> skipMissing = true;
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        Path mirrorFolder = mirrors == null || mirrors.isEmpty()
                ? checkout.toAbsolutePath().getParent().resolve(".mirror")
                : Path.of(mirrors).toAbsolutePath();
        return new Options(mirrorFolder, Optional.ofNullable(only), write, fixes, skipMissing);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
