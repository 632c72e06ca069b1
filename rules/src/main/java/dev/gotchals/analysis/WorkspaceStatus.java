package dev.gotchals.analysis;

import java.util.List;
import java.util.Map;

/**
 * What the analysis sees of a workspace, for a user who wants to know why a finding is (or is not) there: the Mix
 * projects found, how each one reaches production as the deploy model reads it, and the settings the rules run
 * with. Plain data: the command line prints it, the language server returns it; paths are relative to the project
 * root and '/'-separated, absent facts are null.
 *
 * @param javaVersion the version of the Java that runs the analysis
 * @param javaHome    where that Java is installed
 * @param folders     the folders searched for Mix projects, absolute
 * @param projects    the Mix projects found, in the workspace's order
 */
public record WorkspaceStatus(String javaVersion, String javaHome, List<String> folders, List<Project> projects) {

    /**
     * One Mix project.
     *
     * @param root            its folder, absolute
     * @param app             the OTP app of its mix.exs
     * @param umbrella        whether it is an umbrella
     * @param apps            the apps of an umbrella
     * @param release         why it counts as a Mix release ("Dockerfile runs `mix release`"), or null when it
     *                        is not one
     * @param elixir          the Elixir the release is built with ("1.17"), or null when unknown
     * @param elixirSource    where that version comes from: image, tool file, mix requirement or unknown
     * @param runtimeConfig   the runtime config file the release reads ("config/runtime.exs"), or null for none
     * @param images          its Dockerfiles
     * @param fly             its fly.toml, or null
     * @param procfile        the processes of its Procfile, by name; null without a Procfile
     * @param render          the start commands of its render.yaml's native Elixir services, by service name; null
     *                        without such a service
     * @param releaseWorkflow the CI workflow that builds the release, or null
     * @param settings        the settings the rules run with
     */
    public record Project(String root, String app, boolean umbrella, List<String> apps, String release,
                          String elixir, String elixirSource, String runtimeConfig, List<Image> images, Fly fly,
                          Map<String, String> procfile, Map<String, String> render, String releaseWorkflow,
                          SettingsInForce settings) {
    }

    /**
     * A Dockerfile and how its final stage starts.
     *
     * @param file          the Dockerfile
     * @param production    whether it may run production (not a dev, test or CI variant)
     * @param buildsRelease whether it runs {@code mix release}
     * @param elixir        the Elixir of its build stage ("1.17"), or null when its tag does not say
     * @param start         the CMD (or ENTRYPOINT) its final stage starts with, as written, or null
     * @param releaseStart  the command that starts the release on that launch, and the script it goes through, or
     *                      null when the launch does not visibly start a release
     */
    public record Image(String file, boolean production, boolean buildsRelease, String elixir, String start,
                        String releaseStart) {
    }

    /**
     * A fly.toml.
     *
     * @param file           the file
     * @param releaseCommand its release command, or null
     * @param processes      its {@code [processes]} by name: they replace the image's CMD
     * @param dockerfile     the Dockerfile its {@code [build]} names, or null
     */
    public record Fly(String file, String releaseCommand, Map<String, String> processes, String dockerfile) {
    }

    /**
     * The settings in force for a project: its {@code .gotcha.exs} (with the problems found in it) and the settings
     * from outside (the editor's or the command line's) on top.
     *
     * @param file     the settings file, or null when the project has none
     * @param problems the entries of that file that cannot be read and are ignored
     * @param rules    per rule id, what differs from the rule's defaults ("off", "severity info",
     *                 "secret_keys: stripe_key")
     * @param exclude  the globs of files whose findings are not reported
     */
    public record SettingsInForce(String file, List<String> problems, Map<String, List<String>> rules,
                                  List<String> exclude) {
    }
}
