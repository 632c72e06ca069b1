package dev.gotchals.model.config;

import dev.gotchals.docker.Instruction;
import dev.gotchals.docker.Stage;
import dev.gotchals.elixir.ElixirVersion;
import dev.gotchals.mix.MixExs;
import dev.gotchals.model.MixFiles;
import dev.gotchals.model.deploy.BuildScripts;
import dev.gotchals.model.deploy.CiWorkflows;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.model.deploy.NixDeployment;
import dev.gotchals.model.deploy.Launch;
import dev.gotchals.rule.InOrder;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;
import dev.gotchals.shell.SimpleCommand;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the production release is built, computed once per analysis: the Elixir version it is built with (which
 * decides the runtime config file it reads) and the variables its build sets.
 *
 * <p>The version comes from the first of: the {@code FROM} tag of the production images that run
 * {@code mix release}; {@code .tool-versions} (or {@code elixir_buildpack.config} when no image builds the release);
 * the lower bound of the mix.exs {@code elixir:} requirements. A lower bound only counts from 1.11, where it decides
 * the runtime config like the exact version would; below, nothing says whether the build is older or newer.
 */
public final class ReleaseBuild implements ValueModel {
    /** Where the Elixir version was read. */
    public enum VersionSource { IMAGE, TOOL_FILE, MIX_REQUIREMENT, UNKNOWN }

    private final ElixirVersion elixirVersion;
    private final VersionSource versionSource;
    private final Set<String> variables;
    /** {@link #variables} in the order the build sets them: the next analysis's value compares with it. */
    private final InOrder variablesInOrder;

    private ReleaseBuild(ElixirVersion elixirVersion, VersionSource versionSource, Set<String> variables) {
        this.elixirVersion = elixirVersion;
        this.versionSource = versionSource;
        this.variables = Collections.unmodifiableSet(variables); // the set read() made for it
        this.variablesInOrder = InOrder.of(variables);
    }

    public static ReleaseBuild of(ProjectContext project) {
        return project.model(ReleaseBuild.class, ReleaseBuild::read);
    }

    private static ReleaseBuild read(ProjectContext project) {
        DeployModel deploy = DeployModel.of(project);
        List<DockerImage> builders = deploy.productionImages().stream().filter(DockerImage::buildsRelease).toList();
        Set<String> variables = new LinkedHashSet<>();
        builders.forEach(image -> addBuildVariables(image, variables));
        for (DockerImage image : deploy.productionImages()) {
            if (buildsReleaseWhenStarted(deploy, image)) {
                image.environment(image.finalStage()).forEach((name, value) -> variables.add(name));
            }
        }
        if (builders.isEmpty()) {
            // A build argument reaches `mix release` only where the stage declares it (ARG), and those are read above:
            // Docker drops one the Dockerfile does not declare. Only an image build the model cannot see is trusted
            // with what the workflow passes.
            variables.addAll(CiWorkflows.of(project).buildArgs());
        }
        variables.addAll(CiWorkflows.of(project).releaseStepVariables());
        variables.addAll(BuildScripts.of(project).releaseVariables());
        variables.addAll(NixDeployment.of(project).buildVariables());
        ElixirVersion required = requiredAtLeast(MixFiles.of(project).all());
        List<ElixirVersion> tags = builders.stream().map(DockerImage::elixirVersion)
                .filter(version -> version != null).distinct().toList();
        if (!tags.isEmpty()) {
            ElixirVersion agreed = agreed(tags);
            return stale(agreed, required) ? new ReleaseBuild(required, VersionSource.MIX_REQUIREMENT, variables)
                    : new ReleaseBuild(agreed, VersionSource.IMAGE, variables);
        }
        ElixirVersion tool = deploy.toolVersion(builders.isEmpty());
        if (tool != null) {
            return stale(tool, required) ? new ReleaseBuild(required, VersionSource.MIX_REQUIREMENT, variables)
                    : new ReleaseBuild(tool, VersionSource.TOOL_FILE, variables);
        }
        if (required != null && required.atLeast(ElixirVersion.RUNTIME_EXS)) {
            return new ReleaseBuild(required, VersionSource.MIX_REQUIREMENT, variables);
        }
        return new ReleaseBuild(null, VersionSource.UNKNOWN, variables);
    }

    /** The Elixir version the release is built with (or at least), or null when unknown. */
    public ElixirVersion elixirVersion() {
        return elixirVersion;
    }

    public VersionSource versionSource() {
        return versionSource;
    }

