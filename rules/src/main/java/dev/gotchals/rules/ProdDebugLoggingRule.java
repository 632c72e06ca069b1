package dev.gotchals.rules;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.edit.ConfigEdits;
import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.Truth;
import dev.gotchals.facts.ProjectFacts;
import dev.gotchals.model.DistilleryConfig;
import dev.gotchals.model.MixFiles;
import dev.gotchals.model.config.ConfigCall;
import dev.gotchals.model.config.ConfigPhase;
import dev.gotchals.model.config.ConfigTimeline;
import dev.gotchals.model.config.ConfigValue;
import dev.gotchals.model.config.OperatorConfig;
import dev.gotchals.model.project.RemoteCalls;
import dev.gotchals.model.project.ProductionShown;
import dev.gotchals.model.project.ProjectModel;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.rule.Rule;
import dev.gotchals.rule.RuleInfo;
import dev.gotchals.rule.Severity;
import dev.gotchals.syntax.Node;
import dev.gotchals.syntax.SyntaxTree;
import dev.gotchals.workspace.FileRole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * GT007 prod-debug-logging: the Logger level that production ends up with is {@code :debug}.
 */
public final class ProdDebugLoggingRule implements Rule {
    public static final RuleInfo INFO = new RuleInfo("GT007", "prod-debug-logging",
            "`:debug` logger level in production", Severity.WARNING, """
            **What it finds.** The `:logger` `level` that production runs with is `:debug` (or `:all`): set in \
            `config/prod.exs` or `config/runtime.exs`, or set in `config/config.exs` and never overridden \
            for prod; where no `:logger` level is set (Logger's own defaults to `:debug`), the same for the \
            level of its console backend or default handler (`config :logger, :console, level: :debug`); or read \
            from an environment variable with `"debug"` as the fallback (as information: the \
            operator sets the level at boot, only a deploy that does not gets debug). Settings in `dev.exs`, \
            `test.exs` and in branches that only run in dev or test are fine, and so is a level read from \
            `LOG_LEVEL` with a sane fallback. \
            Where nothing sets a level for production at all (`prod.exs` lost the `config :logger, level: :info` \
            that `mix phx.new` writes, or there is no `prod.exs`), Logger's own default, `:debug`, is production's: \
            reported on `prod.exs` (else `config.exs`) of a Phoenix project whose repository shows how it deploys \
            (or whose prod config serves a public domain, `url: [host: "shop.com"]`), \
            unless something else may choose the level (a level of the console backend or default handler, \
            backends or a default handler of the project's choosing, a compile-time purge, config loaded at boot, \
            an imported config file the repository lacks, or code that sets the level or removes the console: \
            `Logger.configure/1`, `:logger.set_primary_config/2`, `:logger.update_handler_config/3` …; a backend or \
            handler it adds, such as Sentry's, leaves the console as it is). Nerves firmware is not checked: it \
            logs to the device's memory (RingLogger), which nobody ships or pays for.

            **Why it matters.** At `:debug`, Ecto logs every query with its parameters, Phoenix logs every \
            request's params and socket events, and libraries log what they only log when asked. Production \
            logs grow by orders of magnitude, cost money to ship and store, slow the app under load, and can \
            leak personal data into log storage. Elixir's Logger evaluates every debug call it emits.

            **Instead.** Production normally runs at `:info` (what `mix phx.new` writes in `prod.exs`). To \
            debug a live system, raise the level temporarily with `Logger.configure(level: :debug)` from a \
            remote console, or read it from the environment in `runtime.exs`:
            `config :logger, level: String.to_existing_atom(System.get_env("LOG_LEVEL", "info"))`.

            **Fix.** Sets the level to `:info` for production: in place when the `:debug` is in a \
            production-only file, or as an override in `config/prod.exs` when it comes from `config.exs` \
            (so dev keeps its debug logs); where no level is set, adds `config :logger, level: :info` to \
            `prod.exs` (none where there is no `prod.exs`).""", """
            ```elixir
            # config/prod.exs
            config :logger, level: :debug
            ```
            """, """
            ```elixir
            # config/prod.exs
            config :logger, level: :info

            # config/runtime.exs: adjustable per deployment, :info unless told otherwise
            if config_env() == :prod do
              config :logger, level: String.to_existing_atom(System.get_env("LOG_LEVEL", "info"))
            end
            ```
            """);

