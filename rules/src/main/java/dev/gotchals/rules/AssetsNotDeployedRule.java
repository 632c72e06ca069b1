package dev.gotchals.rules;

import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.edit.DockerfileEdits;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.mix.MixExs;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ConfigValue;
import dev.gotchals.model.deploy.AssetPipeline;
import dev.gotchals.model.deploy.BaseImage;
import dev.gotchals.model.deploy.BuildStep;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.model.project.ProjectModel;
import dev.gotchals.model.project.ReleasedApps;
import dev.gotchals.model.project.UmbrellaApps;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.text.PositionEncoding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * GT004 assets-not-deployed: a Dockerfile stage runs {@code mix release} without the assets built (and digested, when
 * prod serves a cache manifest) before it, or without {@code MIX_ENV=prod}.
 */
public final class AssetsNotDeployedRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT004", "assets-not-deployed",
            "Release built without deployed assets or without `MIX_ENV=prod`", Severity.ERROR, """
            **What it finds.** A stage of a production Dockerfile (not one named for development, tests or CI) \
            that runs `mix release`, directly or through a Mix alias, for a project with front-end assets \
            (an `assets/` folder with JavaScript, styles or a `package.json` that something of the project \
            builds: an esbuild/tailwind profile, a `package.json`, a bundler's config; or an esbuild/tailwind \
            profile, or an `assets.deploy` alias with something to build: an `assets/` folder beside a mix.exs, \
            a profile, a `package.json`, not the generator's alias left in an API with neither; a stylesheet \
            that nothing builds, in development either, under \
            a `config :tailwind, :version, …` that names no profile, is no asset a page loads; nor are the \
            generator's `assets/` where the page templates load scripts and stylesheets, none of them an asset \
            build's, such as a theme committed under `priv/static/theme/`, nor an `assets/` folder built into an \
            image of its own, `assets/Dockerfile`, a front end served apart from the release, nor the `assets/` of \
            an app whose endpoints plug no `Plug.Static`, through which alone Phoenix serves priv/static: an API \
            beside a front end deployed apart, such as a Next.js app) without building them \
            before it, in that stage or in a stage it builds `FROM`, or that builds them after `mix release`; not a \
            release of an umbrella that the command names (`mix release worker`) whose applications, with the \
            umbrella apps they depend on, have no `assets/` folder or asset builder of their own. When \
            prod config sets the endpoint's `cache_static_manifest` to the `cache_manifest.json` that \
            `mix phx.digest` writes, the assets must also be digested: `mix assets.deploy` or \
            `mix phx.digest`; without it (or with a manifest the bundler writes) any builder counts (`mix assets.build`, esbuild, \
            tailwind, bun, `npm run …`, `yarn build`, vite), through the project's aliases too. Also a \
            `mix release` that runs without `MIX_ENV=prod`: no `ENV MIX_ENV="prod"` in the stage or the stages \
            it builds from, no `ARG MIX_ENV=prod`, no `MIX_ENV=prod` on the command itself. And a step before the \
            release that runs `mix assets.deploy` (or `assets.setup`, `assets.build`) where no mix.exs of the \
            project defines that alias: these are aliases `mix phx.new` writes, no task of Mix, Phoenix or the \
            asset packages, so the build stops there (a Dockerfile of a newer generator on an older project). \
            Each Dockerfile is judged on its own.

            **Why it matters.** `mix release` copies `priv/static` into the release when it assembles it. \
            Phoenix projects keep the built CSS and JS out of git (and the generated `.dockerignore` keeps \
            `priv/static/assets/` out of the image), so unless `mix assets.deploy` builds, minifies and \
            digests them before the release, the release ships without them: pages load without styles and \
            scripts, and Phoenix cannot find `priv/static/cache_manifest.json`. Running it after the release is \
            too late for the same reason. Without `MIX_ENV=prod`, Mix builds a dev release: `config/dev.exs` is \
            compiled in, `runtime.exs`'s `if config_env() == :prod` block never runs, and the runner stage's \
            `COPY --from=… /app/_build/prod/rel/…` finds nothing.

            **Instead.** Set `ENV MIX_ENV="prod"` early in the build stage and run `mix assets.deploy` before \
            `mix release`, as `mix phx.gen.release --docker` generates (Phoenix 1.7 runs it before \
            `mix compile`, 1.8 after; both are fine, only the order against `mix release` matters). \
            API-only projects without assets need no `assets.deploy`. Not reported either: a `MIX_ENV` that \
            comes from an `ARG` (CI sets it; a default other than `prod`, also through `ENV MIX_ENV=${MIX_ENV}`, is \
            only what a build without `--build-arg` gets, and a production Compose file may pass `prod`), an unset `MIX_ENV` in a stage built on an image \
            other than the official Elixir, Erlang or OS images and hexpm's (the project's own base image may set \
            it), a custom environment such as `staging`, a \
            `preferred_envs: [release: :prod]` in `mix.exs`, a Mix alias that runs `phx.digest` before the \
            release (`release: ["assets.deploy", "release"]`), assets copied in from a stage that deploys them or \
            `priv/static` from an image built elsewhere, digested assets copied into the assembled release \
            (or `mix phx.digest -o` writing into it), a release whose own `steps:` run project code before \
            `:assemble`, and a build script or a Mix task the rule cannot read (one not known to build nothing, such \
            as the project's own `mix build_frontend`).

            **Fix.** Inserts `RUN mix assets.deploy` before the release (with `COPY assets assets` when the \
            stage has not copied the assets yet; only where a mix.exs defines the alias), or moves the misplaced \
            one before it; none for an alias the project lacks (which build to run is the project's); inserts \
            `ENV MIX_ENV="prod"` after the `FROM` (or `WORKDIR`) of the first stage that runs Mix.""", """
            ```dockerfile
            FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim AS builder
            WORKDIR /app
            COPY . .
            RUN mix deps.get --only prod && mix compile
            # no MIX_ENV: a dev release; no assets.deploy: no CSS/JS in the release
            RUN mix release
            ```
            """, """
            ```dockerfile
            FROM hexpm/elixir:1.18.4-erlang-27.3.4-debian-trixie-20251117-slim AS builder
            WORKDIR /app
            ENV MIX_ENV="prod"
            COPY . .
            RUN mix deps.get --only prod && mix compile
            RUN mix assets.deploy
            RUN mix release
            ```
            """);

    private static final String DEPLOY = "RUN mix assets.deploy";
    /** The asset aliases `mix phx.new` writes into mix.exs: tasks of these names exist only as a project's aliases. */
    private static final Set<String> GENERATED_ALIASES = Set.of("assets.deploy", "assets.setup", "assets.build");
    /** The manifest {@code mix phx.digest} writes into priv/static. */
    private static final String DIGEST_MANIFEST = "cache_manifest.json";
    private static final Set<String> DEV_ENVIRONMENTS = Set.of("", "dev", "test");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        ProjectModel model = ProjectModel.of(project);
        boolean releasesInProd = model.mixfiles().stream().anyMatch(mix -> "prod".equals(mix.preferredEnv("release")));
        boolean hasAssets = ProjectFacts.of(project).hasAssets();
        boolean digested = servesDigestedAssets(project);
        List<Finding> findings = new ArrayList<>();
        Set<SimpleCommand> undefined = new HashSet<>();
        // The fix runs `mix assets.deploy`: only where the project defines it.
        boolean deployAlias = model.mixfiles().stream().anyMatch(mix -> mix.aliases().has("assets.deploy"));
        for (DockerImage image : DeployModel.of(project).productionImages()) {
            for (AssetPipeline pipeline : AssetPipeline.of(image, model.mixfiles())) {
                for (BuildStep step : pipeline.beforeRelease()) {
                    String task = undefinedAlias(step, model.mixfiles());
                    if (task != null && undefined.add(step.command())) {
                        findings.add(undefinedAliasFinding(image.file(), step, task));
                    }
                }
                Build build = new Build(image, pipeline, digested, deployAlias);
                if (hasAssets && shipsFrontEnd(project, pipeline)
                        && !(digested ? pipeline.shipsDigestedAssets() : pipeline.shipsBuiltAssets())) {
                    findings.add(build.assets());
                }
                Finding mixEnv = build.mixEnv(releasesInProd);
                if (mixEnv != null) {
                    findings.add(mixEnv);
                }
            }
        }
        return findings;
    }

    /**
     * The first of the generators' asset aliases ({@code assets.deploy} …) that the step runs and no mix.exs of the
     * project defines, or null. Neither Mix, Phoenix nor the asset builders' packages define tasks of these names:
     * Mix stops with "The task … could not be found".
     */
    private static String undefinedAlias(BuildStep step, List<MixExs> mixfiles) {
        if (step.written() == null) {
            return null; // a COPY; asked by the command as written, since locating it moves a long file's nodes
        }
        for (String task : step.tasks()) {
            if (GENERATED_ALIASES.contains(task) && mixfiles.stream().noneMatch(mix -> mix.aliases().mayDefine(task))) {
                return task;
            }
        }
        return null;
    }

    private static Finding undefinedAliasFinding(DocumentSnapshot file, BuildStep step, String task) {
        SimpleCommand command = step.command();
        String message = "`mix " + task + "` runs a task this project does not define: no mix.exs has an `" + task
                + "` alias (`mix phx.new` writes it from Phoenix 1.6 on; neither Mix, Phoenix nor the asset packages "
                + "define such a task), so the image build stops there: The task \"" + task + "\" could not be found. "
                + "Add the alias for this project's asset pipeline, or run its own build here.";
        return new Finding(INFO, INFO.defaultSeverity(), file, command.start(), command.end(), message, List.of());
    }

    /**
     * Whether the release the pipeline builds may hold a front end: not an umbrella release named by its command
     * ({@code mix release worker}) whose applications, with their umbrella dependencies, have no assets of their own.
     */
    private static boolean shipsFrontEnd(ProjectContext project, AssetPipeline pipeline) {
        Set<String> shipped = ReleasedApps.of(project).shippedBy(pipeline.release().written().releaseName());
        return shipped == null || shipped.stream().anyMatch(UmbrellaApps.of(project)::hasFrontEnd);
    }

    /**
     * Whether production serves digested assets: an endpoint's prod config sets {@code cache_static_manifest} to the
     * manifest {@code phx.digest} writes (or may: a value that cannot be told counts), or no endpoint can be told.
     * Without the manifest Phoenix serves priv/static as it is, so building the assets is enough; a manifest of
     * another name is written by the front-end build itself (a bundler that fingerprints its output), not by the
     * digest.
     */
    private static boolean servesDigestedAssets(ProjectContext project) {
        ConfigTimeline prod = ConfigTimeline.prod(project);
        List<EndpointNotServedRule.Endpoint> endpoints = EndpointNotServedRule.endpoints(project, prod);
        return endpoints.isEmpty() || endpoints.stream().anyMatch(endpoint ->
                namesDigestManifest(prod.effective(endpoint.app(), endpoint.module(), "cache_static_manifest")));
    }

    private static boolean namesDigestManifest(ConfigValue manifest) {
        if (manifest.state() != ConfigValue.State.SET) {
            return manifest.state() == ConfigValue.State.UNKNOWN;
        }
        String path = ElixirSyntax.stringLiteral(manifest.file().tree(), manifest.value());
        return path == null || path.endsWith(DIGEST_MANIFEST);
    }

    /** "stage `builder`", or "the stage FROM `elixir:1.18`" for a stage without a name. */
    static String describe(Stage stage) {
        return stage.alias() != null ? "stage `" + stage.alias() + "`" : "the stage FROM `" + stage.image() + "`";
    }

    /** One stage's release: its findings and their fixes. */
    private static final class Build {
        private final DockerImage image;
        private final DocumentSnapshot file;
        private final AssetPipeline pipeline;
        private final BuildStep release;
        /** Whether the release needs the assets digested, not only built. */
        private final boolean digested;
        /** Whether a mix.exs of the project defines the {@code assets.deploy} alias the fix runs. */
        private final boolean deployAlias;

        Build(DockerImage image, AssetPipeline pipeline, boolean digested, boolean deployAlias) {
            this.image = image;
            this.file = image.file();
            this.pipeline = pipeline;
            this.release = pipeline.release();
            this.digested = digested;
            this.deployAlias = deployAlias;
        }

        /** A finding on the release command, with its fix when there is one. */
        private Finding finding(String message, Fix fix) {
            SimpleCommand command = release.command();
            return new Finding(INFO, INFO.defaultSeverity(), file, command.start(), command.end(), message,
                    fix == null ? List.of() : List.of(fix));
        }

        private int line(Instruction instruction) {
            return file.text().positionAt(instruction.tree().startOffset(instruction.node()), PositionEncoding.UTF16)
                    .line() + 1;
        }

        // ---- assets ----

        Finding assets() {
            BuildStep late = digested ? pipeline.digestAfterRelease() : pipeline.buildAfterRelease();
            if (late != null) {
                String what = late.command().isMix() ? "mix " + late.command().word(1) : late.command().text();
                return finding("`" + what + "` runs after `mix release` in " + describe(pipeline.stage()) + " (line "
                        + line(late.instruction()) + "), too late: the release has already copied priv/static, so it "
                        + "ships without the built" + (digested ? ", digested" : "") + " assets.",
                        moveFix(late));
            }
            String where = describe(pipeline.stage());
            String stage = Character.toUpperCase(where.charAt(0)) + where.substring(1);
            if (!digested) {
                return finding(stage + " runs `mix release` with nothing before it in this stage or the stages it "
                        + "builds FROM that builds this project's front-end assets (no `mix assets.deploy`, esbuild, "
                        + "tailwind or npm build), so the release ships priv/static without them: app.css and app.js "
                        + "are missing or stale.", insertFix());
            }
            return finding(stage + " runs `mix release` with no "
                    + "`mix assets.deploy` (or `mix phx.digest`) before it in this stage or the stages it builds FROM, so "
                    + "the release ships this project's front-end assets unbuilt and undigested: app.css and app.js are "
                    + "missing or stale and priv/static/cache_manifest.json does not exist.",
                    insertFix());
        }

        private boolean releaseStartsItsRun() {
            return release.instruction().runs().get(0).start() == release.command().start();
        }

        /** What a deploy on lines of its own needs first: the assets copied in, when nothing did. */
        private List<String> assetsCopy() {
            return pipeline.copiesFromContext("assets") ? List.of() : List.of("COPY assets assets");
        }

        /**
         * Runs {@code mix assets.deploy} right before the release: on a RUN line of its own when the release starts
         * its RUN, else chained before it in the style of the line (only when the assets are already copied in).
         */
        private Fix.Edit deployEdit() {
            if (releaseStartsItsRun()) {
                List<String> lines = new ArrayList<>(assetsCopy());
                lines.add(DEPLOY);
                return DockerfileEdits.insertAbove(file, release.instruction(), lines);
            }
            if (release.instruction().shellForm() == null || !pipeline.copiesFromContext("assets")) {
                return null;
            }
            return DockerfileEdits.chainBefore(file, release.command(), "mix assets.deploy");
        }

        private Fix insertFix() {
            Fix.Edit edit = deployAlias ? deployEdit() : null;
            return edit == null ? null : new Fix("Run `mix assets.deploy` before `mix release`", false, List.of(edit));
        }

        private Fix moveFix(BuildStep late) {
            Instruction run = late.instruction();
            if (late == release || run.shellForm() == null) {
                return null; // inside one `mix do` or alias, or an exec array: rewrite by hand
            }
            String title = "Move `" + late.command().text() + "` before `mix release`";
            Fix.Edit deploy = deployEdit();
            if (run.runs().size() == 1 && !run.equals(release.instruction())) {
                if (releaseStartsItsRun()) {
                    return new Fix(title, true, DockerfileEdits.moveAbove(file, run, release.instruction(), assetsCopy()));
                }
                return deploy == null ? null
                        : new Fix(title, true, List.of(deploy, DockerfileEdits.remove(file, run)));
            }
            Fix.Edit removal = DockerfileEdits.removeCommand(file, run, late.command());
            if (deploy == null || removal == null || deploy.start() >= removal.start()) {
                return null;
            }
            return new Fix(title, true, List.of(deploy, removal));
        }

        // ---- MIX_ENV ----

        /** The finding for a release built in dev or test, or without MIX_ENV; null when prod or the build decides. */
        Finding mixEnv(boolean releasesInProd) {
            String own = release.command().assignments().get("MIX_ENV");
            DockerImage.Binding binding = own != null ? null
                    : image.binding(pipeline.stage(), release.instruction(), "MIX_ENV");
            String value = own != null ? own : binding == null ? null : binding.value();
            // An ARG, or an ENV that copies one (`ENV MIX_ENV=${MIX_ENV}`): its default is only what a build without
            // --build-arg gets (a production Compose file's `build: args:` passes prod).
            boolean buildArg = binding != null && (binding.instruction().is("ARG")
                    || binding.variable().value() != null && binding.variable().value().contains("$"));
            if (value != null && value.contains("$") || buildArg && !"prod".equals(value)) {
                return null; // set by the build (--build-arg, a shell variable): not known here
            }
            if (value == null ? releasesInProd : !DEV_ENVIRONMENTS.contains(value)) {
                return null;
            }
            BaseImage base = BaseImage.of(image, pipeline.stage());
            if (value == null && (base == null || !base.leavesMixUnset())) {
                return null; // a base image of the project's own, or unresolved, may set MIX_ENV itself
            }
            String env = "test".equals(value) ? "test" : "dev";
            String consequence = "so Mix builds a " + env + " release: config/" + env + ".exs is compiled in and "
                    + "runtime.exs's `if config_env() == :prod` block never runs.";
            if (value == null) {
                return finding("MIX_ENV is not set where " + describe(pipeline.stage()) + " runs `mix release` (no "
                        + "`ENV MIX_ENV=\"prod\"` there or in a stage it builds FROM), " + consequence, envFix());
            }
            String where = binding != null ? " (line " + line(binding.instruction()) + ")" : "";
            Fix fix = binding == null || binding.variable().valueNode() == null ? null
                    : new Fix("Set MIX_ENV to \"prod\"", true, List.of(DockerfileEdits.replace(file,
                    binding.instruction().tree().startOffset(binding.variable().valueNode()),
                    binding.instruction().tree().endOffset(binding.variable().valueNode()), "\"prod\"")));
            return finding("MIX_ENV is `" + value + "`" + where + " where " + describe(pipeline.stage())
                    + " runs `mix release`, " + consequence, fix);
        }

        /** {@code ENV MIX_ENV="prod"} after the FROM, or the WORKDIR, of the first stage of the chain that runs Mix. */
        private Fix envFix() {
            List<Stage> chain = image.chain(pipeline.stage());
            Stage target = pipeline.stage();
            for (int i = chain.size() - 1; i >= 0; i--) {
                if (runsMix(chain.get(i).instructions())) {
                    target = chain.get(i);
                    break;
                }
            }
            Instruction after = target.from();
            for (Instruction instruction : target.instructions()) {
                if (runsMix(List.of(instruction))) {
                    break;
                }
                if (instruction.is("WORKDIR")) {
                    after = instruction;
                    break;
                }
            }
            return new Fix("Set `ENV MIX_ENV=\"prod\"` in " + describe(target), true,
                    List.of(DockerfileEdits.insertAfter(file, after, "ENV MIX_ENV=\"prod\"")));
        }

        private static boolean runsMix(List<Instruction> instructions) {
            return instructions.stream().anyMatch(instruction -> instruction.is("RUN") && instruction.runsMix());
        }
    }
}
