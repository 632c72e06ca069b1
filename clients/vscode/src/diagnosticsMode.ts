// How the server's findings reach VS Code. vscode-languageclient always declares pull diagnostics, and the server
// then answers textDocument/diagnostic and workspace/diagnostic and pushes nothing; with gotcha.diagnostics.pull
// off the extension declares no pull, so the server pushes every file's findings as it does to Neovim and Emacs.
// Capabilities are exchanged once, at initialize: a change of the setting restarts the server.

import type { ClientCapabilities, FeatureState, ServerCapabilities, StaticFeature } from 'vscode-languageclient/node';

/** The setting, under the `gotcha` section. */
export const PULL_SETTING_KEY = 'diagnostics.pull';

/** gotcha.diagnostics.pull: only an explicit `false` turns pull off. */
export function readPullDiagnostics(value: unknown): boolean {
    return value !== false;
}

/**
 * Leaves pull diagnostics out of the capabilities the client declares. It must be registered after the built-in
 * features, whose DiagnosticFeature fills them in: features fill the capabilities in the order they were registered.
 */
export class WithoutPullDiagnostics implements StaticFeature {
    fillClientCapabilities(capabilities: ClientCapabilities): void {
        delete capabilities.textDocument?.diagnostic;
        // Refreshing pulled diagnostics means nothing to a client that does not pull them.
        delete capabilities.workspace?.diagnostics;
    }

    getState(): FeatureState {
        return { kind: 'static' };
    }

    initialize(): void {
        // Nothing to set up: the feature only shapes the capabilities.
    }

    clear(): void {
        // Nothing to tear down.
    }
}

/** The log line that says how diagnostics arrive, from what the server answered at initialize. */
export function describeDiagnosticsMode(server: ServerCapabilities | undefined, pullRequested: boolean): string {
    if (server?.diagnosticProvider !== undefined) {
        return 'Diagnostics: VS Code pulls them (textDocument/diagnostic, workspace/diagnostic).';
    }
    return pullRequested
        ? 'Diagnostics: the server pushes them; it offers no pull diagnostics.'
        : 'Diagnostics: the server pushes them (gotcha.diagnostics.pull is false).';
}
