package dev.gotchals.model.project;

import java.util.Set;

/**
 * Dependencies that are build tools: their config ({@code config :esbuild, version: …, path: …}) is read by their own
 * Mix tasks ({@code mix esbuild}, {@code mix tailwind} in {@code assets.deploy}) while the release is built, and by
 * the dev server's watchers; nothing in a running release reads it. A value read into it when the release is built
 * is read when it is needed.
 */
public final class BuildToolApps {
    private static final Set<String> APPS = Set.of("esbuild", "tailwind", "dart_sass", "bun");

    private BuildToolApps() {
    }

    /** Whether OTP app {@code app} is a build tool whose config only its Mix tasks read. */
    public static boolean configures(String app) {
        return app != null && APPS.contains(app);
    }
}
