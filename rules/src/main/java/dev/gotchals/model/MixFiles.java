package dev.gotchals.model;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.mix.MixExs;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.FileRole;

import java.util.ArrayList;
import java.util.List;

/**
 * The project's mix.exs files, read once per analysis for every model that needs them (the project model, the
 * release build's Elixir requirement).
 *
 * @param own the project's own mix.exs (an umbrella's root); read as empty when it cannot be read
 * @param all the project's own first, then its umbrella apps'
 */
public record MixFiles(MixExs own, List<MixExs> all) {
    public static MixFiles of(ProjectContext project) {
        return project.model(MixFiles.class, MixFiles::read);
    }

    /** Whether a mix.exs of the project depends on that package. */
    public boolean dependsOn(String app) {
        return all.stream().anyMatch(mixfile -> mixfile.dependency(app) != null);
    }

    /**
     * Whether the build has that package: a mix.exs depends on it, or on a package that the lock says needs it
     * (mix_docker brings Distillery, and with it Distillery's {@code mix release}).
     */
    public boolean brings(String app, MixLock lock) {
        return dependsOn(app) || all.stream().flatMap(mixfile -> mixfile.deps().stream())
                .anyMatch(dependency -> lock.needs(dependency.name(), app));
    }

    /** Whether the build has a release tool of its own, Distillery or exrm, whose {@code mix release} builds one. */
    public boolean bringsReleaseTool(MixLock lock) {
        return brings("distillery", lock) || brings("exrm", lock);
    }

    private static MixFiles read(ProjectContext project) {
        MixExs own = MixExs.read(project.file(project.project().root().resolve("mix.exs")));
        List<MixExs> all = new ArrayList<>();
        all.add(own);
        for (DocumentSnapshot file : project.files(FileRole.MIX_PROJECT)) {
            if (own.file() == null || !file.path().equals(own.file().path())) {
                all.add(MixExs.read(file));
            }
        }
        return new MixFiles(own, List.copyOf(all));
    }
}
