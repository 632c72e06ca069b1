package dev.gotchals.model.project;

import java.util.Map;
import java.util.Set;

/**
 * Libraries that read an environment variable themselves when the app runs, and let it win over their
 * application config: a build-time read of that variable into their config is only a fallback, and the value set
 * where the release runs still reaches them. Checked against each library's source.
 */
public final class LibraryEnvReads {
    private static final Map<String, Set<String>> VARIABLES_BY_APP = Map.of(
            // auth_plug's AuthPlug.Token.api_key/0: Envar.get("AUTH_API_KEY", Application.fetch_env!(:auth_plug, :api_key))
            "auth_plug", Set.of("AUTH_API_KEY"),
            // Appsignal.Config.initialize/0 merges the APPSIGNAL_* variables over the :appsignal config, last
            "appsignal", Set.of("APPSIGNAL_PUSH_API_KEY", "APPSIGNAL_APP_NAME", "APPSIGNAL_APP_ENV", "APPSIGNAL_ACTIVE"),
            // otel_resource_detector's add_service_name/2: a set OTEL_SERVICE_NAME is merged first, over the
            // service.name of the :resource config
            "opentelemetry", Set.of("OTEL_SERVICE_NAME"),
            // elixir_auth_google's google_client_id/0 and the like: System.get_env("GOOGLE_CLIENT_ID") ||
            // Application.get_env(:elixir_auth_google, :client_id)
            "elixir_auth_google", Set.of("GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET", "GOOGLE_SCOPE",
                    "GOOGLE_CALLBACK_PATH"),
            // algolia's Algolia.application_id/0 and api_key/0: System.get_env("ALGOLIA_APPLICATION_ID") ||
            // Application.get_env(:algolia, :application_id) || raise …; Algoliax.Config reads its own the same way
            "algolia", Set.of("ALGOLIA_APPLICATION_ID", "ALGOLIA_API_KEY"),
            "algoliax", Set.of("ALGOLIA_APPLICATION_ID", "ALGOLIA_API_KEY"));

    private LibraryEnvReads() {
    }

    /** Whether the library of OTP app {@code app} reads {@code variable} itself at run time, over its config. */
    public static boolean readsItself(String app, String variable) {
        return app != null && variable != null && VARIABLES_BY_APP.getOrDefault(app, Set.of()).contains(variable);
    }
}