    /** Where a level beside Logger's own filters: the console backend (before Elixir 1.15), the default handler. */
    private static final List<String> BACKENDS = List.of("console", "default_handler");
    /** Logger settings that shape what is logged, not which levels. */
    private static final Set<String> FORMAT_KEYS = Set.of("format", "metadata", "colors", "utc_log", "truncate",
            "formatter", "handle_otp_reports", "handle_sasl_reports", "device", "max_buffer", "sync_threshold",
            "discard_threshold", "translators");
    /** Where those settings go: Logger's own, its console backend, its default handler and formatter. */
    private static final Set<String> FORMAT_SUBJECTS = Set.of("console", "default_handler", "default_formatter");

    @Override
    public RuleInfo info() {
        return INFO;
    }

    @Override
    public List<Finding> check(ProjectContext project) {
        if (ProjectModel.of(project).dependsOn("nerves")) {
            return List.of(); // firmware: it logs to the device's ring buffer, read when someone attaches, not served
        }
        ConfigTimeline prod = ConfigTimeline.prod(project);
        ConfigValue effective = prod.effective("logger", null, "level");
        if (effective.state() == ConfigValue.State.UNSET) {
            // Logger's own level defaults to :debug: a backend's or handler's level then decides alone.
            for (String backend : BACKENDS) {
                ConfigValue own = prod.effective("logger", backend, "level");
                String level = own.isSet() ? ElixirSyntax.atomName(own.call().tree(), own.value()) : null;
                if ("debug".equals(level) || "all".equals(level)) {
                    return List.of(literalLevel(project, prod, own, level, backend));
                }
            }
            Finding unset = defaultLevel(project, prod);
            return unset == null ? List.of() : List.of(unset);
        }
        if (!effective.isSet()) {
            return List.of();
        }
        SyntaxTree tree = effective.call().tree();
        String level = ElixirSyntax.atomName(tree, effective.value());
        if ("debug".equals(level) || "all".equals(level)) {
            return List.of(literalLevel(project, prod, effective, level, null));
        }
        Node fallback = debugFallback(tree, effective.value());
        if (fallback != null) {
            return List.of(debugFallbackFinding(project, effective, fallback));
        }
        return List.of();
    }

    /**
     * The finding on a literal debug level: Logger's own, or ({@code backend} not null) that of its console backend or
     * default handler where Logger's own is not set.
     */
    private static Finding literalLevel(ProjectContext project, ConfigTimeline prod, ConfigValue effective, String level,
                                        String backend) {
        DocumentSnapshot file = effective.call().file();
        String fileName = file.path().getFileName().toString();
        boolean fromSharedConfig = effective.call().phase() == ConfigPhase.BUILD && fileName.equals("config.exs");
        String shown = level.equals("all") ? ":all (everything, debug included)" : ":debug";
        String what = backend == null ? "Logger level " + shown
                : "The " + backend.replace('_', ' ') + " level " + shown + " (`config :logger, :" + backend + "`)";
        // Without a level of Logger's own, which defaults to :debug, the backend's decides alone.
        String alone = backend == null ? "" : ", and no :logger level filters before it";
        String notOverridden = backend == null ? "set no :logger level" : "set neither it nor a :logger level";
        // Ecto logs its queries at :debug; a project without a repo has none to log.
        boolean ecto = ProjectFacts.of(project).usesEcto();
        String message = fromSharedConfig
                ? what + " from config/config.exs is never overridden for production (prod.exs and "
                  + "runtime.exs " + notOverridden + "), so the release logs every debug message"
                  + (ecto ? ", Ecto queries included." : ", request params included.")
                : what + " in " + project.project().relativize(file.path()) + " applies to production" + alone + ": "
                  + "every debug message is logged there, " + (ecto ? "Ecto queries and " : "") + "request params "
                  + "included.";

        Fix.Edit toInfo = ConfigEdits.replaceValue(file, effective.value(), ":info");
        int start = toInfo.start();
        int end = toInfo.end();
        List<Fix> fixes = new ArrayList<>();
        if (fromSharedConfig) {
            Fix override = overrideInProd(project, prod);
            if (override != null) {
                fixes.add(override);
            }
            fixes.add(new Fix("Change :" + level + " to :info in config.exs (every environment)", false,
                    List.of(toInfo)));
        } else {
            fixes.add(new Fix("Change :" + level + " to :info", true, List.of(toInfo)));
        }
        return new Finding(INFO, INFO.defaultSeverity(), file, start, end, message, fixes);
    }

