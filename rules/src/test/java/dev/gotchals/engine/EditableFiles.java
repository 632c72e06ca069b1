package dev.gotchals.engine;

import dev.gotchals.workspace.FileRole;
import dev.gotchals.workspace.MixProject;
import dev.gotchals.workspace.Workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The files of a workspace that deployment gotchas live in (mix.exs, config, Dockerfiles, manifests, release
 * scripts, routers, controllers, endpoints), with their first text, plus the usual ones a project lacks, with a plausible
 * text to create them with.
 */
final class EditableFiles {
    private static final Set<FileRole> DEPLOYMENT_ROLES = Set.of(FileRole.CONFIG, FileRole.DOCKERFILE,
            FileRole.DEPLOY_MANIFEST, FileRole.RELEASE_SCRIPT, FileRole.RELEASE_ENV_SCRIPT, FileRole.RELEASE_CONFIG,
            FileRole.ENTRYPOINT_SCRIPT, FileRole.PROJECT_SETTINGS, FileRole.MIX_PROJECT);
    private static final List<String> WEB_SOURCES = List.of("router", "controller", "endpoint", "plug", "health",
            "application", "release");
    private static final Map<String, String> CREATABLE = Map.of(
            "rel/env.sh.eex", "#!/bin/sh\nexport PHX_SERVER=true\n",
            "config/runtime.exs", "import Config\n\nif config_env() == :prod do\n  config :app, App.Endpoint, server: true\nend\n",
            "fly.toml", "app = \"app\"\n\n[http_service]\n  internal_port = 4000\n",
            "Dockerfile", "FROM elixir:1.17 AS build\nENV MIX_ENV=prod\nRUN mix release\nFROM debian:bookworm-slim\n"
                    + "COPY --from=build /app/_build/prod/rel/app ./\nCMD [\"/app/bin/server\"]\n",
            "rel/overlays/bin/server", "#!/bin/sh\ncd -P -- \"$(dirname -- \"$0\")\"\nPHX_SERVER=true exec ./app start\n");

    /** What kind of text a file holds, which decides the fragments typed into it. */
    enum Kind { ELIXIR, DOCKERFILE, TOML, SHELL }

    private final Map<Path, String> originals;
    private final List<Path> paths;

    private EditableFiles(Map<Path, String> originals) {
        this.originals = originals;
        this.paths = List.copyOf(originals.keySet());
    }

    static EditableFiles of(Workspace workspace) throws IOException {
        Map<Path, String> originals = new LinkedHashMap<>();
        for (MixProject project : workspace.projects()) {
            for (FileRole role : FileRole.values()) {
                for (Path path : project.files(role)) {
                    if (DEPLOYMENT_ROLES.contains(role) || role == FileRole.ELIXIR_SOURCE && webSource(path)) {
                        originals.put(path, Files.readString(path));
                    }
                }
            }
            for (Map.Entry<String, String> creatable : CREATABLE.entrySet()) {
                Path path = project.root().resolve(creatable.getKey());
                if (!Files.exists(path)) {
                    originals.put(path, creatable.getValue());
                }
            }
        }
        return new EditableFiles(originals);
    }

    /** The files of one kind only: for sequences that type into Dockerfiles alone. */
    EditableFiles only(Kind kind) {
        Map<Path, String> kept = new LinkedHashMap<>();
        originals.forEach((path, text) -> {
            if (kind(path) == kind) {
                kept.put(path, text);
            }
        });
        return new EditableFiles(kept);
    }

    Path pick(Random random) {
        return paths.get(random.nextInt(paths.size()));
    }

    /** The file's text when the sequence started, or the text it is created with. */
    String original(Path path) {
        return originals.get(path);
    }

    /** Every file, existing or creatable. */
    List<Path> all() {
        return paths;
    }

    Kind kind(Path path) {
        String name = path.getFileName().toString();
        if (name.endsWith(".ex") || name.endsWith(".exs")) {
            return Kind.ELIXIR;
        }
        if (name.contains("Dockerfile") || name.contains("Containerfile")) {
            return Kind.DOCKERFILE;
        }
        return name.endsWith(".toml") ? Kind.TOML : Kind.SHELL;
    }

    private static boolean webSource(Path path) {
        String name = path.getFileName().toString();
        return WEB_SOURCES.stream().anyMatch(name::contains);
    }
}
