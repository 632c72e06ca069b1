package dev.gotchals.server;

import dev.gotchals.document.DocumentSnapshot;
import dev.gotchals.rule.Finding;
import dev.gotchals.rule.RelatedLocation;
import dev.gotchals.rules.EndpointNotServedRule;
import dev.gotchals.text.PositionEncoding;
import dev.gotchals.text.TextDocument;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Related locations in diagnostics: only for clients that declare them, and only inside the workspace. */
class ProtocolConversionsTest {
    private static final Path WORKSPACE = Path.of("/work/app").toAbsolutePath();

    private static DocumentSnapshot file(Path path, String text) {
        return new DocumentSnapshot(path, DocumentSnapshot.ON_DISK, TextDocument.of(text), null);
    }

    private static Finding findingWithEvidenceInAndOutOfTheWorkspace() {
        DocumentSnapshot dockerfile = file(WORKSPACE.resolve("Dockerfile"), "FROM x\nCMD [\"/app/bin/app\", \"start\"]\n");
        DocumentSnapshot runtime = file(WORKSPACE.resolve("config/runtime.exs"), "import Config\n\nconfig :app, server: true\n");
        DocumentSnapshot outside = file(Path.of("/elsewhere/shared.exs").toAbsolutePath(), "config :app, x: 1\n");
        return new Finding(EndpointNotServedRule.INFO, EndpointNotServedRule.INFO.defaultSeverity(), dockerfile, 7, 35,
                "starts without the server", List.of()).withRelated(List.of(
                new RelatedLocation(runtime, 15, 40, "serves it only when PHX_SERVER is set"),
                new RelatedLocation(outside, 0, 17, "outside")));
    }

    private static ProtocolConversions conversions(boolean relatedInformation) {
        return new ProtocolConversions(PositionEncoding.UTF16, false, path -> path.toUri().toString(),
                relatedInformation, path -> path.startsWith(WORKSPACE));
    }

    @Test
    void relatedLocationsInsideTheWorkspaceBecomeRelatedInformation() {
        Diagnostic diagnostic = conversions(true).diagnostic(findingWithEvidenceInAndOutOfTheWorkspace());
        List<DiagnosticRelatedInformation> related = diagnostic.getRelatedInformation();
        assertEquals(1, related.size(), "the file outside the workspace is dropped: " + related);
        assertEquals(WORKSPACE.resolve("config/runtime.exs").toUri().toString(), related.get(0).getLocation().getUri());
        assertEquals(2, related.get(0).getLocation().getRange().getStart().getLine());
        assertEquals(0, related.get(0).getLocation().getRange().getStart().getCharacter());
        assertEquals(2, related.get(0).getLocation().getRange().getEnd().getLine());
        assertEquals("serves it only when PHX_SERVER is set", related.get(0).getMessage());
    }

    @Test
    void aClientThatDoesNotDeclareRelatedInformationGetsNone() {
        assertNull(conversions(false).diagnostic(findingWithEvidenceInAndOutOfTheWorkspace()).getRelatedInformation());
    }
}
