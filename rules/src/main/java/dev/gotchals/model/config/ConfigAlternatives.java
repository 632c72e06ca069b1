package dev.gotchals.model.config;

import dev.gotchals.elixir.ElixirSyntax;
import dev.gotchals.elixir.Truth;
import dev.gotchals.syntax.Node;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Named alternatives in an app's config, of which the app's config selects one by name: {@code config
 * :active_storage, :services, amazon: […], minio: […], local: […]} beside {@code config :active_storage, :service,
 * :amazon}. What sits under an alternative production does not select (a local MinIO's test login) is not used there.
 */
public final class ConfigAlternatives {
    private ConfigAlternatives() {
    }

    /**
     * Whether {@code entry} sits under one of several named alternatives of {@code call} (top-level keys holding
     * keyword lists) while the app's config for this environment names another of them, and never this one, as an
     * atom value.
     */
    public static boolean unselected(ConfigTimeline timeline, ConfigCall call, ConfigEntry entry) {
        ConfigEntry top = entry;
        while (top.parent() != null) {
            top = top.parent();
        }
        if (top == entry) {
            return false;
        }
        Set<String> alternatives = new HashSet<>();
        for (ConfigEntry candidate : ConfigEntry.of(call)) {
            Node value = candidate.value();
            if (candidate.parent() == null && (value.is("list") || value.is("keywords"))) {
                alternatives.add(candidate.key());
            }
        }
        if (alternatives.size() < 2 || !alternatives.contains(top.key())) {
            return false;
        }
        Set<String> named = namedAtoms(timeline, call.app());
        return !named.contains(top.key()) && named.stream().anyMatch(alternatives::contains);
    }

    /** The atoms the app's config sets as values ({@code :amazon} of {@code config :app, :service, :amazon}). */
    private static Set<String> namedAtoms(ConfigTimeline timeline, String app) {
        Set<String> atoms = new HashSet<>();
        for (ConfigCall call : timeline.calls()) {
            if (!call.app().equals(app) || call.applies() == Truth.FALSE) {
                continue;
            }
            addAtom(call, call.keyedValue(), atoms);
            for (ConfigEntry entry : ConfigEntry.of(call)) {
                addAtom(call, entry.value(), atoms);
            }
        }
        return atoms;
    }

    private static void addAtom(ConfigCall call, Node value, Set<String> atoms) {
        String atom = value != null && value.is("atom") ? ElixirSyntax.atomName(call.tree(), value) : null;
        if (atom != null) {
            atoms.add(atom);
        }
    }
}
