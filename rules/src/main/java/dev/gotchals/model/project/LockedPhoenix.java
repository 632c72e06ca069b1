package dev.gotchals.model.project;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.Truth;
import dev.gotchals.rule.ProjectContext;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Phoenix release that the project's {@code mix.lock} pins. From Phoenix 1.8 the endpoint reads its compile-time
 * keys with {@code Application.compile_env}, so a release whose runtime config gives one of them any value that
 * build-time config did not (even {@code false} for a key it left unset) refuses to boot; before 1.8 a runtime value
 * is only ignored.
 */
public final class LockedPhoenix {
    private static final Pattern PHOENIX = Pattern.compile("\"phoenix\":\\s*\\{:hex,\\s*:phoenix,\\s*\"(\\d{1,4})\\.(\\d{1,4})");

    private final Truth checksCompileEnv;

    private LockedPhoenix(ProjectContext project) {
        DocumentSnapshot lock = project.file(project.project().root().resolve("mix.lock"));
        Matcher version = lock == null ? null : PHOENIX.matcher(lock.text().text());
        if (version == null || !version.find()) {
            checksCompileEnv = Truth.UNKNOWN;
        } else {
            int major = Integer.parseInt(version.group(1));
            int minor = Integer.parseInt(version.group(2));
            checksCompileEnv = Truth.of(major > 1 || major == 1 && minor >= 8);
        }
    }

    public static LockedPhoenix of(ProjectContext project) {
        return project.model(LockedPhoenix.class, LockedPhoenix::new);
    }

    /**
     * Whether the locked Phoenix checks the endpoint's compile-time keys at boot (1.8 and later); unknown without a
     * lock file that pins Phoenix.
     */
    public Truth checksCompileEnv() {
        return checksCompileEnv;
    }
}
