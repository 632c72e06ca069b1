package dev.gotchals.model.project;

import dev.gotchals.elixir.ModuleIndex;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.elixir.Truth;
import dev.gotchals.mix.MixExs;
import dev.gotchals.model.MixFiles;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ConfigValue;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Node;
import dev.gotchals.workspace.FileRole;

import java.util.ArrayList;
import java.util.List;

/**
 * The project as its code declares it, built once per analysis: its mix.exs files, its modules, its Phoenix
 * endpoints and routers, its Ecto repos. Each part is read on first use.
 */
public final class ProjectModel {
    private final ProjectContext project;
    private final MixFiles files;
    private final MixExs mix;
    private final List<MixExs> mixfiles;

    private ProjectModel(ProjectContext project) {
        this.project = project;
        this.files = MixFiles.of(project);
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
        return files.dependsOn(app);
    }

    /** The modules of the project's Elixir sources. */
    public ModuleIndex modules() {
        return project.modules();
    }

    public PhoenixApp phoenix() {
        return project.model(PhoenixApp.class, context -> PhoenixApp.read(modules()));
    }

    /** The switch the older generators' endpoint and repo {@code init/2} test before reading the environment. */
    private static final String LOAD_FROM_SYSTEM_ENV = "load_from_system_env";

    public EctoRepos repos() {
        return project.model(EctoRepos.class,
                context -> EctoRepos.read(modules(), MixFiles.of(context).all(), ConfigTimeline.prod(context).calls()));
    }

    /**
     * Whether the project's endpoint or Ecto repo {@code subject} may put another value of {@code key} in its config
     * when it starts, from its {@code init/2} callback (the older generators' {@code load_from_system_env}; a repo
     * that takes {@code DATABASE_URL} in place of its parts): what config ends with for the key is then not what
     * production runs with.
     */
    public boolean setAtInit(String subject, String key) {
        if (subject == null || key == null) {
            return false;
        }
        PhoenixApp.Endpoint endpoint = phoenix().endpoint(subject);
        if (endpoint != null) {
            return modules().mayPutAtInit(endpoint.module(), key)
                    && switchedOn(endpoint.module(), endpoint.otpApp(), subject);
        }
        return repos().defined().stream().anyMatch(repo -> repo.module().name().equals(subject)
                && modules().mayPutAtInit(repo.module(), key) && switchedOn(repo.module(), repo.otpApp(), subject));
    }

    /**
     * Whether prod config turns on the switch an {@code init/2} of the older generators tests before it puts anything
     * ({@code if config[:load_from_system_env] do}): the comment in their prod.exs names it, but only
     * {@code load_from_system_env: true} makes the callback read the environment. A module without the switch puts
     * what it puts unconditionally.
     */
    private boolean switchedOn(Module module, String app, String subject) {
        if (!module.tree().text(module.node()).contains(LOAD_FROM_SYSTEM_ENV) || app == null) {
            return true;
        }
        ConfigValue value = ConfigTimeline.prod(project).effective(app, subject, LOAD_FROM_SYSTEM_ENV);
        if (value.state() == ConfigValue.State.UNSET) {
            return false;
        }
        String text = value.value() == null ? "" : value.call().tree().text(value.value()).strip();
        return !text.equals("false") && !text.equals("nil");
    }

    /**
     * Whether the pipelines a route goes through ({@code pipe_through}) reach the database before its handler
     * runs: a plug of phoenix_ecto or a repo, or a project plug whose {@code call/2} reaches it.
     */
    public Truth pipelinesReachDatabase(PhoenixApp.Route route) {
        PhoenixApp.Router router = phoenix().routers().stream()
                .filter(candidate -> candidate.module() == route.router()).findFirst().orElse(null);
        Truth reach = Truth.FALSE;
        for (String name : route.pipeThrough()) {
            PhoenixApp.Pipeline pipeline = router == null ? null : router.pipeline(name);
            for (PhoenixApp.Plug plug : pipeline == null ? List.<PhoenixApp.Plug>of() : pipeline.plugs()) {
                reach = reach.or(plugReachesDatabase(route.router(), plug));
            }
        }
        return reach;
    }

    private Truth plugReachesDatabase(Module router, PhoenixApp.Plug plug) {
        if (plug.module() != null && repos().isDatabaseModule(plug.module())) {
            return Truth.TRUE;
        }
        Module module = plug.module() == null ? router : modules().find(plug.module());
        String function = plug.function() == null ? "call" : plug.function();
        if (module == null) {
            return Truth.FALSE; // a library plug (Plug.Parsers, :fetch_session …)
        }
        List<Node> roots = new ArrayList<>();
        module.clauses(function, 2).forEach(clause -> roots.addAll(clause.runs()));
        return roots.isEmpty() ? Truth.FALSE : reachesDatabase(module, roots);
    }

    /** Whether running {@code roots} (nodes of {@code module}'s file) reaches the database; see {@link DatabaseReach}. */
    public Truth reachesDatabase(Module module, List<Node> roots) {
        return DatabaseReach.of(modules(), repos(), module, roots);
    }
}
