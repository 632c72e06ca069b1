package dev.gotchals.rule;

import dev.gotchals.document.DocumentSnapshot;

import java.util.List;

/**
 * What a project's {@code .gotcha.exs} says: the settings that could be read, and a problem for each entry that
 * could not (the rest of the file still applies).
 *
 * @param file     the version of the file that was read, or null when the project has none
 * @param settings the settings of the valid entries
 * @param problems what is wrong with the other entries, in file order
 */
public record SettingsFile(DocumentSnapshot file, Settings settings, List<Problem> problems) {
    /** A project without a settings file. */
    public static final SettingsFile NONE = new SettingsFile(null, Settings.DEFAULT, List.of());

    public SettingsFile {
        problems = List.copyOf(problems);
    }

    /**
     * One invalid entry.
     *
     * @param start   char offset into the file's text where the offending entry starts
     * @param end     char offset where it ends
     * @param message what is wrong and what was expected
     */
    public record Problem(int start, int end, String message) {
    }
}
