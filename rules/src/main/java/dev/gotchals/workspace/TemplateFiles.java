package dev.gotchals.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Files kept as the template of another: what an operator copies and fills in, not what a deployment reads. */
public final class TemplateFiles {
    /** Endings of a file kept as the template of another ({@code cadet.exs.example}, {@code .env.sample}). */
    public static final List<String> SUFFIXES = List.of(".example", ".sample", ".template", ".dist", ".default");

    private TemplateFiles() {
    }

    /**
     * Whether the file is a template by its name or its folder: a template word anywhere in its name
     * ({@code .env.example}, {@code example.env}), or a {@code templates/} folder on its path
     * ({@code config/templates/public.env}).
     */
    public static boolean isTemplate(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        for (Path part : path) {
            if (part.toString().equalsIgnoreCase("templates")) {
                return true;
            }
        }
        return SUFFIXES.stream().anyMatch(suffix -> name.contains(suffix.substring(1)));
    }
}
