package dev.gotchals.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The system packages a command installs: {@code apt-get install}, {@code apt install}, {@code apk add},
 * {@code dnf}/{@code yum}/{@code microdnf install}, {@code zypper install}. Names come without the version a pin
 * adds ({@code podman=4.3.1-2} → "podman"); options are skipped.
 */
public final class PackageInstalls {
    /** Each package manager with the subcommands that install. */
    private static final Map<String, Set<String>> INSTALL_VERBS = Map.of("apt-get", Set.of("install"),
            "apt", Set.of("install"), "apk", Set.of("add"), "dnf", Set.of("install"), "yum", Set.of("install"),
            "microdnf", Set.of("install"), "zypper", Set.of("install", "in"));

    private PackageInstalls() {
    }

    /** The packages {@code command} installs; empty when it installs none. */
    public static List<String> of(SimpleCommand command) {
        Set<String> verbs = INSTALL_VERBS.get(command.program());
        if (verbs == null) {
            return List.of();
        }
        int verb = 1;
        while (verb < command.words().size() && command.word(verb).startsWith("-")) {
            verb++;
        }
        if (!verbs.contains(command.word(verb))) {
            return List.of();
        }
        List<String> packages = new ArrayList<>();
        for (int i = verb + 1; i < command.words().size(); i++) {
            String word = command.word(i);
            if (!word.startsWith("-") && !word.isEmpty()) {
                packages.add(word.split("[=<>~]", 2)[0]);
            }
        }
        return packages;
    }
}
