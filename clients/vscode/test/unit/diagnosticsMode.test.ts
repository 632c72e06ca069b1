import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClientCapabilities } from 'vscode-languageclient/node';
import { describeDiagnosticsMode, readPullDiagnostics, WithoutPullDiagnostics } from '../../src/diagnosticsMode';

/** What vscode-languageclient's built-in features declare about diagnostics, among the rest. */
function declaredByTheClient(): ClientCapabilities {
    return {
        textDocument: {
            publishDiagnostics: { relatedInformation: true, versionSupport: false },
            diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
            hover: { dynamicRegistration: true },
        },
        workspace: {
            configuration: true,
            diagnostics: { refreshSupport: true },
        },
    };
}

describe('WithoutPullDiagnostics', () => {
    it('takes pull diagnostics and their refresh out, and leaves everything else as declared', () => {
        const capabilities = declaredByTheClient();
        new WithoutPullDiagnostics().fillClientCapabilities(capabilities);
        assert.deepEqual(capabilities, {
            textDocument: {
                publishDiagnostics: { relatedInformation: true, versionSupport: false },
                hover: { dynamicRegistration: true },
            },
            workspace: { configuration: true },
        });
    });

    it('copes with capabilities that have no textDocument or workspace part', () => {
        const capabilities: ClientCapabilities = {};
        new WithoutPullDiagnostics().fillClientCapabilities(capabilities);
        assert.deepEqual(capabilities, {});
    });

    it('is a static feature', () => {
        assert.deepEqual(new WithoutPullDiagnostics().getState(), { kind: 'static' });
    });
});

describe('readPullDiagnostics', () => {
    it('pulls unless the setting is false', () => {
        assert.equal(readPullDiagnostics(undefined), true);
        assert.equal(readPullDiagnostics(true), true);
        assert.equal(readPullDiagnostics('false'), true);
        assert.equal(readPullDiagnostics(false), false);
    });
});

describe('describeDiagnosticsMode', () => {
    const pullOffered = { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: true } };

    it('says VS Code pulls when the server offered pull diagnostics', () => {
        assert.match(describeDiagnosticsMode(pullOffered, true), /VS Code pulls them/);
    });

    it('says the server pushes, and why', () => {
        assert.match(describeDiagnosticsMode({}, false), /server pushes them \(gotcha\.diagnostics\.pull is false\)/);
        assert.match(describeDiagnosticsMode({}, true), /server pushes them; it offers no pull diagnostics/);
        assert.match(describeDiagnosticsMode(undefined, true), /server pushes them/);
    });
});
