package dev.gotchals.model.config;

import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.Workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A Mix project written to a folder from inline files, opened as the analysis context the models read. */
public final class ConfigProject {
    private ConfigProject() {
    }

    /** Writes {@code files} (path → content) under {@code root} next to a minimal mix.exs, and opens the project. */
    public static ProjectContext open(Path root, Map<String, String> files) {
        try {
            Files.createDirectories(root);
            Files.writeString(root.resolve("mix.exs"), """
                    defmodule Shop.MixProject do
                      use Mix.Project
                      def project, do: [app: :shop, version: "0.1.0", deps: []]
                    end
                    """);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = root.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Workspace workspace = new Workspace(List.of(root));
        return new ProjectContext(workspace.projects().get(0), workspace);
    }
}
