package dev.gotchals.workspace;

import dev.gotchals.syntax.SourceLanguage;

/** What a file is to a Mix project, decided by its path alone, whatever language id an editor sends. */
public enum FileRole {
    /** {@code mix.exs} of a project or of an umbrella app. */
    MIX_PROJECT(SourceLanguage.ELIXIR),
    /** {@code config/**}{@code /*.exs}: config.exs, prod.exs, runtime.exs, releases.exs … */
    CONFIG(SourceLanguage.ELIXIR),
    /** {@code rel/**}{@code /*.exs}: release configuration such as rel/env.exs or rel/config.exs. */
    RELEASE_CONFIG(SourceLanguage.ELIXIR),
    /** {@code lib/**}{@code /*.ex}: the release module, the router, controllers, the endpoint. */
    ELIXIR_SOURCE(SourceLanguage.ELIXIR),
    /** {@code Dockerfile}, {@code Dockerfile.*}, {@code *.Dockerfile}, {@code Containerfile}. */
    DOCKERFILE(SourceLanguage.DOCKERFILE),
    /** Scripts copied into the release: {@code rel/overlays/bin/*}. */
    RELEASE_SCRIPT(null),
    /** Platform manifests that start or migrate the app: {@code fly.toml}, {@code Procfile}. */
    DEPLOY_MANIFEST(null),
    /** Container entrypoint scripts ({@code *entrypoint*}). */
    ENTRYPOINT_SCRIPT(null),
    /**
     * {@code .gotcha.exs} at the project root (an umbrella's root, not an app's): Gotcha LS's own settings for the
     * project, read as Elixir syntax and never run.
     */
    PROJECT_SETTINGS(SourceLanguage.ELIXIR);

    private final SourceLanguage language;

    FileRole(SourceLanguage language) {
        this.language = language;
    }

    /** The grammar that parses files of this role, or null for plain text. */
    public SourceLanguage language() {
        return language;
    }
}
