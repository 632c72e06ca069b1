package dev.gotchals.server;

import dev.gotchals.cli.RepoRoot;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.FileChangeType;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.PublishDiagnosticsCapabilities;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Mix release reads {@code rel/env.sh.eex} before it starts, so exporting PHX_SERVER there serves the endpoint:
 * the server must rerun GT003 (endpoint-not-served) when that file is typed in, and when it appears, changes or
 * vanishes on disk, and republish the Dockerfile's diagnostics.
 */
class ReleaseEnvScriptTest {
    private static final String GT003 = "GT003";
    private static final String UNSET = "#!/bin/sh\n# Sourced by the release before it starts.\n";
    private static final String EXPORTED = UNSET + "export PHX_SERVER=true\n";

    @TempDir
    Path temp;

    private TestClient client;
    private Path root;
    private String dockerfile;
    private Path envScript;

    @BeforeEach
    void start() throws IOException {
        client = TestClient.connect();
        root = copyWorkspace("endpoint-not-served");
        envScript = root.resolve("rel/env.sh.eex");
        initialize();
        Path dockerfilePath = root.resolve("Dockerfile");
        dockerfile = dockerfilePath.toUri().toString();
        client.server().getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(dockerfile, "dockerfile", 1, Files.readString(dockerfilePath))));
        awaitGt003(true, "GT003 on the Dockerfile: its CMD starts the release without PHX_SERVER");
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void typingTheExportInRelEnvShEexClearsGt003AndRemovingItBringsItBack() {
        String uri = envScript.toUri().toString();
        var documents = client.server().getTextDocumentService();
        documents.didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "shellscript", 1, UNSET)));
        documents.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 2),
                List.of(new TextDocumentContentChangeEvent(EXPORTED))));
        awaitGt003(false, "GT003 cleared once the unsaved buffer exports PHX_SERVER");

        documents.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 3),
                List.of(new TextDocumentContentChangeEvent(UNSET))));
        awaitGt003(true, "GT003 back once the export is deleted");

        documents.didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, 4),
                List.of(new TextDocumentContentChangeEvent(EXPORTED))));
        awaitGt003(false, "GT003 cleared again");
        documents.didClose(new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
        awaitGt003(true, "GT003 back when the buffer is closed unsaved: the file is not on disk");
    }

    @Test
    void creatingChangingAndDeletingRelEnvShEexOnDiskIsWatched() throws IOException {
        String uri = envScript.toUri().toString();
        Files.writeString(envScript, EXPORTED);
        watched(uri, FileChangeType.Created);
        awaitGt003(false, "GT003 cleared once rel/env.sh.eex is created with the export");

        Files.writeString(envScript, UNSET);
        watched(uri, FileChangeType.Changed);
        awaitGt003(true, "GT003 back once the export is removed on disk");

        Files.writeString(envScript, EXPORTED);
        watched(uri, FileChangeType.Changed);
        awaitGt003(false, "GT003 cleared again");
        Files.delete(envScript);
        watched(uri, FileChangeType.Deleted);
        awaitGt003(true, "GT003 back once rel/env.sh.eex is deleted");
    }

    private void watched(String uri, FileChangeType type) {
        client.server().getWorkspaceService().didChangeWatchedFiles(
                new DidChangeWatchedFilesParams(List.of(new FileEvent(uri, type))));
    }

    private void awaitGt003(boolean present, String what) {
        PublishDiagnosticsParams published = client.awaitDiagnostics(dockerfile, p -> p.getDiagnostics().stream()
                .anyMatch(d -> GT003.equals(d.getCode().getLeft())) == present, what);
        assertTrue(published.getDiagnostics().size() <= 1, published.toString());
    }

    private void initialize() {
        WorkspaceClientCapabilities workspace = new WorkspaceClientCapabilities();
        workspace.setDidChangeWatchedFiles(new DidChangeWatchedFilesCapabilities(true));
        TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
        PublishDiagnosticsCapabilities publish = new PublishDiagnosticsCapabilities(true);
        publish.setVersionSupport(true);
        text.setPublishDiagnostics(publish);
        client.initialize(root, new ClientCapabilities(workspace, text, null), null);
        RegistrationParams watchers = TestClient.poll(client.registrations, r -> true, "client/registerCapability");
        assertTrue(String.valueOf(watchers.getRegistrations().get(0).getRegisterOptions()).contains("**/rel/env.sh.eex"),
                "the client is asked to watch rel/env.sh.eex: " + watchers);
    }

    private Path copyWorkspace(String name) throws IOException {
        Path from = RepoRoot.get().resolve("test-workspaces").resolve(name);
        Path to = temp.resolve(name);
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }
}
