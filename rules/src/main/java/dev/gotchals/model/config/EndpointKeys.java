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

    /**
     * The keys Phoenix, its web servers and LiveView read from an endpoint's config, at compile time or when it starts
     * (as {@code Phoenix.Endpoint} documents them, with older releases' and the adapters'): any other key of an
     * endpoint's config is the app's own, read only where its code names it.
     */
    private static final Set<String> READ_BY_PHOENIX = Set.of("adapter", "cache_static_manifest",
            "cache_static_manifest_latest", "cache_manifest_skip_vsn", "check_origin", "code_reloader", "debug_errors",
            "drainer", "exclude", "force_ssl", "gzip", "http", "https", "instrumenters", "live_reload", "live_view",
            "log_access_url", "protocol_options", "pubsub", "pubsub_server", "reloadable_apps", "reloadable_compilers",
            "render_errors", "root", "secret_key_base", "server", "socket_drainer", "static_url", "url", "version",
            "watchers", "check_csrf", "thousand_island_options", "websocket_options");

    private EndpointKeys() {
    }

    /** Whether Phoenix (or its web server, or LiveView) reads the endpoint key itself. */
    public static boolean readByPhoenix(String key) {
        return key != null && READ_BY_PHOENIX.contains(key);
    }

    /** Whether Phoenix reads the endpoint key when the endpoint compiles, not when it starts. */
    public static boolean readAtCompileTime(String key) {
        return key != null && COMPILE_TIME.contains(key);
    }
}
