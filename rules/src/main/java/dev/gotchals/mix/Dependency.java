package dev.gotchals.mix;

import java.util.List;

/**
 * One entry of a mix.exs {@code deps} list ({@code {:postgrex, ">= 0.0.0"}}, {@code {:core, in_umbrella: true}},
 * {@code {:tools, path: "../tools", only: :dev}}). Options the reader cannot resolve are null.
 *
 * @param name        the OTP app of the dependency
 * @param requirement the version requirement, or null when none is written or it is not a literal
 * @param path        the {@code path:} option, or null
 * @param only        the environments of {@code only:}; empty when the dependency is for every environment; null
 *                    when it is not a literal
 * @param runtime     the {@code runtime:} option; null when not written or not a literal (Mix's default is true)
 * @param inUmbrella  whether {@code in_umbrella: true} is set
 */
public record Dependency(String name, String requirement, String path, List<String> only, Boolean runtime,
                         boolean inUmbrella) {

    /** Whether Mix fetches it when building for that environment ({@code only:} unknown counts as yes). */
    public boolean includedIn(String env) {
        return only == null || only.isEmpty() || only.contains(env);
    }
}
