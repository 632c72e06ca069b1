package dev.gotchals.model.project;

import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.elixir.Truth;
import dev.gotchals.mix.MixExs;
import dev.gotchals.model.MixFiles;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Node;
import dev.gotchals.workspace.FileRole;

import java.util.List;

/**
 * The project as its code declares it, built once per analysis: its mix.exs files, its modules, its Phoenix
 * endpoints and routers, its Ecto repos. Each part is read on first use.
 */
public final class ProjectModel {
    private final ProjectContext project;
    private final MixExs mix;
    private final List<MixExs> mixfiles;

    private ProjectModel(ProjectContext project) {
        this.project = project;
        MixFiles files = MixFiles.of(project);
        this.mix = files.own();
        this.mixfiles = files.all();
    }

    public static ProjectModel of(ProjectContext project) {
        return project.model(ProjectModel.class, ProjectModel::new);
    }

    /** The project's own mix.exs (an umbrella's root). */
    public MixExs mix() {
        return mix;
    }

    /** Every mix.exs of the project: its own first, then its umbrella apps'. */
    public List<MixExs> mixfiles() {
        return mixfiles;
    }

    /** Whether a mix.exs of the project lists that dependency. */
    public boolean dependsOn(String app) {
        return mixfiles.stream().anyMatch(mixfile -> mixfile.dependency(app) != null);
    }

    /** Whether a mix.exs of the project defines that alias. */
    public boolean hasAlias(String alias) {
        return mixfiles.stream().anyMatch(mixfile -> mixfile.aliases().has(alias));
    }

    /** The modules of the project's Elixir sources. */
    public ModuleIndex modules() {
        return project.model(ModuleIndex.class, context -> ModuleIndex.of(context.files(FileRole.ELIXIR_SOURCE)));
    }

    public PhoenixApp phoenix() {
        return project.model(PhoenixApp.class, context -> PhoenixApp.read(modules()));
    }

    public EctoRepos repos() {
        return project.model(EctoRepos.class,
                context -> EctoRepos.read(modules(), mixfiles, ConfigTimeline.prod(context).calls()));
    }

    /** Whether running {@code roots} (nodes of {@code module}'s file) reaches the database; see {@link DatabaseReach}. */
    public Truth reachesDatabase(Module module, List<Node> roots) {
        return DatabaseReach.of(modules(), repos(), module, roots);
    }
}
