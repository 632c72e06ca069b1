package dev.gotchals.facts;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.mix.MixExs;
import dev.gotchals.model.DistilleryConfig;
import dev.gotchals.model.config.ConfigCall;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ReleaseTool;
import dev.gotchals.model.deploy.BuildStep;
import dev.gotchals.model.deploy.BuildScripts;
import dev.gotchals.model.deploy.Buildpacks;
import dev.gotchals.model.deploy.CiWorkflows;
import dev.gotchals.model.deploy.DeployManifests;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DeploymentVariables;
import dev.gotchals.model.deploy.NixDeployment;
import dev.gotchals.model.deploy.ReleaseImage;
import dev.gotchals.model.project.PageStaticFiles;
import dev.gotchals.model.project.ProjectModel;
import dev.gotchals.model.project.StaticFileServing;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;
import dev.gotchals.workspace.FileRole;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What kind of project this is, for the rules whose gotchas exist only in some projects: does it ship as a Mix
 * release, does it use Ecto, does it have front-end assets. Built once per analysis.
 * The mix.exs and code facts come from the {@link ProjectModel}.
 *
 * <p>A value: a keystroke in a Dockerfile or a lib file rebuilds it, but the rules that asked for it run again only when
 * one of these answers changed, not whenever a file it looked at did.
 */
public final class ProjectFacts implements ValueModel {
    private static final String ASSETS_DEPLOY = "assets.deploy";
    private static final String REL_FOLDER = "the project has a rel/ folder";
    private static final String DISTILLERY = "rel/config.exs configures a Distillery release";
    /** exrm, Distillery's predecessor: its `mix release` writes sys.config from the build's config. */
    private static final String EXRM = "mix.exs depends on exrm, whose `mix release` builds the release";
    /**
     * The buildpack config of a Heroku-style platform with a {@code config/releases.exs} and no Procfile: Gigalixir's
     * default buildpack builds an Elixir release wherever that file exists (Heroku would need a Procfile to start it).
     */
    private static final String GIGALIXIR_RELEASE = "Gigalixir builds one where config/releases.exs is beside "
            + "elixir_buildpack.config";
    private static final String ELIXIR_BUILDPACK_CONFIG = "elixir_buildpack.config";
    private static final String MIX_RELEASES = "mix.exs declares `releases:`";
    /** Files under assets/ that are front-end sources a build turns into the app's JavaScript and CSS. */
    private static final Set<String> FRONT_END_EXTENSIONS = Set.of("js", "mjs", "cjs", "ts", "jsx", "tsx", "css",
            "scss", "sass", "less", "vue", "svelte", "elm");
    private static final int SOURCE_DEPTH = 4;
    /** The Mix wrappers of asset builders, whose config names a profile per build. */
    private static final Set<String> ASSET_BUILDERS = Set.of("esbuild", "tailwind", "dart_sass", "bun");
    /** Settings of those wrappers that are no profile: the binary's version and where it lives. */
    private static final Set<String> BUILDER_SETTINGS = Set.of("version", "version_check", "path", "target",
            "cacerts_path");
    /** A bundler's config file: webpack.config.js, vite.config.ts, brunch-config.js, rollup.config.mjs … */
    private static final Pattern BUNDLER_CONFIG = Pattern.compile(
            "(webpack|vite|rollup|brunch|parcel|esbuild|tailwind|postcss)[.-]config\\.[cm]?[jt]s");

    /** Where a deployment may fill placeholders in files itself ({@code envsubst < config/prod.exs}). */
    private static final List<FileRole> PLACEHOLDER_FILLERS = List.of(FileRole.DOCKERFILE,
            FileRole.BUILD_SCRIPT, FileRole.ENTRYPOINT_SCRIPT, FileRole.CI_WORKFLOW, FileRole.RELEASE_ENV_SCRIPT);

    private final String releaseEvidence;
    private final boolean dependsOnExrm;
    private final boolean usesEcto;
    private final boolean hasAssets;
    private final boolean replacesPlaceholders;
    private final boolean releasesExsMarksRelease;

    private ProjectFacts(String releaseEvidence, boolean dependsOnExrm, boolean usesEcto, boolean hasAssets,
            boolean replacesPlaceholders, boolean releasesExsMarksRelease) {
        this.releaseEvidence = releaseEvidence;
        this.dependsOnExrm = dependsOnExrm;
        this.usesEcto = usesEcto;
        this.hasAssets = hasAssets;
        this.replacesPlaceholders = replacesPlaceholders;
        this.releasesExsMarksRelease = releasesExsMarksRelease;
    }

