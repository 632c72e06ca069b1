package dev.gotchals.analysis;

import dev.gotchals.analysis.WorkspaceStatus.Fly;
import dev.gotchals.analysis.WorkspaceStatus.Image;
import dev.gotchals.analysis.WorkspaceStatus.Project;
import dev.gotchals.analysis.WorkspaceStatus.SettingsInForce;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.model.config.ReleaseBuild;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.RuntimeConfig;
import dev.gotchals.model.deploy.CiWorkflows;
import dev.gotchals.model.deploy.DeployModel;
import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.model.deploy.FlyToml;
import dev.gotchals.model.deploy.Launch;
import dev.gotchals.model.deploy.Procfile;
import dev.gotchals.model.deploy.RenderBlueprint;
import dev.gotchals.model.deploy.ReleaseStart;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.RuleSettings;
import dev.gotchals.rule.Settings;
import dev.gotchals.rule.SettingsFile;
import dev.gotchals.settings.SettingsFileParser;
import dev.gotchals.shell.ShellScript;
import dev.gotchals.shell.SimpleCommand;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a {@link WorkspaceStatus} from the same models the rules ask, in a fresh analysis context per project, so
 * the status says what the rules see. It runs no rule.
 */
public final class WorkspaceStatusReader {
    private WorkspaceStatusReader() {
    }

    /**
     * @param catalog   the rule identities settings may name, to read each project's {@code .gotcha.exs}
     * @param overrides the settings from outside the projects (the editor's, the command line's)
     */
    public static WorkspaceStatus read(Workspace workspace, List<RuleInfo> catalog, Settings overrides) {
        List<Project> projects = new ArrayList<>();
        for (MixProject project : workspace.projects()) {
            projects.add(project(new ProjectContext(project, workspace, overrides,
                    file -> SettingsFileParser.parse(file, catalog)), catalog));
        }
        return new WorkspaceStatus(System.getProperty("java.version"), System.getProperty("java.home"),
                workspace.folders().stream().map(WorkspaceStatusReader::slashed).toList(), projects);
    }

    private static Project project(ProjectContext context, List<RuleInfo> catalog) {
        MixProject project = context.project();
        DeployModel deploy = DeployModel.of(context);
        ReleaseBuild build = ReleaseBuild.of(context);
        RuntimeConfig runtime = RuntimeConfig.release(context);
        DocumentSnapshot workflow = CiWorkflows.of(context).releaseWorkflow();
        return new Project(slashed(project.root()), project.appName(), project.umbrella(),
                project.apps().stream().map(MixProject.App::appName).toList(),
                ProjectFacts.of(context).releaseEvidence(),
                build.elixirVersion() == null ? null : build.elixirVersion().toString(),
                build.versionSource().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                runtimeConfig(context, runtime),
                deploy.images().stream().map(image -> image(project, deploy, image)).toList(),
                fly(project, deploy.manifests().fly()), processes(deploy.manifests().procfile()),
                renderStarts(context),
                workflow == null ? null : project.relativize(workflow.path()),
                settings(context, catalog));
    }

    /** The runtime config file the release reads, and the files a Distillery config provider evaluates at boot. */
    private static String runtimeConfig(ProjectContext context, RuntimeConfig runtime) {
        MixProject project = context.project();
        List<String> files = new ArrayList<>();
        if (runtime != null && runtime.exists()) {
            files.add(project.relativize(runtime.path()));
        }
        ConfigTimeline.providedFiles(context).forEach(file -> files.add(project.relativize(file.path())
                + " (through a Distillery config provider)"));
        return files.isEmpty() ? null : String.join(", ", files);
    }

    private static Image image(MixProject project, DeployModel deploy, DockerImage image) {
        Launch launch = deploy.launch(image);
        ReleaseStart start = launch == null ? null : launch.releaseStart();
        String releaseStart = null;
        if (start != null) {
            String script = start.script() == null ? ""
                    : " (through " + project.relativize(start.script().file().path()) + ")";
            releaseStart = start.invocation().command().text() + script;
        }
        return new Image(project.relativize(image.file().path()), image.production(), image.buildsRelease(),
                image.elixirVersion() == null ? null : image.elixirVersion().toString(),
                launch == null || launch.shown() == null ? null : launch.shown().text(), releaseStart);
    }

    private static Fly fly(MixProject project, FlyToml fly) {
        if (fly == null) {
            return null;
        }
        Map<String, String> processes = new LinkedHashMap<>();
        fly.processes().forEach(process -> processes.put(process.name(), commandLine(process.script())));
        FlyToml.Command release = fly.releaseCommand();
        return new Fly(project.relativize(fly.file().path()), release == null ? null : commandLine(release.script()),
                processes, fly.dockerfile());
    }

    /** The start commands of render.yaml's native services, by name ("(dashboard)" where it writes none). */
    private static Map<String, String> renderStarts(ProjectContext context) {
        List<RenderBlueprint.Service> services = RenderBlueprint.of(context).services();
        if (services.isEmpty()) {
            return null;
        }
        Map<String, String> starts = new LinkedHashMap<>();
        for (RenderBlueprint.Service service : services) {
            starts.put(service.name() == null ? "(unnamed)" : service.name(),
                    service.startCommand() == null ? "set in Render's dashboard" : service.startCommand().strip());
        }
        return starts;
    }

    private static Map<String, String> processes(Procfile procfile) {
        if (procfile == null) {
            return null;
        }
        Map<String, String> processes = new LinkedHashMap<>();
        procfile.processes().forEach(process -> processes.put(process.name(), commandLine(process.script())));
        return processes;
    }

    private static String commandLine(ShellScript script) {
        return script.commands().stream().map(SimpleCommand::text).collect(Collectors.joining("; "));
    }

    private static SettingsInForce settings(ProjectContext context, List<RuleInfo> catalog) {
        SettingsFile file = context.settingsFile();
        Settings settings = context.settings();
        Map<String, List<String>> rules = new LinkedHashMap<>();
        for (RuleInfo rule : catalog) {
            List<String> changes = changes(rule, settings.rule(rule));
            if (!changes.isEmpty()) {
                rules.put(rule.id(), changes);
            }
        }
        return new SettingsInForce(file.file() == null ? null : context.project().relativize(file.file().path()),
                file.problems().stream().map(SettingsFile.Problem::message).toList(), rules, settings.exclude());
    }

    /** What a rule's settings change from its defaults, in words. */
    private static List<String> changes(RuleInfo rule, RuleSettings set) {
        List<String> changes = new ArrayList<>();
        if (Boolean.FALSE.equals(set.enabled())) {
            changes.add("off");
        }
        if (set.severity() != null && set.severity() != rule.defaultSeverity()) {
            changes.add("severity " + set.severity().label());
        }
        set.options().forEach((name, values) -> changes.add(name + ": " + String.join(", ", values)));
        return changes;
    }

    private static String slashed(Path path) {
        return path.toString().replace('\\', '/');
    }
}
