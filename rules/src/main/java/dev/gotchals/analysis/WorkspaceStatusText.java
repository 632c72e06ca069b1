package dev.gotchals.analysis;

import dev.gotchals.analysis.WorkspaceStatus.Fly;
import dev.gotchals.analysis.WorkspaceStatus.Image;
import dev.gotchals.analysis.WorkspaceStatus.Project;
import dev.gotchals.analysis.WorkspaceStatus.SettingsInForce;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@link WorkspaceStatus} as the lines a user reads, the same on the command line and in the editor. */
public final class WorkspaceStatusText {
    private WorkspaceStatusText() {
    }

    /** @param product the name and version of the program, the first line */
    public static String render(WorkspaceStatus status, String product) {
        List<String> lines = new ArrayList<>();
        lines.add(product);
        lines.add("Java " + status.javaVersion() + " (" + status.javaHome() + ")");
        lines.add("Folders: " + String.join(", ", status.folders()));
        if (status.projects().isEmpty()) {
            lines.add("");
            lines.add("No Mix project found (a folder with a mix.exs).");
        }
        for (Project project : status.projects()) {
            lines.add("");
            project(project, lines);
        }
        return String.join("\n", lines) + "\n";
    }

    private static void project(Project project, List<String> lines) {
        lines.add("Project " + project.app() + (project.umbrella() ? " (umbrella: " + String.join(", ", project.apps())
                + ")" : "") + " at " + project.root());
        lines.add("  release: " + orNone(project.release(), "not a Mix release"));
        lines.add("  Elixir: " + (project.elixir() == null ? "unknown" : project.elixir() + " (from the "
                + project.elixirSource() + ")"));
        lines.add("  runtime config the release reads: " + orNone(project.runtimeConfig(), "none"));
        if (project.images().isEmpty()) {
            lines.add("  Dockerfiles: none");
        }
        for (Image image : project.images()) {
            List<String> traits = new ArrayList<>();
            traits.add(image.production() ? "production" : "not production");
            traits.add(image.buildsRelease() ? "builds the release" : "builds no release");
            if (image.elixir() != null) {
                traits.add("Elixir " + image.elixir());
            }
            lines.add("  " + image.file() + " (" + String.join(", ", traits) + ")");
            lines.add("    starts with: " + orNone(image.start(), "no CMD or ENTRYPOINT"));
            lines.add("    release started by: " + orNone(image.releaseStart(), "nothing the linter can see"));
        }
        Fly fly = project.fly();
        if (fly != null) {
            lines.add("  " + fly.file() + ": release command " + orNone(fly.releaseCommand(), "none")
                    + (fly.dockerfile() == null ? "" : ", builds " + fly.dockerfile()));
            processes(fly.processes(), "    process ", lines);
        }
        if (project.procfile() != null) {
            lines.add("  Procfile:");
            processes(project.procfile(), "    ", lines);
        }
        if (project.render() != null) {
            lines.add("  render.yaml (Render builds and starts):");
            processes(project.render(), "    ", lines);
        }
        lines.add("  CI workflow that builds the release: " + orNone(project.releaseWorkflow(), "none"));
        settings(project.settings(), lines);
    }

    private static void processes(Map<String, String> processes, String indent, List<String> lines) {
        processes.forEach((name, command) -> lines.add(indent + name + ": " + command));
    }

    private static void settings(SettingsInForce settings, List<String> lines) {
        lines.add("  settings: " + (settings.file() == null ? "no .gotcha.exs" : settings.file())
                + (settings.rules().isEmpty() && settings.exclude().isEmpty() ? ", every rule at its defaults" : ""));
        settings.problems().forEach(problem -> lines.add("    ignored entry: " + problem));
        settings.rules().forEach((rule, changes) -> lines.add("    " + rule + ": " + String.join("; ", changes)));
        if (!settings.exclude().isEmpty()) {
            lines.add("    exclude: " + String.join(", ", settings.exclude()));
        }
    }

    private static String orNone(String value, String none) {
        return value == null ? none : value;
    }
}