    private static Finding debugFallbackFinding(ProjectContext project, ConfigValue effective, Node fallback) {
        DocumentSnapshot file = effective.call().file();
        String message = "Logger level in " + project.project().relativize(file.path()) + " falls back to :debug when "
                + "the environment variable is not set, so a production deploy that forgets it logs every debug message.";
        Fix.Edit toInfo = ConfigEdits.replaceValue(file, fallback, fallback.is("atom") ? ":info" : "\"info\"");
        // The operator chooses the level at boot; only the default is debug: worth knowing, not a mistake for sure.
        return new Finding(INFO, Severity.INFO, file, toInfo.start(), toInfo.end(), message,
                List.of(new Fix("Fall back to info", true, List.of(toInfo))));
    }

    /**
     * The finding where nothing sets a level for production, so Logger's default, :debug, applies: on prod.exs (else
     * config.exs) of a Phoenix project whose repository shows its deployment, when nothing else may choose the level.
     * Null otherwise.
     */
    private static Finding defaultLevel(ProjectContext project, ConfigTimeline prod) {
        Path config = project.project().root().resolve("config");
        DocumentSnapshot prodFile = prod.evaluated(config.resolve("prod.exs"));
        // Without a prod.exs (runtime.exs holds production's settings, or an umbrella's apps do), the shared
        // config.exs is where production's level is missing.
        DocumentSnapshot file = prodFile != null ? prodFile : prod.evaluated(config.resolve("config.exs"));
        if (file == null || !MixFiles.of(project).dependsOn("phoenix") || levelMayBeChosenElsewhere(project, prod)
                || !ProductionShown.of(project).shown()) {
            return null;
        }
        Node first = file.tree().root().namedChildren().stream().filter(node -> !node.is("comment"))
                .findFirst().orElse(null);
        if (first == null) {
            return null;
        }
        boolean ecto = ProjectFacts.of(project).usesEcto();
        String missing = prodFile != null
                ? "config/prod.exs lacks the `config :logger, level: :info` that `mix phx.new` writes there, and no "
                  + "other config file sets one"
                : "no config file evaluated for prod sets one (`mix phx.new` writes `config :logger, level: :info` in "
                  + "config/prod.exs)";
        String message = "No Logger level is set for production: " + missing + ", so Logger's default, :debug, "
                + "applies: every debug message is logged, " + (ecto ? "Ecto queries and " : "")
                + "request params included.";
        // Where a prod.exs holds production's settings, the level goes there; otherwise where is a person's call.
        List<Fix> fixes = prodFile == null ? List.of() : List.of(infoInProd(prodFile,
                "Add `config :logger, level: :info` to config/prod.exs",
                "Production logs at :info (Logger's default is :debug)."));
        return new Finding(INFO, INFO.defaultSeverity(), file, first.startByte(), first.endByte(), message, fixes);
    }

