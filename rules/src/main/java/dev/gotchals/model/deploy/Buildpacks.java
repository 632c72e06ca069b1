package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code .buildpacks}: the buildpacks a Heroku-style platform runs, in order. On Gigalixir the list also decides
 * how the app runs: a list holding a release buildpack ({@code gigalixir-buildpack-releases},
 * {@code gigalixir-buildpack-distillery}) builds a release and starts it; one whose last buildpack is
 * {@code gigalixir-buildpack-mix} runs the app with Mix ({@code mix phx.server}, config evaluated at boot), whatever
 * other files the repository keeps. Other lists leave it to the Procfile; without one, the Elixir and Phoenix static
 * buildpacks' own default process runs Mix ({@code mix phx.server}, or {@code mix run --no-halt}), whatever a
 * rel/ folder beside them configures.
 */
public final class Buildpacks {
    /** How the listed buildpacks run the app. */
    public enum Mode { MIX, RELEASE }

    private static final Set<String> RELEASE_BUILDPACKS = Set.of("gigalixir-buildpack-releases",
            "gigalixir-buildpack-distillery");
    private static final String MIX_BUILDPACK = "gigalixir-buildpack-mix";
    /** Buildpacks whose default web process, when no Procfile names one, starts the app with Mix. */
    private static final Set<String> MIX_DEFAULT_BUILDPACKS = Set.of("heroku-buildpack-elixir",
            "heroku-buildpack-phoenix-static", "phoenix-static-buildpack");

    private final DocumentSnapshot file;
    private final List<String> names;
    /** Whether a Procfile names the processes: the buildpacks' defaults then go unused. */
    private final boolean procfile;

    private Buildpacks(DocumentSnapshot file, List<String> names, boolean procfile) {
        this.file = file;
        this.names = List.copyOf(names);
        this.procfile = procfile;
    }

    /** The list in the file, or null without a file; {@code procfile}: whether the project has a Procfile. */
    static Buildpacks read(DocumentSnapshot file, boolean procfile) {
        if (file == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String line : file.text().text().split("\n")) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                names.add(name(entry));
            }
        }
        return new Buildpacks(file, names, procfile);
    }

    /** {@code https://github.com/gigalixir/gigalixir-buildpack-mix.git#v2} → {@code gigalixir-buildpack-mix}. */
    private static String name(String entry) {
        String url = entry.contains("#") ? entry.substring(0, entry.indexOf('#')) : entry;
        url = url.replaceAll("/+$", "");
        String last = url.substring(url.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return last.endsWith(".git") ? last.substring(0, last.length() - ".git".length()) : last;
    }

    public DocumentSnapshot file() {
        return file;
    }

    /** The buildpacks' repository names, in order. */
    public List<String> names() {
        return names;
    }

    /** The release buildpack the list runs, or null. */
    public String releaseBuildpack() {
        return names.stream().filter(RELEASE_BUILDPACKS::contains).findFirst().orElse(null);
    }

    /** How the list runs the app, or null when it does not say (a Procfile decides). */
    public Mode mode() {
        if (releaseBuildpack() != null) {
            return Mode.RELEASE;
        }
        if (!names.isEmpty() && names.get(names.size() - 1).equals(MIX_BUILDPACK)) {
            return Mode.MIX;
        }
        return !procfile && names.stream().anyMatch(MIX_DEFAULT_BUILDPACKS::contains) ? Mode.MIX : null;
    }
}
