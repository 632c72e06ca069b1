package dev.gotchals.model.config;

import java.util.Set;

/**
 * Phoenix endpoint config keys by when Phoenix reads them. The compile-time ones are the keys
 * {@code Phoenix.Endpoint} documents under "Compile-time configuration": it builds the endpoint's plug pipeline
 * from them when the endpoint module compiles (with {@code Application.compile_env} from Phoenix 1.8, so a
 * release refuses to boot when the runtime config gives them another value; before 1.8 a runtime value has no
 * effect).
 */
public final class EndpointKeys {
    /** {@code :code_reloader}, {@code :debug_errors}, {@code :force_ssl}. */
    public static final Set<String> COMPILE_TIME = Set.of("code_reloader", "debug_errors", "force_ssl");

    private EndpointKeys() {
    }

    /** Whether Phoenix reads the endpoint key when the endpoint compiles, not when it starts. */
    public static boolean readAtCompileTime(String key) {
        return key != null && COMPILE_TIME.contains(key);
    }
}
