package dev.gotchals.model.project;

import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.MixProject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether the project has Ecto migrations to run: a script in a {@code migrations} folder under {@code priv/} of the
 * project or of an umbrella app ({@code priv/repo/migrations/20240101000000_create_users.exs}, any repo's folder,
 * nested as a repo's {@code priv:} option may place it, {@code tenant_migrations} too), or a compiled module that uses {@code Ecto.Migration}.
 * The {@code .formatter.exs} that {@code mix phx.new} leaves in an empty migrations folder is no migration.
 */
public final class EctoMigrations {
    private static final String FOLDER = "migrations";
    /** priv/&lt;repo&gt;/migrations/&lt;file&gt;, with room for a repo folder nested one level deeper. */
    private static final int DEPTH = 4;

    private EctoMigrations() {
    }

    /** Whether any migration is committed. */
    public static boolean present(ProjectContext project) {
        if (ProjectModel.of(project).modules().inFilesMentioning("Ecto.Migration").stream()
                .anyMatch(module -> module.uses("Ecto.Migration", null))) {
            return true;
        }
        MixProject mix = project.project();
        List<Path> roots = new ArrayList<>(List.of(mix.root()));
        mix.apps().forEach(app -> roots.add(app.root()));
        return roots.stream().anyMatch(root -> holdsMigration(root.resolve("priv")));
    }

    private static boolean holdsMigration(Path priv) {
        if (!Files.isDirectory(priv)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(priv, DEPTH)) {
            return files.anyMatch(EctoMigrations::isMigration);
        } catch (IOException | UncheckedIOException e) {
            return true; // unreadable: assume there is something to migrate
        }
    }

    private static boolean isMigration(Path file) {
        String name = file.getFileName().toString();
        Path parent = file.getParent();
        return name.endsWith(".exs") && !name.startsWith(".") && parent != null
                && parent.getFileName().toString().endsWith(FOLDER) && Files.isRegularFile(file);
    }
}
