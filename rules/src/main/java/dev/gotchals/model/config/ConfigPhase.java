package dev.gotchals.model.config;

/** When a config file is evaluated for a Mix release. */
public enum ConfigPhase {
    /** config.exs and what it imports: evaluated on the build machine, values baked into the release. */
    BUILD,
    /** runtime.exs (or the legacy releases.exs): evaluated when the release boots. */
    RUNTIME
}
