package dev.gotchals.server;

/**
 * Which files the editor is shown findings for: every file of the workspace's projects that has findings (the
 * default: the files where deployment gotchas live are the ones nobody opens), or only the open ones.
 */
enum DiagnosticScope {
    WORKSPACE("workspace"),
    OPEN_FILES("openFiles");

    /** The value of the {@code gotcha.diagnostics.scope} setting. */
    final String label;

    DiagnosticScope(String label) {
        this.label = label;
    }

    /** The scope a setting's value names, or null. */
    static DiagnosticScope fromLabel(String label) {
        for (DiagnosticScope scope : values()) {
            if (scope.label.equals(label)) {
                return scope;
            }
        }
        return null;
    }
}
