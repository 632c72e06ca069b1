package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.edit.DockerfileEdits;
import dev.gotchals.model.MixFiles;
import dev.gotchals.model.config.ReleaseRuntimeFile;
import dev.gotchals.model.deploy.AssetPipeline;
import dev.gotchals.model.deploy.BuildStep;
import dev.gotchals.model.deploy.Copy;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerIgnore;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.model.deploy.ReleaseInputs;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.text.PositionEncoding;

import java.util.ArrayList;
import java.util.List;

/**
 * GT011 runtime-config-not-in-image: a Dockerfile stage copies the project's config but not the runtime config
 * before it runs {@code mix release}, so the release is assembled without it.
 */
public final class RuntimeConfigNotInImageRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT011", "runtime-config-not-in-image",
            "Release built without its runtime config", Severity.ERROR, """
            **What it finds.** A stage of a production Dockerfile that runs `mix release` (directly or through \
            a Mix alias) after copying config files from the build context, when nothing before the release \
            brings the runtime config: `config/runtime.exs`, or `config/releases.exs` where that is the file \
            the release reads (no `runtime.exs`, or an Elixir before 1.11), or the `runtime_config_path` that \
            the mix.exs releases set. Copies in the stages it builds FROM count. A file that `.dockerignore` \
            leaves out of the build context is not copied, even by `COPY . .`.

            **Why it matters.** `mix release` copies the runtime config into the release when it assembles \
            it; a file missing from the build stage is missing from the release, and Mix says nothing. \
            The release then boots with build-time config only: everything `runtime.exs` reads from the \
            environment (the database URL, `secret_key_base`, the host, the port, `PHX_SERVER`) is never set, \
            so the app crashes at boot or runs with values nobody meant for production. Copying \
            `config/config.exs` and `config/prod.exs` early (to cache dependency compilation) and forgetting \
            `runtime.exs` later is the usual way this happens.

            **Instead.** Copy the runtime config before `mix release`, as `mix phx.gen.release --docker` \
            generates: `COPY config/runtime.exs config/` after compiling (changes to it then do not recompile \
            anything). Not reported: `COPY . .`, `COPY config config` or `COPY config/ ./config/` (they bring \
            it), a project without a runtime config, a `runtime_config_path: false` or computed path, a copy \
            from another stage or image that may bring config, and a build script or download the rule cannot \
            read.

            **Fix.** Inserts `COPY config/runtime.exs config/` (with the paths the stage's config copy uses) \
            before the `RUN` that runs `mix release`. No fix when `.dockerignore` leaves the file out: change \
            `.dockerignore` by hand.""", """
            ```dockerfile
            FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim AS builder
            WORKDIR /app
            ENV MIX_ENV="prod"
            COPY mix.exs mix.lock ./
            COPY config/config.exs config/prod.exs config/
            COPY lib lib
            RUN mix deps.get --only prod && mix compile
            # the release has no runtime.exs: DATABASE_URL and SECRET_KEY_BASE are never read
            RUN mix release
            ```
            """, """
            ```dockerfile
            FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim AS builder
            WORKDIR /app
            ENV MIX_ENV="prod"
            COPY mix.exs mix.lock ./
            COPY config/config.exs config/prod.exs config/
            COPY lib lib
            RUN mix deps.get --only prod && mix compile
            COPY config/runtime.exs config/
            RUN mix release
            ```
            """);

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        ReleaseRuntimeFile runtime = ReleaseRuntimeFile.of(project);
        if (runtime == null || !runtime.exists()) {
            return List.of();
        }
        DeployModel deploy = DeployModel.of(project);
        List<Finding> findings = new ArrayList<>();
        for (DockerImage image : deploy.productionImages()) {
            if (!image.file().isParsed() || !deploy.isAppImage(image)) {
                continue;
            }
            DockerIgnore ignore = DockerIgnore.of(project, image);
            for (AssetPipeline pipeline : AssetPipeline.of(image, MixFiles.of(project).all())) {
                ReleaseInputs inputs = ReleaseInputs.of(image, pipeline, ignore);
                ReleaseInputs.ConfigCopy config = inputs.configCopy(project.project().root());
                if (config == null) {
                    continue;
                }
                String path = config.prefix() + runtime.path();
                ReleaseInputs.Reach reach = inputs.reach(path);
                boolean copiedOnto = image.copiedOnto(runtime.path()) != null; // COPY config/docker.exs config/runtime.exs
                if (!copiedOnto && (reach == ReleaseInputs.Reach.MISSING || reach == ReleaseInputs.Reach.IGNORED)) {
                    findings.add(finding(image, pipeline, config, runtime.path(), reach));
                }
            }
        }
        return findings;
    }

    private static Finding finding(DockerImage image, AssetPipeline pipeline, ReleaseInputs.ConfigCopy config,
                                   String runtime, ReleaseInputs.Reach reach) {
        DocumentSnapshot file = image.file();
        String where = AssetsNotDeployedRule.describe(pipeline.stage());
        String stage = Character.toUpperCase(where.charAt(0)) + where.substring(1);
        Copy copy = config.copy();
        String copied = "line " + line(file, copy) + ": `" + copy.instruction().text().strip() + "`";
        String consequence = "so the release is assembled without it: nothing " + runtime + " reads at boot (the "
                + "database URL, `secret_key_base`, the host) is set, and the release crashes at boot or runs with "
                + "build-time config only.";
        String message = reach == ReleaseInputs.Reach.IGNORED
                ? stage + " copies " + runtime + " with the config, but `.dockerignore` leaves it out of the build "
                  + "context, " + consequence
                : stage + " copies config files (" + copied + ") but not " + runtime + " before `mix release`, "
                  + consequence;
        Fix fix = reach == ReleaseInputs.Reach.MISSING ? copyFix(file, pipeline, config, runtime) : null;
        SimpleCommand release = pipeline.release().command();
        return new Finding(INFO, INFO.defaultSeverity(), file, release.start(), release.end(), message,
                fix == null ? List.of() : List.of(fix));
    }

    /**
     * {@code COPY config/runtime.exs config/} above the release's RUN, into the folder the config copy fills; none
     * for a runtime config outside {@code config/} or a copy whose destination folder cannot be told.
     */
    private static Fix copyFix(DocumentSnapshot file, AssetPipeline pipeline, ReleaseInputs.ConfigCopy config,
                               String runtime) {
        if (!runtime.startsWith("config/") || runtime.indexOf('/', "config/".length()) >= 0) {
            return null;
        }
        String destination = config.copy().destination();
        String folder = destination.endsWith("/") ? destination
                : config.copy().sources().size() == 1 && destination.endsWith(".exs") && destination.contains("/")
                ? destination.substring(0, destination.lastIndexOf('/') + 1) : null;
        if (folder == null || !folder.replaceAll("/+$", "").endsWith("config")) {
            return null;
        }
        BuildStep release = pipeline.release();
        String line = "COPY " + config.prefix() + runtime + " " + folder;
        return new Fix("Copy " + runtime + " before `mix release`", true,
                List.of(DockerfileEdits.insertAbove(file, release.instruction(), List.of(line))));
    }

    private static int line(DocumentSnapshot file, Copy copy) {
        return file.text().positionAt(copy.instruction().tree().startOffset(copy.instruction().node()),
                PositionEncoding.UTF16).line() + 1;
    }
}
