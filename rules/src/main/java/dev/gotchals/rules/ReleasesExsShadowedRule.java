package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.ElixirVersion;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.model.config.ConfigCall;
import dev.gotchals.model.config.ConfigPhase;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ReleaseBuild;
import dev.gotchals.model.config.RuntimeConfig;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.syntax.Node;
import dev.gotchals.workspace.FileRole;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * GT012 releases-exs-shadowed: {@code config/releases.exs} beside {@code config/runtime.exs} in a release built with
 * Elixir 1.11 or later, which reads only {@code runtime.exs}; and a {@code config/release.exs} that no Mix reads.
 */
public final class ReleasesExsShadowedRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT012", "releases-exs-shadowed",
            "Runtime config file the release ignores", Severity.WARNING, """
            **What it finds.** A project that ships as a Mix release has both `config/releases.exs` and \
            `config/runtime.exs`, and its release is built with Elixir 1.11 or later (the `FROM` tag of the image \
            that runs `mix release`, `.tool-versions` or `elixir_buildpack.config`, else the lower bound of the \
            mix.exs `elixir:` requirement). When the Elixir version cannot be told, nothing is reported. When \
            every key `releases.exs` sets is set in `runtime.exs` too, the finding is information: a dead file. \
            A `releases.exs` that sets nothing (a comment, `import Config`) is left alone: Gigalixir keeps one \
            as the sign to build a Mix release; so is one that only repeats `runtime.exs` where Gigalixir builds \
            the release because of it, and where it sets more, the advice keeps the file.

            Also a `config/release.exs`, singular, that sets config, in a project that ships as a Mix release, \
            when nothing names the file (no config file imports it, no mix.exs `runtime_config_path`, no Dockerfile \
            or script copies it onto the name the release reads): no version of Mix reads that name, so nothing \
            in it reaches the release (information when the runtime config the release reads sets all of it too).

            **Why it matters.** `releases.exs` (Elixir 1.9) is the predecessor of `runtime.exs` (Elixir 1.11). \
            From 1.11, `mix release` uses `runtime.exs` when it exists and ignores `releases.exs` entirely, \
            without a warning: every setting in it (typically the database URL, the secret key base, the host, \
            the server switch) silently stops reaching production. This happens to Phoenix 1.4/1.5-era apps \
            that upgrade Elixir and add a `runtime.exs`, or adopt a newer generator.

            **Instead.** Keep one runtime config: move what `releases.exs` sets into `runtime.exs` (inside \
            `if config_env() == :prod do … end`, since `runtime.exs` also runs in dev and test), then delete \
            `releases.exs`.

            **Fix.** None: which settings to keep when both files set a key is a decision to make by hand.""", """
            ```elixir
            # config/releases.exs (the Dockerfile builds FROM hexpm/elixir:1.15.7-…)
            import Config

            config :shop, ShopWeb.Endpoint,
              secret_key_base: System.fetch_env!("SECRET_KEY_BASE")

            # config/runtime.exs
            import Config

            config :shop, ShopWeb.Endpoint, server: true
            ```
            """, """
            ```elixir
            # config/runtime.exs (and no releases.exs)
            import Config

            if config_env() == :prod do
              config :shop, ShopWeb.Endpoint,
                server: true,
                secret_key_base: System.fetch_env!("SECRET_KEY_BASE")
            end
            ```
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        List<Finding> findings = new ArrayList<>(shadowed(project));
        findings.addAll(misnamed(project));
        return findings;
    }

    /**
     * A {@code config/release.exs} that sets config and that nothing names: the runtime config meant as
     * {@code releases.exs}, which no Mix reads under that name.
     */
    private static List<Finding> misnamed(ProjectContext project) {
        DocumentSnapshot misnamed = project.configFile(MISNAMED);
        if (misnamed == null || !ProjectFacts.of(project).buildsRelease() || namedElsewhere(project, misnamed)
                || ConfigTimeline.of(project, "prod", misnamed).calls().stream()
                        .noneMatch(call -> call.file().path().equals(misnamed.path()))) {
            return List.of();
        }
        RuntimeConfig runtime = RuntimeConfig.release(project);
        boolean covered = runtime != null && runtime.exists() && settingsNotInRuntimeExs(project, misnamed).isEmpty();
        String because = "config/release.exs is read by nothing: a release reads config/runtime.exs, or "
                + "config/releases.exs (plural), and no config file, mix.exs or build step names release.exs. ";
        String message = covered
                ? because + "Everything it sets is set in config/" + runtime.name() + " too: delete it, so nobody "
                  + "edits the dead copy."
                : because + "None of its settings reach production. " + (runtime == null
                  ? "Move them where this release reads them at boot."
                  : runtime.exists() ? "Move them into config/" + runtime.name() + ", which this release reads."
                  : "Rename it config/" + runtime.name() + ", the file this release reads.");
        int[] span = firstStatement(misnamed);
        return List.of(new Finding(INFO, covered ? Severity.INFO : INFO.defaultSeverity(), misnamed, span[0], span[1],
                message, List.of()));
    }

    /** Whether a config file, mix.exs, a Dockerfile or a script names the file: it may be imported or copied. */
    private static boolean namedElsewhere(ProjectContext project, DocumentSnapshot file) {
        for (FileRole role : List.of(FileRole.CONFIG, FileRole.MIX_PROJECT, FileRole.DOCKERFILE, FileRole.BUILD_SCRIPT,
                FileRole.CI_WORKFLOW, FileRole.RELEASE_CONFIG)) {
            for (DocumentSnapshot other : project.files(role)) {
                if (!other.path().equals(file.path()) && other.text().text().contains(MISNAMED)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Finding> shadowed(ProjectContext project) {
        DocumentSnapshot releases = project.configFile(RuntimeConfig.RELEASES_EXS);
        if (releases == null || project.configFile(RuntimeConfig.RUNTIME_EXS) == null
                || !ProjectFacts.of(project).buildsRelease()) {
            return List.of();
        }
        ReleaseBuild build = ReleaseBuild.of(project);
        ElixirVersion version = build.elixirVersion();
        if (version == null || !version.atLeast(ElixirVersion.RUNTIME_EXS)) {
            return List.of();
        }
        if (ConfigTimeline.of(project, "prod", releases).calls().stream()
                .noneMatch(call -> call.file().path().equals(releases.path()))) {
            return List.of(); // sets nothing: a marker (Gigalixir builds a release when the file exists), not a copy
        }
        Set<String> lost = settingsNotInRuntimeExs(project, releases);
        boolean marker = ProjectFacts.of(project).releasesExsMarksRelease();
        if (lost.isEmpty() && marker) {
            return List.of(); // Gigalixir's sign to build a release, repeating runtime.exs: it has to stay anyway
        }
        String because = "config/releases.exs is ignored: the release is built with " + versionSource(build, version)
                + ", and from Elixir 1.11 a release reads config/runtime.exs when it exists, never releases.exs. ";
        String message = lost.isEmpty()
                ? because + "Everything it sets is set in runtime.exs too: delete it, so nobody edits the dead copy."
                : because + "These settings of it are in no call of runtime.exs and never reach production: " + String.join(", ", lost)
                  + ". Move these into runtime.exs (in its prod block) and " + (marker
                  ? "keep releases.exs empty (a comment): Gigalixir builds the release because it exists."
                  : "delete releases.exs.");
        Severity severity = lost.isEmpty() ? Severity.INFO : INFO.defaultSeverity();
        int[] span = firstStatement(releases);
        return List.of(new Finding(INFO, severity, releases, span[0], span[1], message, List.of()));
    }

    /** {@code releases.exs} without its s: a name no Mix reads. */
    private static final String MISNAMED = "release.exs";

    private static String versionSource(ReleaseBuild build, ElixirVersion version) {
        return switch (build.versionSource()) {
            case IMAGE -> "Elixir " + version + " (the image that runs `mix release`)";
            case TOOL_FILE -> "Elixir " + version + " (the project's Elixir version file)";
            default -> "Elixir " + version + " or later (mix.exs requires it)";
        };
    }

    /**
     * The settings of releases.exs ({@code :shop ShopWeb.Endpoint secret_key_base}) that no call of runtime.exs
     * gives a value, in order; keys are compared at the top of each call.
     */
    private static Set<String> settingsNotInRuntimeExs(ProjectContext project, DocumentSnapshot releases) {
        List<ConfigCall> runtime = ConfigTimeline.prod(project).calls().stream()
                .filter(call -> call.phase() == ConfigPhase.RUNTIME).toList();
        Set<String> lost = new LinkedHashSet<>();
        for (ConfigCall call : ConfigTimeline.of(project, "prod", releases).calls()) {
            if (call.phase() != ConfigPhase.RUNTIME) {
                continue;
            }
            String owner = ":" + call.app() + (call.subject() == null ? "" : " " + call.subject());
            if (call.pairs().isEmpty()) {
                if (runtime.stream().noneMatch(other -> sameOwner(call, other))) {
                    lost.add(owner);
                }
                continue;
            }
            for (Node pair : call.pairs()) {
                String key = ElixirSyntax.keywordName(call.tree(), pair);
                if (key != null && runtime.stream().noneMatch(other -> sameOwner(call, other) && other.value(key) != null)) {
                    lost.add(owner + " " + key);
                }
            }
        }
        return lost;
    }

    private static boolean sameOwner(ConfigCall call, ConfigCall other) {
        return call.app().equals(other.app()) && Objects.equals(call.subject(), other.subject());
    }

    /** The first statement after `import Config` (or the first line), where the finding is shown. */
    private static int[] firstStatement(DocumentSnapshot file) {
        List<Node> statements = file.isParsed() ? file.tree().statements() : List.of();
        for (Node statement : statements) {
            if (!statement.is("comment") && !"import".equals(ElixirSyntax.localCallName(file.tree(), statement))) {
                return new int[]{file.tree().startOffset(statement), file.tree().startOffset(statement)
                        + lineLength(file, file.tree().startOffset(statement))};
            }
        }
        return new int[]{0, lineLength(file, 0)};
    }

    private static int lineLength(DocumentSnapshot file, int start) {
        String text = file.text().text();
        int end = text.indexOf('\n', start);
        return (end < 0 ? text.length() : end) - start;
    }
}
