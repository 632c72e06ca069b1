package dev.gotchals.server;

import com.google.gson.JsonObject;
import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.Fix;
import dev.gotchals.rule.RelatedLocation;
import dev.gotchals.rule.Severity;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextDocument;
import dev.gotchals.text.TextPosition;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CreateFile;
import org.eclipse.lsp4j.CreateFileOptions;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DiagnosticTag;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ResourceOperation;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns findings and fixes into LSP objects, in the position encoding agreed with the client. A finding's related
 * locations become {@code relatedInformation} for a client that declares it, except those in files outside the
 * workspace folders, which the editor could not open as part of the project.
 */
final class ProtocolConversions {
    static final String SOURCE = "gotcha";

    private final PositionEncoding encoding;
    private final boolean documentChanges;
    private final Function<Path, String> uriOf;
    private final boolean relatedInformation;
    private final Predicate<Path> insideWorkspace;
    /** The version of the open document an edit computed on a snapshot applies to; null for a file not open. */
    private final Function<DocumentSnapshot, Integer> editedVersion;

    ProtocolConversions(PositionEncoding encoding, boolean documentChanges, Function<Path, String> uriOf,
                        boolean relatedInformation, Predicate<Path> insideWorkspace) {
        this(encoding, documentChanges, uriOf, relatedInformation, insideWorkspace,
                file -> file.version() == DocumentSnapshot.ON_DISK ? null : file.version());
    }

    ProtocolConversions(PositionEncoding encoding, boolean documentChanges, Function<Path, String> uriOf,
                        boolean relatedInformation, Predicate<Path> insideWorkspace,
                        Function<DocumentSnapshot, Integer> editedVersion) {
        this.encoding = encoding;
        this.documentChanges = documentChanges;
        this.uriOf = uriOf;
        this.relatedInformation = relatedInformation;
        this.insideWorkspace = insideWorkspace;
        this.editedVersion = editedVersion;
    }

    /** Whether the client's capabilities declare {@code textDocument.publishDiagnostics.relatedInformation}. */
    static boolean supportsRelatedInformation(ClientCapabilities capabilities) {
        return capabilities != null && capabilities.getTextDocument() != null
                && capabilities.getTextDocument().getPublishDiagnostics() != null
                && Boolean.TRUE.equals(capabilities.getTextDocument().getPublishDiagnostics().getRelatedInformation());
    }

    PositionEncoding encoding() {
        return encoding;
    }

    Range range(TextDocument text, int start, int end) {
        return new Range(position(text.positionAt(start, encoding)), position(text.positionAt(end, encoding)));
    }

    static Position position(TextPosition position) {
        return new Position(position.line(), position.character());
    }

    static TextPosition textPosition(Position position) {
        return new TextPosition(position.getLine(), position.getCharacter());
    }

    Diagnostic diagnostic(Finding finding) {
        Diagnostic diagnostic = new Diagnostic(range(finding.file().text(), finding.start(), finding.end()),
                finding.message(), severity(finding.severity()), SOURCE, finding.rule().id());
        JsonObject data = new JsonObject();
        data.addProperty("slug", finding.rule().slug());
        diagnostic.setData(data);
        if (finding.tags().contains(Finding.Tag.UNNECESSARY)) {
            diagnostic.setTags(List.of(DiagnosticTag.Unnecessary));
        }
        List<DiagnosticRelatedInformation> related = relatedInformation(finding);
        if (!related.isEmpty()) {
            diagnostic.setRelatedInformation(related);
        }
        return diagnostic;
    }

    private List<DiagnosticRelatedInformation> relatedInformation(Finding finding) {
        if (!relatedInformation) {
            return List.of();
        }
        List<DiagnosticRelatedInformation> related = new ArrayList<>();
        for (RelatedLocation location : finding.related()) {
            Path path = location.file().path();
            if (insideWorkspace.test(path)) {
                related.add(new DiagnosticRelatedInformation(new Location(uriOf.apply(path),
                        range(location.file().text(), location.start(), location.end())), location.message()));
            }
        }
        return related;
    }

    static DiagnosticSeverity severity(Severity severity) {
        return switch (severity) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFO -> DiagnosticSeverity.Information;
            case HINT -> DiagnosticSeverity.Hint;
        };
    }

    /** The code action of a fix, or null when this client cannot apply it (file creation needs documentChanges). */
    CodeAction codeAction(Finding finding, Fix fix, boolean preferred) {
        WorkspaceEdit edit = workspaceEdit(fix);
        if (edit == null) {
            return null;
        }
        CodeAction action = new CodeAction(fix.title());
        action.setKind(CodeActionKind.QuickFix);
        action.setDiagnostics(List.of(diagnostic(finding)));
        action.setEdit(edit);
        action.setIsPreferred(preferred ? Boolean.TRUE : null);
        return action;
    }

    private WorkspaceEdit workspaceEdit(Fix fix) {
        if (!documentChanges) {
            Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
            for (Fix.Change change : fix.changes()) {
                if (!(change instanceof Fix.Edit edit)) {
                    return null;
                }
                changes.computeIfAbsent(uriOf.apply(edit.path()), uri -> new ArrayList<>()).add(textEdit(edit));
            }
            return new WorkspaceEdit(changes);
        }
        List<Either<TextDocumentEdit, ResourceOperation>> operations = new ArrayList<>();
        for (Fix.Change change : fix.changes()) {
            if (change instanceof Fix.Edit edit) {
                DocumentSnapshot file = edit.file();
                Integer version = editedVersion.apply(file);
                operations.add(Either.forLeft(new TextDocumentEdit(
                        new VersionedTextDocumentIdentifier(uriOf.apply(file.path()), version), List.of(textEdit(edit)))));
            } else if (change instanceof Fix.CreateFile create) {
                String uri = uriOf.apply(create.path());
                CreateFile operation = new CreateFile(uri, new CreateFileOptions(false, true));
                operations.add(Either.forRight(operation));
                TextEdit content = new TextEdit(new Range(new Position(0, 0), new Position(0, 0)), create.content());
                operations.add(Either.forLeft(new TextDocumentEdit(new VersionedTextDocumentIdentifier(uri, null),
                        List.of(content))));
            }
        }
        return new WorkspaceEdit(operations);
    }

    private TextEdit textEdit(Fix.Edit edit) {
        return new TextEdit(range(edit.file().text(), edit.start(), edit.end()), edit.newText());
    }
}