    /**
     * The variables the build of the release sets itself: ENV and ARG (with or without a default) of the stage that
     * runs {@code mix release} and the stages it is built FROM, the ENV of an image whose start builds the release,
     * assignments in front of their commands, the build arguments CI workflows pass to image builds where no
     * Dockerfile of the repository builds the release, the environment a CI workflow gives its step that runs
     * {@code mix release}, what the project's scripts that run {@code mix release} set for it, and the variables a
     * Nix {@code mixRelease} derivation sets. Reading them in build-time config is deliberate.
     */
    public Set<String> variables() {
        return variables;
    }

    /**
     * Whether the image's start builds the release (a build container: {@code CMD ["bin/release", "prod"]} whose
     * script runs {@code mix release} on a mounted checkout): its ENV is the build's environment.
     */
    private static boolean buildsReleaseWhenStarted(DeployModel deploy, DockerImage image) {
        Launch launch = deploy.launch(image);
        return launch != null && launch.commands().stream()
                .anyMatch(command -> !command.assumed() && command.command().runsReleaseTask());
    }

    private static void addBuildVariables(DockerImage image, Set<String> names) {
        for (Stage stage : image.chain(image.releaseStage())) {
            for (Instruction instruction : stage.instructions()) {
                // By index, and no key set for a command without assignments: thousands of instructions a keystroke.
                List<Instruction.Setting> settings = instruction.settings();
                for (int i = 0; i < settings.size(); i++) {
                    names.add(settings.get(i).name());
                }
                if (instruction.is("RUN")) {
                    for (SimpleCommand command : instruction.runsByText()) {
                        if (!command.assignments().isEmpty()) {
                            names.addAll(command.assignments().keySet());
                        }
                    }
                }
            }
        }
    }

    /**
     * The lowest of the images' versions when they all choose the same runtime config (the same side of 1.9 and
     * 1.11), else null: the images disagree on which file their releases read.
     */
    private static ElixirVersion agreed(List<ElixirVersion> versions) {
        ElixirVersion lowest = versions.stream().min(ElixirVersion::compareTo).orElseThrow();
        ElixirVersion highest = versions.stream().max(ElixirVersion::compareTo).orElseThrow();
        return era(lowest) == era(highest) ? lowest : null;
    }

    private static int era(ElixirVersion version) {
        return !version.atLeast(ElixirVersion.RELEASES) ? 0 : !version.atLeast(ElixirVersion.RUNTIME_EXS) ? 1 : 2;
    }

    /**
     * Whether a version file or image tag names an Elixir older than mix.exs requires: Mix refuses to compile the
     * project on it, so whatever builds the release is newer and the file is left over from an earlier setup.
     */
    private static boolean stale(ElixirVersion named, ElixirVersion required) {
        return named != null && required != null && named.compareTo(required) < 0;
    }

    /** The highest lower bound of the projects' {@code elixir:} requirements (each must hold), or null. */
    private static ElixirVersion requiredAtLeast(List<MixExs> mixfiles) {
        ElixirVersion highest = null;
        for (MixExs mix : mixfiles) {
            ElixirVersion bound = lowerBound(mix.elixirRequirement());
            highest = bound != null && (highest == null || bound.compareTo(highest) > 0) ? bound : highest;
        }
        return highest;
    }

    /**
     * The lowest version a requirement accepts ({@code "~> 1.12"}, {@code ">= 1.11.0 and < 2.0.0"} → 1.12, 1.11), or
     * null when some alternative has no lower bound ({@code "< 1.15"}, {@code "~> 1.14 or < 1.10"}).
     */
    static ElixirVersion lowerBound(String requirement) {
        if (requirement == null || requirement.isBlank()) {
            return null;
        }
        ElixirVersion lowest = null;
        for (String alternative : requirement.split("\\bor\\b|\\|\\|")) {
            ElixirVersion bound = null;
            for (String part : alternative.split("\\band\\b")) {
                String condition = part.strip();
                // Upper bounds and exclusions say nothing about how old the build may be.
                ElixirVersion version = condition.startsWith("<") || condition.startsWith("!=") ? null
                        : ElixirVersion.find(condition);
                bound = version != null && (bound == null || version.compareTo(bound) > 0) ? version : bound;
            }
            if (bound == null) {
                return null;
            }
            lowest = lowest == null || bound.compareTo(lowest) < 0 ? bound : lowest;
        }
        return lowest;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReleaseBuild that && Objects.equals(elixirVersion, that.elixirVersion)
                && versionSource == that.versionSource && (variablesInOrder.same(that.variablesInOrder) || variables.equals(that.variables));
    }

    @Override
    public int hashCode() {
        return Objects.hash(elixirVersion, versionSource, variables);
    }
}
