package dev.gotchals.edit;

import dev.gotchals.model.deploy.DockerImage;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.MixProject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files {@code mix phx.gen.release} writes so that a release can migrate without Mix:
 * {@code lib/<app>/release.ex} (a {@code Release} module built on {@code Ecto.Migrator}) and
 * {@code rel/overlays/bin/migrate}, plus the {@code COPY rel rel} a Dockerfile needs to put the overlay in the release.
 */
public final class ReleaseFiles {
    private ReleaseFiles() {
    }

    /**
     * The changes that give the release a working {@code bin/migrate}: release.ex unless a module already runs
     * Ecto.Migrator, the overlay script when missing, {@code COPY rel rel} before {@code mix release} when the image
     * that builds it does not copy {@code rel/}. Null when they cannot be made: an umbrella (the generator refuses
     * it), an unknown release name, a release.ex that exists without a migrator.
     *
     * @param hasMigrator  whether a module of the project already calls Ecto.Migrator
     * @param release      the release's name ({@code bin/<release>}), or null when unknown
     * @param releaseImage the image that runs {@code mix release}, or null
     */
    public static List<Fix.Change> migrateSetup(ProjectContext project, boolean hasMigrator, String release,
                                                DockerImage releaseImage) {
        MixProject mix = project.project();
        List<Fix.Change> changes = new ArrayList<>();
        if (!hasMigrator) {
            Path releaseEx = mix.root().resolve("lib").resolve(mix.appName()).resolve("release.ex");
            if (mix.umbrella() || project.file(releaseEx) != null) {
                return null;
            }
            changes.add(new Fix.CreateFile(releaseEx, releaseModule(mix.modulePrefix(), mix.appName())));
        }
        Path migrate = mix.root().resolve("rel/overlays/bin/migrate");
        if (project.file(migrate) == null) {
            if (release == null || mix.umbrella()) {
                return null;
            }
            changes.add(new Fix.CreateFile(migrate, migrateScript(release, mix.modulePrefix())));
        }
        if (releaseImage != null && releaseImage.copies(releaseImage.releaseStage()).stream()
                .noneMatch(copy -> copy.bringsFromContext("rel"))) {
            changes.add(DockerfileEdits.insertBefore(releaseImage.file(), releaseImage.releaseRun(), "COPY rel rel"));
        }
        return changes;
    }

    /** Whether the changes create {@code rel/overlays/bin/migrate}, which must then be made executable. */
    public static boolean createsMigrateScript(List<Fix.Change> changes) {
        return changes.stream().anyMatch(change -> change instanceof Fix.CreateFile create
                && create.path().getFileName().toString().equals("migrate"));
    }

    /** The module {@code mix phx.gen.release} (Phoenix 1.7) writes to lib/&lt;app&gt;/release.ex. */
    public static String releaseModule(String prefix, String app) {
        return """
                defmodule %s.Release do
                  @moduledoc \"""
                  Used for executing DB release tasks when run in production without Mix
                  installed.
                  \"""
                  @app :%s

                  def migrate do
                    load_app()

                    for repo <- repos() do
                      {:ok, _, _} = Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :up, all: true))
                    end
                  end

                  def rollback(repo, version) do
                    load_app()
                    {:ok, _, _} = Ecto.Migrator.with_repo(repo, &Ecto.Migrator.run(&1, :down, to: version))
                  end

                  defp repos do
                    Application.fetch_env!(@app, :ecto_repos)
                  end

                  defp load_app do
                    Application.load(@app)
                  end
                end
                """.formatted(prefix, app);
    }

    /** The rel/overlays/bin/migrate script {@code mix phx.gen.release} writes for release {@code release}. */
    public static String migrateScript(String release, String prefix) {
        return """
                #!/bin/sh
                set -eu

                cd -P -- "$(dirname -- "$0")"
                exec ./%s eval %s.Release.migrate
                """.formatted(release, prefix);
    }
}