    public static ProjectFacts of(ProjectContext project) {
        return project.model(ProjectFacts.class, ProjectFacts::read);
    }

    private static ProjectFacts read(ProjectContext project) {
        ProjectModel model = ProjectModel.of(project);
        ConfigTimeline prod = ConfigTimeline.prod(project);
        Path root = project.project().root();
        boolean builderProfile = prod.calls().stream().anyMatch(ProjectFacts::setsBuilderProfile);
        boolean assets = (holdsFrontEndSources(root.resolve("assets"))
                        && (builderProfile || hasFrontEndBuild(root) && !imageOfItsOwn(root.resolve("assets")))
                || deployAliasBuilds(model) && (builderProfile || hasAssetsFolder(model) || hasFrontEndBuild(root))
                || builderProfile)
                // a generator's leftover assets/ that no page links: the pages load only files committed as they are
                && !PageStaticFiles.of(project).loadNothingBuilt()
                // an API that serves no static file: its assets/ is a front end deployed apart
                && !StaticFileServing.of(project).servesNone();
        // Answered now, not on first use: a value model reads nothing once built.
        String releaseEvidence = releaseEvidence(project, model);
        return new ProjectFacts(releaseEvidence, model.dependsOn("exrm"), model.repos().usesDatabase(),
                assets, replacesPlaceholders(project, model, releaseEvidence != null),
                releasesExsMarksRelease(project, releaseEvidence));
    }

    /**
     * Whether Gigalixir builds the release because config/releases.exs exists: its default buildpack builds an Elixir
     * release where that file is (and no rel/config.exs asks for Distillery), and runs the app with Mix otherwise.
     */
    private static boolean releasesExsMarksRelease(ProjectContext project, String releaseEvidence) {
        if (!project.hasConfigFile("releases.exs") || DistilleryConfig.of(project) != null) {
            return false;
        }
        // Only where nothing else of the repository builds it: an image or a script that runs `mix release` does.
        Buildpacks buildpacks = DeployManifests.of(project).buildpacks();
        return GIGALIXIR_RELEASE.equals(releaseEvidence) || MIX_RELEASES.equals(releaseEvidence)
                && (buildpacks == null || buildpacks.mode() == null)
                && DeploymentVariables.of(project).deploysOnGigalixirOnly();
    }

