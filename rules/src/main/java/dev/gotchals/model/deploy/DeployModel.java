package dev.gotchals.model.deploy;

import dev.gotchals.docker.Dockerfile;
import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.elixir.ElixirVersion;
import dev.gotchals.mix.MixExs;
import dev.gotchals.mix.Release;
import dev.gotchals.model.DistilleryConfig;
import dev.gotchals.model.MixFiles;
import dev.gotchals.model.MixLock;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.shell.CommandWrappers;
import dev.gotchals.shell.ShellScript;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.shell.Word;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.workspace.FileRole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the project reaches production, computed once per analysis: its Dockerfiles as images, how each starts
 * (through wrappers and the project's scripts), fly.toml, the Procfile, heroku.yml, {@code .buildpacks}, the release
 * scripts and {@code rel/env.sh.eex}, and the deploy paths they make up.
 */
public final class DeployModel {
    /** A Dockerfile's word for the prod environment ({@code --only prod}, {@code MIX_ENV=prod}, {@code production}). */
    private static final Pattern MENTIONS_PROD = Pattern.compile("(?i)\\bprod");
    private static final Set<String> ALL_ARGUMENTS = Set.of("$@", "${@}", "$*", "${*}");
    /** A container's command that runs Mix rather than the image's own start. */
    private static final Set<String> MIX_COMMANDS = Set.of("mix", "iex");
    private static final int MAX_SCRIPT_DEPTH = 4;
    /** Folders of build output and fetched dependencies, never the project's own scripts. */
    private static final Pattern BUILD_OUTPUT = Pattern.compile("(^|/)(_build|deps|node_modules)/");
    /** A Compose service's {@code command:} that starts the app with Mix. */
    private static final Pattern COMPOSE_MIX_START = Pattern.compile(
            "(?m)^\\s*command:.*\\bmix\\s+(phx\\.server|run)\\b");
    /** A systemd unit's start that runs the app with Mix: {@code ExecStart=/usr/bin/mix phx.server}. */
    private static final Pattern UNIT_MIX_START = Pattern.compile(
            "(?m)^\\s*ExecStart\\s*=.*\\bmix\\s+(phx\\.server|phoenix\\.server|run)\\b");

    private final ProjectContext project;
    private final List<DockerImage> images = new ArrayList<>();
    private final List<ScriptFile> entrypointScripts = new ArrayList<>();
    private final List<ScriptFile> releaseScripts = new ArrayList<>();
    private final ScriptFile envScript;
    /** fly.toml, the Procfile, heroku.yml and .buildpacks, read apart from the Dockerfiles. */
    private final DeployManifests manifests;
    private final Map<DockerImage, Launch> launches = new IdentityHashMap<>();
    /** The project's release names, read on first use: only a launch of an image without a release asks. */
    private Set<String> releaseNames;
    private Boolean showsDeployment;

    private DeployModel(ProjectContext project) {
        this.project = project;
        Path root = project.project().root();
        MixFiles mix = MixFiles.of(project);
        boolean releaseTool = mix.bringsReleaseTool(MixLock.of(project));
        BuildTargets targets = BuildTargets.of(project);
        for (DocumentSnapshot file : project.files(FileRole.DOCKERFILE)) {
            images.add(new DockerImage(Dockerfile.read(file), root, releaseTool, this::contextScript,
                    targets.targetOf(file.path())));
        }
        readScripts(project.files(FileRole.ENTRYPOINT_SCRIPT), entrypointScripts);
        readScripts(project.files(FileRole.RELEASE_SCRIPT), releaseScripts);
        envScript = ScriptFile.read(project.file(root.resolve("rel/env.sh.eex")));
        manifests = DeployManifests.of(project);
    }

    /** The scripts that can be read; one that cannot is left out, like a script outside the repository. */
    private static void readScripts(List<DocumentSnapshot> files, List<ScriptFile> into) {
        for (DocumentSnapshot file : files) {
            ScriptFile script = ScriptFile.read(file);
            if (script != null) {
                into.add(script);
            }
        }
    }

    public static DeployModel of(ProjectContext project) {
        return project.model(DeployModel.class, DeployModel::new);
    }

    /** Every Dockerfile of the project, production or not. */
    public List<DockerImage> images() {
        return images;
    }

    /** The Dockerfiles that may run production (not dev, test, local or CI variants). */
    public List<DockerImage> productionImages() {
        return images.stream().filter(DockerImage::production).toList();
    }

    /**
     * The production images of a release built in Docker: those that run {@code mix release}, then those named for
     * production ({@code Dockerfile.prod}) that start without building it; empty when no production image builds it.
     */
    public List<DockerImage> releaseImages() {
        List<DockerImage> building = productionImages().stream().filter(DockerImage::buildsRelease).toList();
        if (building.isEmpty()) {
            return building;
        }
        List<DockerImage> all = new ArrayList<>(building);
        productionImages().stream().filter(image -> !image.buildsRelease() && image.namedForProduction()).forEach(all::add);
        return all;
    }

    /**
     * Whether the image builds its release with another MIX_ENV than prod ({@code ENV MIX_ENV=container}): config.exs
     * imports {@code config/container.exs} there, not prod.exs, so prod config is not what that release is built
     * from, unless the environment's file imports prod.exs itself. Not where the build must pass MIX_ENV
     * ({@code ARG MIX_ENV} without a default): the production build passes its own.
     */
    public boolean buildsForAnotherEnvironment(DockerImage image) {
        String environment = image.mixEnv();
        if (environment == null || environment.equals("prod") || !environment.matches("[a-z][a-z0-9_]*")
                || image.mixEnvPassedByBuild()) {
            return false;
        }
        Path file = project.project().root().resolve("config").resolve(environment + ".exs");
        DocumentSnapshot config = project.file(file);
        return config == null || !config.text().text().contains("\"prod.exs\"");
    }

    /** {@code rel/overlays/bin/*}: scripts that run inside the release. */
    public List<ScriptFile> releaseScripts() {
        return releaseScripts;
    }

    /**
     * The program the image starts that the release it holds does not have, or null. Either a script in the release's
     * {@code bin/} that is no release's own name, where the project has no {@code rel/overlays/bin/} file of that name
     * (the one {@code mix phx.gen.release} writes); or anything in {@code bin/} of the folder the image copies the
     * build's whole {@code rel/} into, where the release is one folder deeper. The launch is followed through the
     * project's scripts, up to the first command whose effect cannot be told (a branch, a {@code cd}, a variable).
     * Null wherever something else may provide the program: a copy or a RUN of the final image's stages, Distillery
     * (whose releases have other scripts), mix.exs naming its own {@code overlays:}, or an image build that runs
     * {@code mix phx.gen.release}.
     */
    public MissingStart missingReleaseScript(DockerImage image) {
        Launch launch = launch(image);
        String root = image.releaseRoot();
        String parent = root == null ? image.releaseFolderParent() : null;
        Stage last = image.finalStage();
        Set<String> names = releaseNames();
        if (launch == null || root == null && parent == null || last == null || names == null
                || releaseScriptsDefinedElsewhere()) {
            return null;
        }
        String bin = DockerImage.trimSlash(root != null ? root : parent) + "/bin/";
        for (LaunchCommand command : launch.commands()) {
            ScriptFile script = command.script();
            String word = command.command().word(0);
            if (command.assumed() || word.isEmpty() || word.contains("$") || word.equals("cd")
                    || script != null && (isReleaseScript(script) || !word.startsWith("/")
                            || !script.script().alwaysRuns(command.command().start()))) {
                return null; // what runs from here on cannot be told
            }
            String path = DockerImage.inside(image.workdir(last), word);
            if (!path.startsWith(bin)) {
                continue;
            }
            String name = path.substring(bin.length());
            if (name.isEmpty() || name.contains("/")
                    || root != null && (hasOverlayScript(name) || copiesOverlayScript(image, name))) {
                return null;
            }
            if (root != null && names.contains(name)) {
                if (Launch.startsNode(command.command().word(1))) {
                    return null; // the release itself starts
                }
                continue; // `bin/shop eval …` before the start
            }
            return missing(image, command, path, name, parent == null ? null
                    : names.size() == 1 ? DockerImage.trimSlash(parent) + "/" + names.iterator().next() : parent + "/…");
        }
        return null;
    }

    /**
     * The program a Render service's start command runs from the release's {@code bin/} that the release does not
     * have ({@code _build/prod/rel/shop/bin/server} without rel/overlays/bin/server), or null: as for an image, up to
     * the release's own start, and null wherever the release may have it (Distillery, mix.exs's own
     * {@code overlays:}, a build that runs {@code mix phx.gen.release}).
     */
    public String missingRenderStart(RenderBlueprint.Service service) {
        Set<String> names = releaseNames();
        if (names == null || releaseScriptsDefinedElsewhere() || buildGeneratesReleaseFiles(null)
                || service.buildCommand() != null && service.buildCommand().contains(BuildScripts.PHX_GEN_RELEASE)) {
            return null;
        }
        for (SimpleCommand command : service.startCommands()) {
            String word = command.word(0);
            String path = word.startsWith("./") ? word.substring(2) : word;
            Matcher inRelease = RELEASE_BIN.matcher(path);
            if (word.contains("$") || command.program().equals("cd")) {
                return null;
            }
            if (!inRelease.matches() || !names.contains(inRelease.group(1))) {
                continue;
            }
            String name = inRelease.group(2);
            if (names.contains(name)) {
                if (Launch.startsNode(command.word(1))) {
                    return null;
                }
                continue;
            }
            return hasOverlayScript(name) ? null : word;
        }
        return null;
    }

    /**
     * Whether the release's scripts come from somewhere other than rel/overlays: Distillery, whose releases have scripts
     * of their own, or mix.exs naming its own {@code overlays:}.
     */
    private boolean releaseScriptsDefinedElsewhere() {
        return DistilleryConfig.of(project) != null
                || MixFiles.of(project).all().stream().anyMatch(mix -> mix.file().text().text().contains("overlays"));
    }

    /** Whether the project has {@code rel/overlays/bin/<name>}, which {@code mix release} puts in the release's bin/. */
    private boolean hasOverlayScript(String name) {
        return project.file(project.project().root().resolve("rel/overlays/bin").resolve(name)) != null;
    }

    /**
     * Whether the image's build copies a folder of the repository other than its rel/ onto the build's rel/ (or into
     * it) that holds {@code overlays/bin/<name>} ({@code COPY deploy/rel rel}), or may: a source written with a
     * variable or a wildcard.
     */
    private boolean copiesOverlayScript(DockerImage image, String name) {
        String wanted = "/overlays/bin/" + name;
        // Most copies of a long Dockerfile name no rel/ folder, nor does the WORKDIR they are taken from.
        boolean workdirNamesRel = image.dockerfile().stages().stream().flatMap(stage -> stage.all("WORKDIR").stream())
                .anyMatch(workdir -> workdir.text().contains("rel"));
        for (Stage stage : image.dockerfile().stages()) {
            for (int i = 0; i < stage.instructions().size(); i++) {
                Instruction instruction = stage.instructions().get(i);
                if (!instruction.is("COPY") && !instruction.is("ADD")) {
                    continue;
                }
                Copy copy = image.copy(instruction);
                if (copy.fromStage() != null || !copy.destination().contains("rel")
                        && (copy.destination().startsWith("/") || !workdirNamesRel)) {
                    continue;
                }
                Matcher into = INTO_REL.matcher(DockerImage.trimSlash(
                        DockerImage.inside(image.workdirs(stage).get(i), copy.destination())));
                if (!into.find()) {
                    continue;
                }
                String below = into.group(1) == null ? "" : into.group(1);
                if (!wanted.equals(below) && !wanted.startsWith(below + "/")) {
                    continue;
                }
                for (String source : copy.sources().stream().map(DockerImage::trimSlash).toList()) {
                    String path = source.startsWith("./") ? source.substring(2) : source;
                    if (path.equals("rel") || path.startsWith("rel/")) {
                        continue; // the repository's own rel/: its overlays were looked for
                    }
                    String file = wanted.equals(below) ? path : path + wanted.substring(below.length());
                    if (path.contains("$") || path.contains("*")
                            || project.file(project.project().root().resolve(file)) != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A destination in a rel/ folder: what follows it ({@code /overlays}) in group 1. */
    private static final Pattern INTO_REL = Pattern.compile("(?:^|/)rel(/.*)?$");

    /** A program in a release's {@code bin/} under the build folder: {@code _build/prod/rel/<release>/bin/<name>}. */
    private static final Pattern RELEASE_BIN = Pattern.compile("(?:.*/)?_build/[^/]+/rel/([^/]+)/bin/([^/]+)");

    /** The start of {@code path} as missing, unless the image or its build may put something there. */
    private MissingStart missing(DockerImage image, LaunchCommand start, String path, String name, String folder) {
        Stage last = image.finalStage();
        String binDir = path.substring(0, path.length() - name.length() - 1);
        Instruction modeChange = null;
        for (Stage stage : image.chain(last)) {
            for (int i = 0; i < stage.instructions().size(); i++) {
                Instruction instruction = stage.instructions().get(i);
                if ((instruction.is("COPY") || instruction.is("ADD")) && !isReleaseCopy(image, instruction)
                        && mayCopyInto(image.workdirs(stage).get(i), image.copy(instruction), binDir)) {
                    return null; // it may put the script there
                }
                if (instruction.is("RUN") && instruction.text().contains("bin/" + name)) {
                    if (!onlyInspects(instruction, "bin/" + name)) {
                        return null;
                    }
                    modeChange = modeChange != null ? modeChange : instruction;
                }
            }
        }
        if (folder == null && !releaseFilesFromCheckout(image)) {
            return null;
        }
        return new MissingStart(start, start.command().word(0), folder, modeChange);
    }

    /**
     * Whether a copy may land a file in {@code binDir}: it copies into that folder, or into one that holds it with a
     * source that may be a folder (a file such as {@code entrypoint.sh} copied to {@code /app} lands beside bin/).
     */
    private static boolean mayCopyInto(String workdir, Copy copy, String binDir) {
        String destination = DockerImage.trimSlash(DockerImage.inside(workdir, copy.destination()));
        if (destination.equals(binDir) || destination.startsWith(binDir + "/")) {
            return true;
        }
        boolean holds = destination.equals("/") || binDir.startsWith(destination + "/");
        return holds && copy.sources().stream().map(DockerImage::trimSlash).anyMatch(source -> {
            String last = source.substring(source.lastIndexOf('/') + 1);
            return !last.contains(".") || last.equals(".") || last.equals("..") || last.contains("*");
        });
    }

    /**
     * Whether every mention of {@code file} in the RUN is a word of a command that only changes or checks it
     * ({@code chmod +x /app/bin/server}); one anywhere else ({@code printf … > /app/bin/server}, {@code cp}) may
     * write it.
     */
    private static boolean onlyInspects(Instruction run, String file) {
        int start = run.tree().startOffset(run.node());
        String text = run.tree().text(run.node());
        List<int[]> inspections = run.runs().stream().filter(command -> INSPECTIONS.contains(command.program()))
                .map(command -> new int[] {command.start(), command.end()}).toList();
        for (int at = text.indexOf(file); at >= 0; at = text.indexOf(file, at + 1)) {
            int offset = start + at;
            if (inspections.stream().noneMatch(span -> offset >= span[0] && offset < span[1])) {
                return false;
            }
        }
        return true;
    }

    private static final Set<String> INSPECTIONS = Set.of("chmod", "chown", "chgrp", "ls", "stat", "test", "[", "file");

    /**
     * Whether the release's own files come from the repository as it is: it holds a rel/ (or no COPY of a rel/ the
     * repository lacks says the checkout the image builds from has one), and the build does not write rel/overlays.
     */
    private boolean releaseFilesFromCheckout(DockerImage image) {
        boolean relHeld = !project.files(FileRole.RELEASE_SCRIPT).isEmpty()
                || !project.files(FileRole.RELEASE_CONFIG).isEmpty()
                || REL_FILES.stream().anyMatch(file -> project.file(project.project().root().resolve(file)) != null);
        for (Stage stage : image.dockerfile().stages()) {
            for (Instruction instruction : stage.instructions()) {
                if (relHeld || !instruction.is("COPY") && !instruction.is("ADD")) {
                    continue;
                }
                Copy copy = image.copy(instruction);
                if (copy.fromStage() == null && copy.sources().stream().map(DockerImage::trimSlash)
                        .anyMatch(source -> source.equals("rel") || source.equals("./rel"))) {
                    return false; // it copies a rel/ the repository does not hold: the checkout it builds from has one
                }
            }
        }
        // Asked last, as it finds the image's asset pipelines: the build may write rel/overlays itself.
        return !buildGeneratesReleaseFiles(image);
    }

    /**
     * Whether the release's build runs {@code mix phx.gen.release} first, which writes {@code rel/overlays/bin/server},
     * {@code bin/migrate} and the app's Release module: a build script, or a step before the image's release (a
     * project's Mix alias expanded), or any RUN of the image that names the task. {@code image} may be null.
     */
    public boolean buildGeneratesReleaseFiles(DockerImage image) {
        if (BuildScripts.of(project).generatesReleaseFiles()) {
            return true;
        }
        if (image == null) {
            return false;
        }
        String generate = BuildScripts.PHX_GEN_RELEASE;
        for (AssetPipeline pipeline : AssetPipeline.of(image, MixFiles.of(project).all())) {
            if (pipeline.release().tasksBeforeRelease().contains(generate)
                    || pipeline.beforeRelease().stream().anyMatch(step -> step.tasks().contains(generate))) {
                return true;
            }
        }
        for (Stage stage : image.dockerfile().stages()) {
            for (Instruction run : stage.all("RUN")) {
                if (run.text().contains(generate)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Files `mix phx.gen.release` and `mix release.init` write into rel/, beside the overlays. */
    private static final List<String> REL_FILES = List.of("rel/env.sh.eex", "rel/vm.args.eex", "rel/remote.vm.args.eex");

    /** Whether a COPY brings the built release from another stage ({@code COPY --from=build …/rel/shop ./}). */
    private static boolean isReleaseCopy(DockerImage image, Instruction instruction) {
        Copy copy = image.copy(instruction);
        return image.copiesRelFolder(instruction)
                || copy.fromStage() != null && copy.sources().stream().anyMatch(source -> source.contains("/rel/"));
    }

    /** {@code rel/env.sh.eex}, which the release sources before it starts, or null. */
    public ScriptFile envScript() {
        return envScript;
    }

    /** fly.toml, the Procfile, heroku.yml and .buildpacks. */
    public DeployManifests manifests() {
        return manifests;
    }

    /**
     * Whether the image runs only where the platform starts it as an unprivileged user, whatever its {@code USER}
     * says: Heroku's container runtime builds it (heroku.yml) or is given it (the project's scripts, CI workflows or
     * README push to {@code registry.heroku.com} or run {@code heroku container:push}), and the repository shows no
     * other place that runs images (fly.toml, Kubernetes or Helm manifests, a CI workflow that pushes images to
     * another registry).
     */
    public boolean runsOnlyUnprivileged(DockerImage image) {
        HerokuManifest heroku = manifests.heroku();
        boolean herokuBuilds = heroku != null && heroku.builds(image.file().path());
        List<DocumentSnapshot> workflows = project.files(FileRole.CI_WORKFLOW);
        boolean workflowsPushToHeroku = workflows.stream().anyMatch(DeployModel::pushesToHeroku);
        boolean pushedToHeroku = workflowsPushToHeroku
                || project.files(FileRole.BUILD_SCRIPT).stream().anyMatch(DeployModel::pushesToHeroku)
                || pushesToHeroku(project.file(project.project().root().resolve("README.md")));
        return (herokuBuilds || pushedToHeroku) && manifests.fly() == null
                && project.files(FileRole.INFRA_MANIFEST).isEmpty()
                && (!CiWorkflows.of(project).pushesImages() || workflowsPushToHeroku);
    }

    /** Whether the file hands an image to Heroku's container registry. */
    private static boolean pushesToHeroku(DocumentSnapshot file) {
        return file != null && HEROKU_CONTAINER_PUSH.matcher(file.text().text()).find();
    }

    /** {@code registry.heroku.com/app/web}, {@code heroku container:push web}, {@code heroku container:release}. */
    private static final Pattern HEROKU_CONTAINER_PUSH = Pattern.compile(
            "registry\\.heroku\\.com/|\\bheroku\\s+container:(push|release)\\b");

    /**
     * Whether the repository shows how the app is deployed: a production Dockerfile (not one named or kept for
     * development, nor one that serves with Mix in dev, {@link #servesDevelopmentWithMix}), fly.toml, a Procfile, Heroku's
     * {@code app.json} or buildpack settings, Kubernetes or Helm manifests, a CI workflow that builds the release, a
     * build script of the project that ships it ({@link BuildScripts#shipsRelease}), a systemd unit that runs it on a
     * host, a Nix build of it that a NixOS service runs or a pushed image carries ({@link NixDeployment}), edeliver's {@code .deliver/config}, or a Distillery release that loads
     * config written for its servers when it boots (a config provider).
     * A {@code rel/} folder or mix.exs {@code releases:} alone say that a release is made, not where it runs (a demo
     * started on the developer's machine).
     */
    public synchronized boolean showsDeployment() {
        if (showsDeployment == null) {
            showsDeployment = readShowsDeployment();
        }
        return showsDeployment;
    }

    /** {@link #showsDeployment()}, worked out once per analysis: rules ask it for every literal they weigh. */
    private boolean readShowsDeployment() {
        DocumentSnapshot distillery = DistilleryConfig.of(project);
        return images.stream().anyMatch(image -> image.production() && !servesDevelopmentWithMix(image))
                || manifests.fly() != null
                || manifests.procfile() != null
                || !manifests.kamal().isEmpty()
                || !project.files(FileRole.INFRA_MANIFEST).stream().allMatch(ManifestKinds::runsNothing)
                || !project.files(FileRole.DEPLOY_MANIFEST).isEmpty() || !project.files(FileRole.BUILDPACK_CONFIG).isEmpty()
                || CiWorkflows.of(project).releaseWorkflow() != null || BuildScripts.of(project).shipsRelease()
                || !project.files(FileRole.SYSTEMD_UNIT).isEmpty() || NixDeployment.of(project).showsDeployment(project)
                || Edeliver.of(project) != null || Mina.of(project) != null || distillery != null && DistilleryConfig.loadsConfigAtBoot(distillery);
    }

    /**
     * Whether a production image is a migration job: its start migrates with Mix ({@code CMD ["mix", "ecto.setup"]},
     * {@code mix ecto.migrate}), and it neither builds nor holds a release. The deployment then migrates from that
     * image, with Mix.
     */
    public boolean migratesFromAMixImage() {
        for (DockerImage image : productionImages()) {
            Launch launch = image.buildsRelease() || image.copiesRelease() ? null : launch(image);
            if (launch != null && launch.releaseStart() == null && launch.commands().stream().anyMatch(command ->
                    !command.assumed() && (command.command().runsMixTask("ecto.migrate")
                            || command.command().runsMixTask("ecto.setup")))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the repository shows the app started with Mix ({@code mix phx.server}, {@code mix run}): the
     * Procfile's {@code web:} process, a Nanobox web component's {@code start:}, a native Render service's
     * {@code startCommand}, the start of a production image,
     * the {@code command:} of a Compose service, or a systemd unit's {@code ExecStart}.
     * Where nothing builds a release, such a start is the deployment, and rel/ beside it is not used.
     */
    public boolean startsWithMix() {
        if (platformStartsWithMix() || productionImages().stream().anyMatch(this::imageStartsWithMix)) {
            return true;
        }
        for (DocumentSnapshot unit : project.files(FileRole.SYSTEMD_UNIT)) {
            if (UNIT_MIX_START.matcher(unit.text().text()).find()) {
                return true;
            }
        }
        for (DocumentSnapshot file : project.files(FileRole.DEPLOY_ENVIRONMENT)) {
            if (ComposeServices.isComposeFile(file.path()) && COMPOSE_MIX_START.matcher(file.text().text()).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a start the repository shows for production runs the app with Mix: the Procfile's {@code web:} process,
     * a Nanobox web component, or a production image's start, unless that image serves dev
     * ({@link #servesDevelopmentWithMix}); not a Compose service's command. Such a start evaluates prod config as
     * written, {@code "${VAR}"} placeholders included.
     */
    public boolean startsProductionWithMix() {
        return platformStartsWithMix() || productionImages().stream()
                .anyMatch(image -> imageStartsWithMix(image) && !servesDevelopmentWithMix(image));
    }

    /**
     * Whether the Procfile's {@code web:} process, a Nanobox web component or the start command of a render.yaml
     * service on Render's native Elixir runtime ({@code startCommand: MIX_ENV=prod mix phx.server}) starts the app
     * with Mix.
     */
    private boolean platformStartsWithMix() {
        return manifests.procfile() != null && manifests.procfile().webRunsMix()
                || manifests.nanobox() != null && manifests.nanobox().webRunsMix()
                || RenderBlueprint.of(project).services().stream().anyMatch(service ->
                        service.startCommands().stream().anyMatch(SimpleCommand::isMixStart));
    }

    /** Whether the image's start runs {@code mix phx.server} or {@code mix run}. */
    private boolean imageStartsWithMix(DockerImage image) {
        Launch launch = launch(image);
        return launch != null && launch.commands().stream().anyMatch(command -> !command.assumed()
                && command.command().isMixStart());
    }

    /**
     * Whether production is served with Mix somewhere: the Procfile's {@code web:} process runs it (a buildpack builds
     * with {@code MIX_ENV=prod}), a Nanobox web component starts it, or a production image serves with {@code mix phx.server} in prod
     * ({@link DeployPath#servesWithMix}). Unlike {@link #startsWithMix}, a Compose service that runs the task over a
     * bind mount of the checkout is development, not production.
     */
    public boolean servesProductionWithMix() {
        return platformStartsWithMix() || paths().stream().anyMatch(DeployPath::servesWithMix);
    }

    /** Whether the platform runs its own commands instead of the image's CMD: fly.toml {@code [processes]}. */
    public boolean platformReplacesLaunch() {
        FlyToml fly = manifests.fly();
        return fly != null && !fly.processes().isEmpty();
    }

    /**
     * Whether an image is the app's: a Dockerfile at the project root, one that builds or runs Elixir, or one that
     * starts the project's release (a plain base image that unpacks a release built elsewhere, as a CI pipeline's
     * build image leaves it). A Dockerfile in a subfolder without any of them (a Grafana or proxy image beside the
     * app) is a companion service's.
     */
    public boolean isAppImage(DockerImage image) {
        return image.runsElixir() || project.project().root().equals(image.file().path().getParent())
                || startsRelease(image);
    }

    /**
     * The variables every start gets from outside the image: fly.toml's {@code [env]}, Kamal's {@code env:},
     * {@code rel/env.sh.eex}.
     */
    public Set<String> platformEnvironment() {
        Set<String> names = new LinkedHashSet<>();
        FlyToml fly = manifests.fly();
        if (fly != null) {
            names.addAll(fly.environment().keySet());
        }
        manifests.kamal().forEach(kamal -> names.addAll(kamal.environment()));
        if (envScript != null) {
            envScript.script().assignments().forEach(assignment -> names.add(assignment.name()));
        }
        return names;
    }

    /** Whether a script is one of {@code rel/overlays/bin/}. */
    static boolean isReleaseScript(ScriptFile script) {
        return script.file().path().toString().replace('\\', '/').contains("rel/overlays/bin/");
    }

    /** The Elixir a path without an image builds with: {@code elixir_buildpack.config}, else {@code .tool-versions}. */
    public ElixirVersion toolVersion(boolean buildpack) {
        return toolVersion(project, buildpack);
    }

    /** {@link #toolVersion(boolean)}, for the models the deployment model is built from. */
    static ElixirVersion toolVersion(ProjectContext project, boolean buildpack) {
        Path root = project.project().root();
        if (buildpack) {
            ElixirVersion configured = keyed(project.file(root.resolve("elixir_buildpack.config")), "elixir_version=");
            if (configured != null) {
                return configured;
            }
        }
        return keyed(project.file(root.resolve(".tool-versions")), "elixir ");
    }

    private static ElixirVersion keyed(DocumentSnapshot file, String prefix) {
        if (file == null) {
            return null;
        }
        for (String line : file.text().text().split("\n")) {
            if (line.strip().startsWith(prefix)) {
                return ElixirVersion.find(line.strip().substring(prefix.length()));
            }
        }
        return null;
    }

    /** Every way the project is deployed: each production image, and a buildpack path when it has one. */
    public List<DeployPath> paths() {
        List<DeployPath> paths = new ArrayList<>();
        for (DockerImage image : productionImages()) {
            ElixirVersion version = image.elixirVersion() != null ? image.elixirVersion() : toolVersion(false);
            Set<String> environment = new LinkedHashSet<>(platformEnvironment());
            if (image.finalStage() != null) {
                environment.addAll(image.environment(image.finalStage()).keySet());
            }
            paths.add(new DeployPath(DeployPath.Kind.DOCKER, image.file().path(), image, launch(image), version,
                    Set.copyOf(environment)));
        }
        Path root = project.project().root();
        DocumentSnapshot buildpack = project.file(root.resolve("elixir_buildpack.config"));
        Procfile procfile = manifests.procfile();
        if (buildpack != null || images.isEmpty() && procfile != null) {
            Path source = buildpack != null ? buildpack.path() : procfile.file().path();
            paths.add(new DeployPath(DeployPath.Kind.BUILDPACK, source, null, null, toolVersion(true),
                    Set.copyOf(platformEnvironment())));
        }
        return paths;
    }

    // ---- the launch of an image ---------------------------------------------------------------------------

    /**
     * Whether the image starts the release: a visible start of it, or an entrypoint that is the release's own script
     * (the run names the subcommand). Such an image exists to run the release.
     */
    public boolean startsRelease(DockerImage image) {
        Launch launch = launch(image);
        return launch != null && (launch.releaseStart() != null || ReleaseEntrypoint.of(project, image, launch) != null);
    }

    /** How the image's final stage starts, through wrappers and scripts; null for a file without FROM. */
    /**
     * Whether the image starts the app with Mix ({@code mix phx.server}, through its entrypoint script too) in the
     * development environment: neither the command nor the image sets {@code MIX_ENV}, so Mix runs dev, or sets it
     * to dev, no deployment file of the repository gives it another (a Compose service's {@code MIX_ENV: prod}), and
     * the Dockerfile says nothing of prod ({@code mix deps.get --only prod} prepares an image that a scheduler starts
     * with prod's environment). A developer's container, not a deployment, wherever its Dockerfile lies.
     */
    public boolean servesDevelopmentWithMix(DockerImage image) {
        Launch launch = image.buildsRelease() ? null : launch(image);
        if (launch == null || DeploymentVariables.of(project).mayBeSet("MIX_ENV")
                || MENTIONS_PROD.matcher(image.file().text().text()).find()) {
            return false;
        }
        String imageEnv = image.environment(image.finalStage()).get("MIX_ENV");
        List<LaunchCommand> servers = launch.commands().stream()
                .filter(command -> !command.assumed() && command.command().isMixPhoenixServer()).toList();
        return !servers.isEmpty() && servers.stream().allMatch(command ->
                "dev".equals(command.command().assignments().getOrDefault("MIX_ENV", imageEnv == null ? "dev" : imageEnv)));
    }

    public synchronized Launch launch(DockerImage image) {
        if (image.finalStage() == null) {
            return null;
        }
        return launches.computeIfAbsent(image, this::readLaunch);
    }

    private Launch readLaunch(DockerImage image) {
        Instruction entrypoint = image.inherited(image.finalStage(), "ENTRYPOINT");
        Instruction cmd = image.inherited(image.finalStage(), "CMD");
        Set<String> environment = image.environment(image.finalStage()).keySet();
        List<LaunchCommand> commands = new ArrayList<>();
        LaunchWalk walk = new LaunchWalk(image, entrypoint, cmd, commands);
        List<SimpleCommand> cmdLine = cmd == null ? List.of() : cmd.commandLine();
        if (entrypoint != null && entrypoint.execForm() != null) {
            SimpleCommand entry = entrypoint.commandLine().get(0);
            boolean execCmd = cmd != null && cmd.execForm() != null;
            if (execCmd) {
                List<dev.gotchals.shell.Word> words = new ArrayList<>(entry.words());
                words.addAll(cmdLine.get(0).words());
                entry = new SimpleCommand(Map.of(), List.copyOf(words), entry.start(), cmdLine.get(0).end());
            }
            List<SimpleCommand> unwrapped = CommandWrappers.unwrap(entry);
            if (unwrapped.isEmpty()) {
                cmdLine.forEach(command -> walk.top(command, environment, null));
            }
            unwrapped.forEach(command -> walk.top(command, environment, execCmd ? null : cmdLine));
        } else {
            (entrypoint != null ? entrypoint.commandLine() : cmdLine).forEach(command -> walk.top(command, environment, null));
        }
        if (cmd != null && commands.stream().noneMatch(command -> walk.within(command.command(), cmd))) {
            // An entrypoint the model cannot read gets the CMD as its arguments and most likely runs it.
            for (SimpleCommand command : cmd.runs()) {
                commands.add(new LaunchCommand(command, image.file(), cmd, null, environment, true));
            }
        }
        return new Launch(entrypoint, cmd, List.copyOf(commands), releaseNames(), heldRelease(image));
    }

    /**
     * Whether the image holds a release of the project: a stage builds one, or the final stage copies one in. An
     * image that does neither (a tool's image the project's sources are copied into) starts only what its base image
     * brings, unless it names the project's release.
     */
    private static boolean heldRelease(DockerImage image) {
        return image.buildsRelease() || image.copiesRelease();
    }

    /**
     * The names a release of the project may have: its mix.exs releases, its apps (the default) and Distillery's
     * releases; null when no name can be read, so that any may be the project's.
     */
    public synchronized Set<String> releaseNames() {
        if (releaseNames == null) {
            Set<String> names = new LinkedHashSet<>();
            for (MixExs mix : MixFiles.of(project).all()) {
                if (mix.appName() != null) {
                    names.add(mix.appName());
                }
                mix.releases().stream().map(Release::name).forEach(names::add);
            }
            DocumentSnapshot distillery = DistilleryConfig.of(project);
            if (distillery != null) {
                names.addAll(DistilleryConfig.releaseNames(distillery));
            }
            releaseNames = Set.copyOf(names);
        }
        return releaseNames.isEmpty() ? null : releaseNames;
    }

    /** One walk down the commands an image starts with. */
    private final class LaunchWalk {
        private final DockerImage image;
        private final Instruction entrypoint;
        private final Instruction cmd;
        private final List<LaunchCommand> commands;

        LaunchWalk(DockerImage image, Instruction entrypoint, Instruction cmd, List<LaunchCommand> commands) {
            this.image = image;
            this.entrypoint = entrypoint;
            this.cmd = cmd;
            this.commands = commands;
        }

        /** A command of the instruction line; {@code arguments} stand for {@code "$@"} when not its own words. */
        void top(SimpleCommand written, Set<String> environment, List<SimpleCommand> arguments) {
            for (SimpleCommand command : CommandWrappers.unwrap(written)) {
                Instruction instruction = entrypoint != null && within(command, entrypoint) ? entrypoint : cmd;
                follow(command, instruction, null, environment, arguments, 0);
            }
        }

        boolean within(SimpleCommand command, Instruction instruction) {
            int start = instruction.tree().startOffset(instruction.node());
            int end = instruction.tree().endOffset(instruction.node());
            return command.start() >= start && command.start() < end;
        }

        private void follow(SimpleCommand command, Instruction instruction, ScriptFile in, Set<String> inherited,
                            List<SimpleCommand> arguments, int depth) {
            Deadline.check();
            Set<String> environment = new LinkedHashSet<>(inherited);
            environment.addAll(command.assignments().keySet());
            DocumentSnapshot file = in == null ? image.file() : in.file();
            commands.add(new LaunchCommand(command, file, instruction, in, Set.copyOf(environment), false));
            ScriptFile target = depth < MAX_SCRIPT_DEPTH ? script(image, command) : null;
            if (target == null) {
                return;
            }
            List<SimpleCommand> passed = arguments != null ? arguments
                    : command.words().size() > 1 ? List.of(command.drop(1)) : List.of();
            String first = passed.size() == 1 ? passed.get(0).word(0) : null;
            Map<String, String> imageEnvironment = image.environment(image.finalStage());
            for (SimpleCommand line : target.script().commands()) {
                if (!runsWith(target.script(), line, first)) {
                    continue; // a branch for another first argument than the start passes
                }
                if (!target.script().runsWith(line, imageEnvironment)) {
                    continue; // a branch for another value of a variable the image's ENV fixes (MIX_ENV=prod)
                }
                for (SimpleCommand inner : CommandWrappers.unwrap(target.script().withVariablesBefore(line))) {
                    if (ALL_ARGUMENTS.contains(inner.word(0))) {
                        Set<String> before = new LinkedHashSet<>(environment);
                        before.addAll(inner.assignments().keySet());
                        for (SimpleCommand argument : passed) {
                            for (SimpleCommand run : CommandWrappers.unwrap(argument)) {
                                Instruction written = cmd != null && within(run, cmd) ? cmd : instruction;
                                follow(run, written, in, before, null, depth + 1);
                            }
                        }
                    } else {
                        // `bin/shop $@` under `CMD ["foreground"]`: the script's arguments complete the command.
                        SimpleCommand completed = passed.size() == 1 ? inner.withArguments(ALL_ARGUMENTS,
                                passed.get(0).words().stream().map(Word::text).toList()) : inner;
                        follow(completed, instruction, target, environment, null, depth + 1);
                    }
                }
            }
        }
    }

    /**
     * Whether a script's command that runs only for some first argument (a branch on it, or a {@code case}'s
     * default item for any word its other items do not take) runs when the start passes {@code first} (null:
     * nothing, or what cannot be told). Passed no argument, the script is given one by whoever
     * runs the image; a branch for a Mix command ({@code if [ "$1" = 'mix' ]}) is then the image run with Mix in
     * place of its own start (a developer's use), not the deployment's start.
     */
    private static boolean runsWith(ShellScript script, SimpleCommand line, String first) {
        String wanted = script.firstArgumentFor(line);
        if (wanted == null && !script.inDefaultBranch(line)) {
            return true;
        }
        if (first != null) {
            return script.runsForFirstArgument(line, first);
        }
        // Passed nothing: a `case` default item runs whatever the runner passes; a word's branch as before.
        return wanted == null || !MIX_COMMANDS.contains(wanted);
    }

    /**
     * The project script a command runs: a release script for {@code …/bin/<name>}, an entrypoint script the
     * image copies to where the command names it (else one of the same name), or any file of the project the final
     * stage copies onto that path under another name ({@code COPY container/prod-run.sh /run.sh}); null for any
     * other program.
     */
    ScriptFile script(DockerImage image, SimpleCommand command) {
        String word = command.program().equals(".") || command.program().equals("source") ? command.word(1) : command.word(0);
        String name = word.substring(word.lastIndexOf('/') + 1);
        if (name.isEmpty()) {
            return null;
        }
        if (word.contains("bin/")) {
            for (ScriptFile script : releaseScripts) {
                if (script.name().equals(name)) {
                    return script;
                }
            }
        }
        ScriptFile byName = null;
        for (ScriptFile script : entrypointScripts) {
            if (!script.name().equals(name)) {
                continue;
            }
            if (image != null && image.finalStage() != null && copiedTo(image, script, word)) {
                return script;
            }
            // Of scripts of one name, one kept in a folder named for development is production's last choice
            // (docker/scripts/development/entrypoint.sh beside docker/scripts/production/entrypoint.sh).
            if (byName == null || forDevelopment(byName) && !forDevelopment(script)) {
                byName = script;
            }
        }
        ScriptFile copied = image == null || image.finalStage() == null ? null : copiedOnto(image, word);
        return copied != null ? copied : byName;
    }

    /** Whether a script lies in a folder named for development or tests. */
    private boolean forDevelopment(ScriptFile script) {
        Path root = project.project().root();
        Path folder = script.file().path().startsWith(root) ? root.relativize(script.file().path()).getParent() : null;
        for (int i = 0; folder != null && i < folder.getNameCount(); i++) {
            if (DockerImage.nonProductionName(folder.getName(i).toString())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The project file the final stage (or a stage it is built FROM) copies onto {@code target}, read as a shell
     * script: a start script kept under a name no file role knows, copied from the build context or from a stage
     * that copied it from there ({@code COPY --from=build /app/bin/ ./bin} after {@code COPY . /app/}). Relative paths
     * are taken from the final stage's WORKDIR; the context is the Dockerfile's folder, else the project root.
     */
    private ScriptFile copiedOnto(DockerImage image, String target) {
        Stage last = image.finalStage();
        String workdir = image.workdir(last);
        String wanted = DockerImage.inside(workdir, target);
        List<Copy> copies = new ArrayList<>(image.copies(last));
        Collections.reverse(copies);
        for (Copy copy : copies) {
            String source = copy.sources().size() == 1 ? copy.sources().get(0) : null;
            if (source == null || source.contains("*") || source.contains("$") || copy.destination().contains("$")) {
                continue;
            }
            List<String> inSource = DockerImage.landedFrom(DockerImage.inside(workdir, copy.destination()),
                    DockerImage.trimSlash(source), wanted);
            List<String> paths = new ArrayList<>();
            if (copy.fromStage() == null) {
                paths.addAll(inSource);
            } else {
                Stage from = image.stage(copy.fromStage());
                for (String path : from == null ? List.<String>of() : inSource) {
                    paths.addAll(image.contextPaths(from, path.startsWith("/") ? path : "/" + path));
                }
            }
            for (String path : paths) {
                ScriptFile script = projectScript(image, path);
                if (script != null) {
                    return script;
                }
            }
        }
        return null;
    }

    /** The project's shell script at a build-context path of an image, or null: for the scripts its RUNs run. */
    private ShellScript contextScript(DockerImage image, String contextPath) {
        ScriptFile script = projectScript(image, contextPath);
        return script == null ? null : script.script();
    }

    /**
     * The project file at a build-context path, read as a shell script; null when it is not there or not a script,
     * or when it is build output (a release in {@code _build/}, dependencies), which a checkout may hold locally.
     */
    private ScriptFile projectScript(DockerImage image, String contextPath) {
        if (contextPath.isEmpty() || contextPath.startsWith("/") || contextPath.contains("..")
                || BUILD_OUTPUT.matcher(contextPath).find()) {
            return null;
        }
        for (Path context : contexts(image)) {
            Path path = context.resolve(contextPath).normalize();
            if (path.startsWith(project.project().root())) {
                ScriptFile script = ScriptFile.read(project.file(path));
                if (script != null) {
                    return script;
                }
            }
        }
        return null;
    }

    /** Where an image's build context may be: the Dockerfile's folder, else the project root. */
    private List<Path> contexts(DockerImage image) {
        Path folder = image.file().path().getParent();
        Path root = project.project().root();
        return folder == null || folder.equals(root) ? List.of(root) : List.of(folder, root);
    }

    /** Whether the image's final stage copies the script from the build context to {@code target}. */
    private boolean copiedTo(DockerImage image, ScriptFile script, String target) {
        Path context = image.file().path().getParent();
        for (Copy copy : image.copies(image.finalStage())) {
            for (String source : copy.sources()) {
                boolean same = copy.fromStage() == null && context != null
                        && context.resolve(source).normalize().equals(script.file().path().normalize());
                if (same && (copy.destination().equals(target) || copy.destination().endsWith("/")
                        && target.endsWith("/" + script.name()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
