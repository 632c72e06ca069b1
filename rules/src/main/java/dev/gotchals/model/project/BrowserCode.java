package dev.gotchals.model.project;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;
import dev.gotchals.workspace.FileRole;

import java.util.List;

/**
 * The project's own browser code ({@link FileRole#PAGE_SCRIPT}), as the text every visitor's browser is sent: a value
 * written there too ({@code const EMAIL_KEY = '4rXT…'} beside {@code email_encryption_key: "4rXT…"} in config) is
 * public by design, whatever its name says.
 */
public final class BrowserCode {
    /** Values shorter than this say nothing by appearing in a script: {@code "admin"}, {@code "secret"}. */
    private static final int MIN_LENGTH = 12;

    private final List<DocumentSnapshot> scripts;

    private BrowserCode(List<DocumentSnapshot> scripts) {
        this.scripts = scripts;
    }

    public static BrowserCode of(ProjectContext project) {
        return project.model(BrowserCode.class, context -> new BrowserCode(context.files(FileRole.PAGE_SCRIPT)));
    }

    /** Whether a page script of the project holds {@code value} as written: every visitor's browser receives it. */
    public boolean ships(String value) {
        if (value == null || value.strip().length() < MIN_LENGTH) {
            return false;
        }
        String wanted = value.strip();
        return scripts.stream().anyMatch(script -> script.text().text().contains(wanted));
    }
}