    /**
     * Whether something fills {@code "${VAR}"} in at boot: a Distillery or exrm release, where the project ships one (a
     * rel/config.exs beside a deployment that starts the app with Mix replaces nothing), or a deployment's
     * {@code envsubst}.
     */
    private static boolean replacesPlaceholders(ProjectContext project, ProjectModel model, boolean shipsRelease) {
        if (shipsRelease && (ReleaseTool.of(project) == ReleaseTool.DISTILLERY || model.dependsOn("exrm"))) {
            return true;
        }
        for (FileRole role : PLACEHOLDER_FILLERS) {
            for (DocumentSnapshot file : project.files(role)) {
                if (file.text().contains("envsubst")) { // found again only around an edit of a long Dockerfile
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a config call gives esbuild, tailwind, dart_sass or bun a profile to build ({@code config :esbuild,
     * default: [args: …]}): one that only pins the binary's version ({@code config :tailwind, :version, "4.0.9"})
     * builds nothing.
     */
    private static boolean setsBuilderProfile(ConfigCall call) {
        if (!ASSET_BUILDERS.contains(call.app())) {
            return false;
        }
        if (call.subject() != null) {
            return !BUILDER_SETTINGS.contains(call.subject());
        }
        return call.pairs().stream()
                .anyMatch(pair -> !BUILDER_SETTINGS.contains(ElixirSyntax.keywordName(call.tree(), pair)));
    }

    /**
     * Whether the project has a front-end build of its own beside its sources: a package.json (in assets/ or at the
     * root), or a bundler's config in assets/. Without one, nor a builder profile, stylesheets in assets/ are built by
     * nothing, in development either: no page the app serves relies on them.
     */
    private static boolean hasFrontEndBuild(Path root) {
        if (Files.isRegularFile(root.resolve("package.json"))
                || Files.isRegularFile(root.resolve("assets/package.json"))) {
            return true;
        }
        if (!Files.isDirectory(root.resolve("assets"))) {
            return false;
        }
        try (Stream<Path> files = Files.list(root.resolve("assets"))) {
            return files.map(path -> path.getFileName().toString())
                    .anyMatch(name -> BUNDLER_CONFIG.matcher(name).matches());
        } catch (IOException | UncheckedIOException e) {
            return true; // unreadable: assume a build, as before the folder was looked into
        }
    }

    /**
     * Whether an assets folder holds something a front-end build reads: a package.json, or JavaScript, TypeScript or
     * style sheets of the project's own. A folder of images only (copied into priv/static by hand and committed there)
     * needs no build, nor does one that only keeps copied libraries ({@code assets/vendor/topbar.js}, left by the
     * generator in an app whose hand-written assets are committed in priv/static): an entry point bundles those.
     */
    private static boolean holdsFrontEndSources(Path assets) {
        if (!Files.isDirectory(assets)) {
            return false;
        }
        try (Stream<Path> files = Files.find(assets, SOURCE_DEPTH, (path, attributes) -> attributes.isRegularFile()
                && !path.toString().contains("/node_modules/") && !path.toString().contains("/vendor/")
                && isFrontEndSource(path.getFileName().toString()))) {
            return files.findAny().isPresent();
        } catch (IOException | UncheckedIOException e) {
            return true; // unreadable: assume a front end, as before the folder was looked into
        }
    }

    /**
     * Whether the front-end folder is built into an image of its own ({@code assets/Dockerfile}, an SPA that nginx
     * serves beside the API): its sources are no assets of the release.
     */
    private static boolean imageOfItsOwn(Path assets) {
        return Files.isRegularFile(assets.resolve("Dockerfile"))
                || Files.isRegularFile(assets.resolve("Containerfile"));
    }

    /**
     * Whether a Mix project of the repository has an assets/ folder beside its mix.exs: without one, nor a builder
     * profile, an {@code assets.deploy} alias has nothing to build (a generator's alias left in an API's mix.exs,
     * whose {@code esbuild default} would stop for want of a profile).
     */
    private static boolean hasAssetsFolder(ProjectModel model) {
        return model.mixfiles().stream().anyMatch(mix -> mix.file() != null
                && Files.isDirectory(mix.file().path().resolveSibling("assets")));
    }

    /**
     * Whether an {@code assets.deploy} alias builds something: one that only digests ({@code ["phx.digest"]}, an API
     * fingerprinting its favicon) says nothing of front-end assets.
     */
    private static boolean deployAliasBuilds(ProjectModel model) {
        return model.mixfiles().stream().map(MixExs::aliases).anyMatch(aliases -> aliases.has(ASSETS_DEPLOY)
                && BuildStep.producing(aliases.expand(ASSETS_DEPLOY).tasks()));
    }

    private static boolean isFrontEndSource(String name) {
        int dot = name.lastIndexOf('.');
        return name.equals("package.json") || dot > 0 && FRONT_END_EXTENSIONS.contains(name.substring(dot + 1));
    }

    /** The first sign that the project ships as a Mix release, for messages; null when there is none. */
    private static String releaseEvidence(ProjectContext project, ProjectModel model) {
        String dockerfile = ReleaseImage.of(project).dockerfile();
        if (dockerfile != null) {
            return dockerfile + " runs `mix release`";
        }
        DocumentSnapshot workflow = CiWorkflows.of(project).releaseWorkflow();
        if (workflow != null) {
            return project.project().relativize(workflow.path()) + " runs `mix release`";
        }
        BuildScripts scripts = BuildScripts.of(project);
        if (scripts.releaseScript() != null) {
            return project.project().relativize(scripts.releaseScript().path()) + " runs `mix " + scripts.releaseTask()
                    + "`";
        }
        DocumentSnapshot nix = NixDeployment.of(project).releaseFile();
        if (nix != null) {
            return project.project().relativize(nix.path()) + " builds it with Nix's `mixRelease`";
        }
        Buildpacks buildpacks = DeployManifests.of(project).buildpacks();
        Buildpacks.Mode mode = buildpacks == null ? null : buildpacks.mode();
        // On Gigalixir a rel/config.exs makes the build a Distillery release, and the Procfile's Mix start goes unused;
        // an image that runs Distillery's own task builds that release beside whatever else starts Mix.
        boolean distilleryBuilt = DistilleryConfig.of(project) != null
                && (DeploymentVariables.of(project).deploysOnGigalixirOnly() || DeployModel.of(project).releaseImages()
                        .stream().anyMatch(image -> image.buildsRelease() && image.buildsWithDistilleryTask()));
        if (mode == Buildpacks.Mode.MIX || mode == null && DeployModel.of(project).startsWithMix() && !distilleryBuilt) {
            return null; // the app runs with Mix: releases declared, a Distillery config or rel/ beside it build nothing
        }
        if (mode == null && DistilleryConfig.of(project) == null && !project.hasConfigFile("releases.exs")
                && DeploymentVariables.of(project).deploysOnGigalixirOnly()) {
            return null; // Gigalixir builds a release only for rel/config.exs or config/releases.exs: it runs Mix
        }
        if (model.mixfiles().stream().anyMatch(MixExs::declaresReleases)) {
            return MIX_RELEASES;
        }
        DocumentSnapshot distillery = DistilleryConfig.of(project);
        if (distillery != null && !DistilleryConfig.releaseNames(distillery).isEmpty()) {
            return DISTILLERY;
        }
        if (model.dependsOn("exrm")) {
            return EXRM;
        }
        if (mode == Buildpacks.Mode.RELEASE) {
            return ".buildpacks runs " + buildpacks.releaseBuildpack();
        }
        if (mode == null && DeployManifests.of(project).procfile() == null && project.hasConfigFile("releases.exs")
                && project.file(project.project().root().resolve(ELIXIR_BUILDPACK_CONFIG)) != null) {
            return GIGALIXIR_RELEASE;
        }
        if (!project.files(FileRole.RELEASE_CONFIG).isEmpty() || !project.files(FileRole.RELEASE_SCRIPT).isEmpty()) {
            return REL_FOLDER;
        }
        return null;
    }

    /**
     * Whether the project ships as a Mix release (a production image runs `mix release`, mix.exs declares releases,
     * a CI workflow or a build script of the project runs `mix release`, {@code .buildpacks} runs a release
     * buildpack, rel/), and not only keeps a rel/ folder beside a {@code .buildpacks} that runs the app with Mix.
     */
    public boolean buildsRelease() {
        return releaseEvidence != null;
    }

    /**
     * Whether something builds the release (a production image, mix.exs {@code releases:}, a CI workflow, a build
     * script), not only a rel/ folder, which Mix-deployed projects keep too.
     */
    public boolean releaseIsBuilt() {
        return releaseEvidence != null && !releaseEvidence.equals(REL_FOLDER) && !releaseEvidence.equals(DISTILLERY)
                && !releaseEvidence.equals(EXRM);
    }

    /**
     * Whether the release is exrm's, which reads config only when it is built: nothing is evaluated at boot but the
     * {@code "${VAR}"} placeholders that {@code RELX_REPLACE_OS_VARS=true} replaces in sys.config.
     */
    public boolean exrmRelease() {
        // exrm's `mix release` task stands in for any other of the same name, Elixir's own included.
        return releaseEvidence != null && dependsOnExrm;
    }

    /**
     * Whether something replaces {@code "${VAR}"} placeholders in the config with the environment's values: a
     * Distillery release ({@code REPLACE_OS_VARS}; not where Elixir's own {@code mix release} shadows an older
     * Distillery's), an exrm one ({@code RELX_REPLACE_OS_VARS}), or a deployment file
     * that runs {@code envsubst}. Elixir's own releases and Mix do not: for them the placeholder is the value.
     */
    public boolean replacesBootPlaceholders() {
        return replacesPlaceholders;
    }

    /**
     * Whether the release is built because config/releases.exs exists (Gigalixir's sign to build one): the file must
     * stay, even where the release reads runtime.exs instead.
     */
    public boolean releasesExsMarksRelease() {
        return releasesExsMarksRelease;
    }

    /** Why the project counts as a release, for messages ("Dockerfile runs `mix release`"), or null. */
    public String releaseEvidence() {
        return releaseEvidence;
    }

    /**
     * Whether the project talks to a database through Ecto: a repo and a database adapter dependency (see
     * {@link dev.gotchals.model.project.EctoRepos#usesDatabase()}).
     */
    public boolean usesEcto() {
        return usesEcto;
    }

    /**
     * Whether the project has front-end assets to build: assets/ with JavaScript, styles or a package.json that a
     * build of the project reads (a builder profile, a package.json, a bundler's config), an assets.deploy alias that
     * builds, or an esbuild/tailwind profile.
     */
    public boolean hasAssets() {
        return hasAssets;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProjectFacts facts && Objects.equals(releaseEvidence, facts.releaseEvidence)
                && dependsOnExrm == facts.dependsOnExrm && usesEcto == facts.usesEcto && hasAssets == facts.hasAssets
                && replacesPlaceholders == facts.replacesPlaceholders
                && releasesExsMarksRelease == facts.releasesExsMarksRelease;
    }

    @Override
    public int hashCode() {
        return Objects.hash(releaseEvidence, dependsOnExrm, usesEcto, hasAssets, replacesPlaceholders,
                releasesExsMarksRelease);
    }
}
