package dev.gotchals.model.project;

import dev.gotchals.elixir.ModuleIndex.Module;
import dev.gotchals.model.MixLock;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.syntax.Deadline;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Client libraries of web services, which read their application config only when the app calls them: an API key
 * in {@code config :ex_aws, …} reaches a request only through a call of {@code ExAws}. Where neither the project's
 * code nor a library that depends on it calls one, its config is dead, whatever it holds (a dependency left over
 * from a feature that was removed, uploads signed by the app's own code). Libraries that start with the app and
 * read their config then (APM agents, error trackers, logger backends) are not among them: no call of theirs need
 * appear for their config to take effect. Checked against each library's source.
 */
public final class ClientLibraries {
    /** OTP app → the namespace of its modules. */
    private static final Map<String, String> NAMESPACES = Map.of(
            // ExAws.Config.new/2 reads the :ex_aws config for each request; its application only starts caches
            "ex_aws", "ExAws",
            "ex_aws_s3", "ExAws.S3",
            // Stripe.API.request/5 resolves :api_key from the :stripity_stripe config per request
            "stripity_stripe", "Stripe",
            // ExOpenAI.Config and OpenAI.Config read the api key when a request is built
            "ex_openai", "ExOpenAI",
            "openai", "OpenAI");

    private final ProjectModel model;
    private final AppEnvReads code;
    private final MixLock lock;
    private final Map<String, Boolean> called = new HashMap<>();

    private ClientLibraries(ProjectContext project) {
        this.model = ProjectModel.of(project);
        this.code = AppEnvReads.of(project);
        this.lock = MixLock.of(project);
    }

    public static ClientLibraries of(ProjectContext project) {
        return project.model(ClientLibraries.class, ClientLibraries::new);
    }

    /**
     * Whether {@code app} is one of these client libraries, and its {@code key} reaches nothing: the project's code
     * reads none of its config itself ({@code Application.get_env(:stripity_stripe, :api_key)}), no module names its
     * namespace, and every locked package that depends on it (Waffle on ExAws, for its S3 storage) is another of them
     * that nothing calls. False when the project's code or its mix.lock is not in sight.
     */
    public boolean neverCalled(String app, String key) {
        if (app == null || !NAMESPACES.containsKey(app) || model.modules().isEmpty() || lock.packages() == null
                || code.codeReadsConfigOf(app, key)) {
            return false;
        }
        return !called(app, new HashSet<>());
    }

    private boolean called(String app, Set<String> visiting) {
        Boolean known = called.get(app);
        if (known != null) {
            return known;
        }
        String namespace = NAMESPACES.get(app);
        if (namespace == null || !visiting.add(app)) {
            return namespace == null; // a library of another kind may call it; a cycle adds no caller
        }
        boolean result = named(namespace);
        for (String dependent : lock.dependents(app)) {
            result = result || called(dependent, visiting);
        }
        called.put(app, result);
        return result;
    }

    /** Whether a module of the project names a module of the namespace ({@code ExAws.S3.upload}, {@code alias Stripe}). */
    private boolean named(String namespace) {
        String last = namespace.substring(namespace.lastIndexOf('.') + 1);
        for (Module module : model.modules().inFilesMentioning(last)) {
            Deadline.check();
            if (module.mentions(namespace)) {
                return true;
            }
        }
        return false;
    }
}