    /**
     * Whether something besides a Logger level may decide what production logs: a logger setting other than formats
     * and metadata (a backend's, handler's or custom backend's, the backends themselves, a compile-time purge, a call
     * that may or may not run), a config file evaluated for prod that the repository lacks or cannot parse, config
     * loaded at boot that may set the level, or the code's own {@code Logger.configure} and the like.
     */
    private static boolean levelMayBeChosenElsewhere(ProjectContext project, ConfigTimeline prod) {
        for (ConfigCall call : prod.calls()) {
            if (!call.app().equals("logger") || call.applies() == Truth.FALSE) {
                continue;
            }
            boolean formatOnly = call.pairs().stream()
                    .allMatch(pair -> FORMAT_KEYS.contains(ElixirSyntax.keywordName(call.tree(), pair)));
            boolean ownSubject = call.subject() == null || FORMAT_SUBJECTS.contains(call.subject());
            if (!formatOnly || !ownSubject || call.keyedValue() != null || call.applies() != Truth.TRUE) {
                return true;
            }
        }
        DocumentSnapshot distillery = DistilleryConfig.of(project);
        return prod.unparsable() != null
                || prod.unseenConfig().stream().anyMatch(unseen -> unseen.mayConfigure("logger"))
                || OperatorConfig.of(project).maySet("logger", null, "level")
                || distillery != null && DistilleryConfig.loadsConfigAtBoot(distillery)
                || LOGGING_SET_IN_CODE.stream().anyMatch(call -> !RemoteCalls.of(project)
                        .find(FileRole.ELIXIR_SOURCE, call.module(), call.function()).isEmpty());
    }

    /** A function of a module, called remotely: {@code Logger.configure}, {@code :logger.set_primary_config}. */
    private record RemoteFunction(String module, String function) {
    }

    /**
     * Calls with which the code sets Logger's level, the console's or default handler's, or removes them
     * ({@code :logger.set_primary_config(:level, :info)} when the app starts). A backend or handler the code adds
     * ({@code Logger.add_backend(Sentry.LoggerBackend)}) leaves the console logging what the level lets through.
     */
    private static final List<RemoteFunction> LOGGING_SET_IN_CODE = List.of(
            new RemoteFunction("Logger", "configure"), new RemoteFunction("Logger", "configure_backend"),
            new RemoteFunction("Logger", "remove_backend"), new RemoteFunction(":logger", "set_primary_config"),
            new RemoteFunction(":logger", "update_primary_config"), new RemoteFunction(":logger", "set_handler_config"),
            new RemoteFunction(":logger", "update_handler_config"), new RemoteFunction(":logger", "remove_handler"));

    /**
     * In a level read from the environment, the {@code "debug"} (or {@code :debug}) it falls back to:
     * {@code System.get_env("LOG_LEVEL", "debug")} or {@code System.get_env("LOG_LEVEL") || "debug"}.
     */
    private static Node debugFallback(SyntaxTree tree, Node value) {
        Node[] found = {null};
        value.forEachDescendant(node -> {
            if (found[0] != null) {
                return;
            }
            if (ElixirSyntax.isRemoteCall(tree, node, "System", "get_env")) {
                List<Node> arguments = ElixirSyntax.arguments(node);
                if (arguments.size() == 2 && isDebug(tree, arguments.get(1))) {
                    found[0] = arguments.get(1);
                }
            } else if (node.is("binary_operator")) {
                Node operator = node.child("operator");
                Node left = node.child("left");
                Node right = node.child("right");
                if (operator != null && tree.text(operator).equals("||") && left != null && right != null
                        && ElixirSyntax.isRemoteCall(tree, left, "System", "get_env") && isDebug(tree, right)) {
                    found[0] = right;
                }
            }
        });
        return found[0];
    }

    private static boolean isDebug(SyntaxTree tree, Node node) {
        return "debug".equals(ElixirSyntax.stringLiteral(tree, node)) || "debug".equals(ElixirSyntax.atomName(tree, node));
    }

    /** Appends {@code config :logger, level: :info} to prod.exs, when config.exs imports it for prod. */
    private static Fix overrideInProd(ProjectContext project, ConfigTimeline prod) {
        DocumentSnapshot prodFile = prod.evaluated(project.project().root().resolve("config/prod.exs"));
        return prodFile == null ? null : infoInProd(prodFile,
                "Override with `config :logger, level: :info` in config/prod.exs",
                "Production logs at :info; config.exs sets :debug for development.");
    }

    /** The safe fix that appends {@code config :logger, level: :info} to prod.exs, under a comment saying why. */
    private static Fix infoInProd(DocumentSnapshot prodFile, String title, String comment) {
        return new Fix(title, true, List.of(ConfigEdits.append(prodFile,
                "# " + comment + "\nconfig :logger, level: :info\n")));
    }
}
