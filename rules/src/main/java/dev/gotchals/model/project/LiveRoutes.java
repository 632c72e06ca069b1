package dev.gotchals.model.project;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.EnvCondition;
import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.elixir.Truth;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ConfigValue;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.ValueModel;
import dev.gotchals.syntax.Deadline;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the project's routers serve a LiveView in production ({@code live "/path", …} or
 * {@code live_dashboard}): what puts the endpoint's LiveView socket in use, and what Phoenix signs LiveView
 * sessions for. Routes behind a condition a production build never meets ({@code if Mix.env() == :dev}, a
 * {@code compile_env} flag the production build config leaves false) are left out; an undecided one counts.
 */
public enum LiveRoutes implements ValueModel {
    SERVED,
    NONE;

    private static final Set<String> LIVE_ROUTES = Set.of("live", "live_dashboard");
    /** {@code forward "/path", Module}: the module a router hands a path to. */
    private static final Pattern FORWARD = Pattern.compile("\\bforward\\s*\\(?\\s*\"[^\"]*\"\\s*,\\s*([A-Z][\\w.]*)");

    public static LiveRoutes of(ProjectContext project) {
        return project.model(LiveRoutes.class, context -> {
            ConfigTimeline buildTime = ConfigTimeline.buildTime(context, "prod");
            for (PhoenixApp.Router router : ProjectModel.of(context).phoenix().routers()) {
                if (serves(router.module(), router.module().body(), buildTime)) {
                    return SERVED;
                }
            }
            return NONE;
        });
    }

    /**
     * Whether the one router an endpoint plugs serves a LiveView: where a project has several endpoints (an umbrella's
     * API beside its LiveView app), each endpoint's LiveView socket is used by its own routes only. A router that
     * forwards to another router or endpoint of the project serves its routes too: the project's answer then.
     */
    public static LiveRoutes servedBy(ProjectContext project, PhoenixApp.Router router) {
        Matcher forward = FORWARD.matcher(router.module().tree().text(router.module().node()));
        PhoenixApp phoenix = ProjectModel.of(project).phoenix();
        while (forward.find()) {
            String target = forward.group(1);
            if (phoenix.routers().stream().anyMatch(other -> other.module().name().equals(target))
                    || phoenix.endpoint(target) != null) {
                return of(project); // `forward "/admin", ShopWeb.AdminRouter`: its routes are served here too
            }
        }
        return serves(router.module(), router.module().body(), ConfigTimeline.buildTime(project, "prod")) ? SERVED : NONE;
    }

    public boolean served() {
        return this == SERVED;
    }

    private static boolean serves(Module router, List<Node> statements, ConfigTimeline buildTime) {
        SyntaxTree tree = router.tree();
        for (Node statement : statements) {
            Deadline.check();
            String macro = ElixirSyntax.localCallName(tree, statement);
            if (macro == null) {
                continue;
            }
            if (LIVE_ROUTES.contains(macro)) {
                return true;
            }
            Node block = ElixirSyntax.doBlock(statement);
            if (block == null) {
                continue;
            }
            Truth taken = macro.equals("if") || macro.equals("unless")
                    ? takenInProd(tree, statement, macro, buildTime) : Truth.TRUE;
            if (taken != Truth.FALSE && serves(router, ElixirSyntax.blockStatements(block, false), buildTime)
                    || taken != Truth.TRUE && serves(router, ElixirSyntax.blockStatements(block, true), buildTime)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the main branch of an {@code if}/{@code unless} of a router runs in a production build. */
    private static Truth takenInProd(SyntaxTree tree, Node statement, String macro, ConfigTimeline buildTime) {
        List<Node> arguments = ElixirSyntax.arguments(statement);
        if (arguments.isEmpty()) {
            return Truth.UNKNOWN;
        }
        Node condition = arguments.get(0);
        Truth holds = EnvCondition.evaluate(tree, condition, "prod");
        if (holds == Truth.UNKNOWN) {
            holds = appEnvFlag(tree, condition, buildTime);
        }
        return macro.equals("unless") ? holds.not() : holds;
    }

    /**
     * The truth of {@code Application.compile_env(:app, :key, default)} (or {@code get_env}, evaluated when the router
     * compiles) in the production build config: a literal boolean or nil set there, else the literal default.
     */
    private static Truth appEnvFlag(SyntaxTree tree, Node condition, ConfigTimeline buildTime) {
        if (!ElixirSyntax.isRemoteCall(tree, condition, "Application", "compile_env")
                && !ElixirSyntax.isRemoteCall(tree, condition, "Application", "get_env")) {
            return Truth.UNKNOWN;
        }
        List<Node> arguments = ElixirSyntax.arguments(condition);
        String app = arguments.size() >= 2 ? ElixirSyntax.atomName(tree, arguments.get(0)) : null;
        String key = app == null ? null : ElixirSyntax.atomName(tree, arguments.get(1));
        if (key == null) {
            return Truth.UNKNOWN;
        }
        ConfigValue value = buildTime.effective(app, null, key);
        return switch (value.state()) {
            case SET -> literalTruth(value.call().tree(), value.value());
            case UNSET -> arguments.size() < 3 ? Truth.FALSE : literalTruth(tree, arguments.get(2));
            case UNKNOWN -> Truth.UNKNOWN;
        };
    }

    private static Truth literalTruth(SyntaxTree tree, Node value) {
        if (value != null && value.is("boolean")) {
            return Truth.of(tree.text(value).equals("true"));
        }
        return value != null && value.is("nil") ? Truth.FALSE : Truth.UNKNOWN;
    }
}
