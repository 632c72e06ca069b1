package dev.gotchals.cli;

import dev.gotchals.rule.RelatedLocation;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextPosition;

import java.nio.file.Path;

/**
 * A related location of a finding as the command line reports it: shown path, 1-based lines and columns in UTF-16
 * code units (end column after the last character), and what the place contributes.
 */
record ReportedLocation(RelatedLocation location, String file, int line, int column, int endLine, int endColumn) {

    static ReportedLocation of(RelatedLocation location, Path workingDirectory) {
        TextPosition start = location.file().text().positionAt(location.start(), PositionEncoding.UTF16);
        TextPosition end = location.file().text().positionAt(location.end(), PositionEncoding.UTF16);
        return new ReportedLocation(location, DisplayPath.of(location.file().path(), workingDirectory),
                start.line() + 1, start.character() + 1, end.line() + 1, end.character() + 1);
    }

    String message() {
        return location.message();
    }

    /** {@code path:line:col: message}, as the text output and annotations show it under their finding. */
    String describe() {
        return file + ":" + line + ":" + column + ": " + message();
    }
}
