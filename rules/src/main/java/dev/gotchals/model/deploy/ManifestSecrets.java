package dev.gotchals.model.deploy;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.ProjectContext;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values that the ready-to-apply Kubernetes {@code Secret} manifests of the repository commit: the entries of
 * {@code data:} (base64, which encodes and hides nothing) and of {@code stringData:}, and the {@code literals:} of a
 * kustomization's {@code secretGenerator:}, from which kustomize makes the Secret. Helm charts are left out, as in
 * {@link ManifestEnvironment}.
 */
public final class ManifestSecrets {
    private static final Pattern KIND_SECRET = Pattern.compile("^kind:\\s*[\"']?Secret[\"']?\\s*(?:#.*)?$");
    private static final Pattern BLOCK = Pattern.compile("^(data|stringData):\\s*(?:#.*)?$");
    private static final Pattern ENTRY = Pattern.compile("^(\\s+)([A-Za-z_][A-Za-z0-9_.-]*):\\s*(\\S.*?)\\s*(?:\\s#.*)?$");
    private static final Pattern KIND_KUSTOMIZATION = Pattern.compile("^kind:\\s*[\"']?Kustomization[\"']?\\s*(?:#.*)?$");
    private static final Pattern SECRET_GENERATOR = Pattern.compile("^secretGenerator:\\s*(?:#.*)?$");
    /** A literal of a generator: {@code - NAME=value}, the item perhaps quoted whole. */
    private static final Pattern LITERAL = Pattern.compile("^\\s*-\\s+([\"']?)([A-Za-z_][A-Za-z0-9_.-]*)=(.*?)\\1\\s*$");

    /**
     * One committed value.
     *
     * @param value the value as the container gets it (decoded from base64 for {@code data:})
     * @param start     where it is written in the file, its quotes left out
     * @param generated whether it is a literal of a kustomization's {@code secretGenerator:} rather than of a Secret
     */
    public record Entry(DocumentSnapshot file, String name, String value, int start, int end, boolean generated) {
    }

    private final List<Entry> entries;

    private ManifestSecrets(List<Entry> entries) {
        this.entries = entries;
    }

    public static ManifestSecrets of(ProjectContext project) {
        return project.model(ManifestSecrets.class, ManifestSecrets::read);
    }

    /** Every value a Secret manifest commits, in file order. */
    public List<Entry> entries() {
        return entries;
    }

    private static ManifestSecrets read(ProjectContext project) {
        List<Entry> entries = new ArrayList<>();
        for (DocumentSnapshot file : ManifestEnvironment.appliedManifests(project)) {
            if (file.text().text().contains("Secret") || file.text().text().contains("secretGenerator")) {
                read(file, entries);
            }
        }
        return new ManifestSecrets(List.copyOf(entries));
    }

    /** Reads each YAML document ({@code ---} between them) of kind Secret. */
    private static void read(DocumentSnapshot file, List<Entry> into) {
        String[] lines = file.text().text().split("\n", -1);
        int[] offsets = new int[lines.length];
        for (int i = 1; i < lines.length; i++) {
            offsets[i] = offsets[i - 1] + lines[i - 1].length() + 1;
        }
        int documentStart = 0;
        for (int i = 0; i <= lines.length; i++) {
            if (i == lines.length || lines[i].startsWith("---")) {
                readDocument(file, lines, offsets, documentStart, i, into);
                documentStart = i + 1;
            }
        }
    }

    private static void readDocument(DocumentSnapshot file, String[] lines, int[] offsets, int from, int to,
                                     List<Entry> into) {
        boolean secret = false;
        boolean kustomization = file.path().getFileName().toString().startsWith("kustomization.");
        for (int i = from; i < to; i++) {
            secret |= KIND_SECRET.matcher(lines[i].stripTrailing()).matches();
            kustomization |= KIND_KUSTOMIZATION.matcher(lines[i].stripTrailing()).matches();
        }
        if (kustomization) {
            readGeneratorLiterals(file, lines, offsets, from, to, into);
        }
        if (!secret) {
            return;
        }
        for (int i = from; i < to; i++) {
            Matcher block = BLOCK.matcher(lines[i].stripTrailing());
            if (!block.matches()) {
                continue;
            }
            boolean encoded = block.group(1).equals("data");
            for (int j = i + 1; j < to; j++) {
                Matcher entry = ENTRY.matcher(lines[j].stripTrailing());
                if (!entry.matches()) {
                    if (!lines[j].isBlank() && !Character.isWhitespace(lines[j].charAt(0))) {
                        break; // the next top-level key: the block is over
                    }
                    continue;
                }
                String written = entry.group(3);
                boolean quoted = written.length() >= 2 && (written.startsWith("\"") && written.endsWith("\"")
                        || written.startsWith("'") && written.endsWith("'"));
                String unquoted = quoted ? written.substring(1, written.length() - 1) : written;
                String value = encoded ? decoded(unquoted) : unquoted;
                if (value != null) {
                    int start = offsets[j] + entry.start(3) + (quoted ? 1 : 0);
                    into.add(new Entry(file, entry.group(2), value, start, start + unquoted.length(), false));
                }
            }
        }
    }

    /** The {@code literals:} items below {@code secretGenerator:}, up to the next top-level key. */
    private static void readGeneratorLiterals(DocumentSnapshot file, String[] lines, int[] offsets, int from, int to,
                                              List<Entry> into) {
        for (int i = from; i < to; i++) {
            if (!SECRET_GENERATOR.matcher(lines[i].stripTrailing()).matches()) {
                continue;
            }
            for (int j = i + 1; j < to; j++) {
                if (!lines[j].isBlank() && !Character.isWhitespace(lines[j].charAt(0)) && !lines[j].startsWith("-")) {
                    break; // the next top-level key: the generators are over
                }
                Matcher literal = LITERAL.matcher(lines[j].stripTrailing());
                if (literal.matches() && !literal.group(3).isEmpty()) {
                    int start = offsets[j] + literal.start(3);
                    into.add(new Entry(file, literal.group(2), literal.group(3), start, start + literal.group(3).length(),
                            true));
                }
            }
        }
    }

    /**
     * The text a base64 value holds, or null when it is not base64 of UTF-8 text ({@code POSTGRES_PASSWORD: pass}
     * under {@code data:} decodes to three bytes that are no text: the word was meant for {@code stringData:}).
     */
    private static String decoded(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return text.chars().allMatch(c -> c >= 0x20 || c == '\n' || c == '\t') ? text.strip() : null;
        } catch (IllegalArgumentException | CharacterCodingException notBase64OfText) {
            return null;
        }
    }
}
