package dev.gotchals.cli;

import dev.gotchals.rule.Finding;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextDocument;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What identifies a finding across edits that do not touch it: a hash of the text of the line it starts on, with
 * its whitespace trimmed and collapsed, so that moving the line or re-indenting it keeps the hash and changing it
 * does not. The baseline matches on it, and SARIF carries it as a partial fingerprint. A hash, not the text: the
 * line may hold a secret.
 */
final class LineFingerprint {
    private LineFingerprint() {
    }

    static String of(Finding finding) {
        TextDocument text = finding.file().text();
        int line = text.positionAt(finding.start(), PositionEncoding.UTF16).line();
        return hash(text.lineText(line));
    }

    static String hash(String line) {
        String normalized = line.strip().replaceAll("\\s+", " ");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalized.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
