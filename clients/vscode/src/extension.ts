// The VS Code side of Gotcha LS: find the server and Java, start the server, hand it the `gotcha` settings.
// Everything the user sees about their project (diagnostics, fixes, hovers) comes from the server.

import * as path from 'path';
import * as vscode from 'vscode';
import {
    DocumentSelector,
    ExecuteCommandRequest,
    LanguageClient,
    LanguageClientOptions,
    ServerOptions,
} from 'vscode-languageclient/node';
import { Readable } from 'stream';
import * as readline from 'readline';
import { describeDiagnosticsMode, PULL_SETTING_KEY, readPullDiagnostics, WithoutPullDiagnostics } from './diagnosticsMode';
import { Bundled, checkServerVersion, DiscoveryError, Launch, LaunchSettings, resolveLaunch } from './discovery';
import { LAUNCH_SETTING_KEYS, resolveLaunchSettings, sameLaunchSettings } from './launchSettings';
import { nodeHost } from './nodeHost';
import { requestStatusText, SHOW_STATUS_COMMAND } from './status';

const SECTION = 'gotcha';

/**
 * Elixir and Dockerfile buffers, and every file the server reads by path whatever language VS Code gave it (so that
 * unsaved edits of rel/env.sh.eex or fly.toml reach the server). The patterns are the server's file kinds: the
 * globs it registers as file watchers, in the same order (the server's FileKindsInClientsTest compares them).
 */
export const DOCUMENT_SELECTOR: DocumentSelector = [
    { scheme: 'file', language: 'elixir' },
    { scheme: 'file', language: 'dockerfile' },
    { scheme: 'file', pattern: '**/{.dockerignore,*.dockerignore}' },
    { scheme: 'file', pattern: '**/{*Dockerfile,Dockerfile.*,Dockerfile-*,dockerfile,*.dockerfile,Containerfile,Containerfile.*}' },
    { scheme: 'file', pattern: '**/.gotcha.exs' },
    { scheme: 'file', pattern: '**/mix.exs' },
    { scheme: 'file', pattern: '**/config/**/*.exs' },
    { scheme: 'file', pattern: '**/{lib,web}/**/*.ex' },
    { scheme: 'file', pattern: '**/rel/overlays/bin/*' },
    { scheme: 'file', pattern: '**/rel/**/*.exs' },
    { scheme: 'file', pattern: '**/rel/env.sh.eex' },
    { scheme: 'file', pattern: '**/{fly.toml,fly.*.toml,fly-*.toml,Procfile,app.json,heroku.yml}' },
    { scheme: 'file', pattern: '**/config/{deploy.yml,deploy.*.yml}' },
    { scheme: 'file', pattern: '**/.tool-versions' },
    { scheme: 'file', pattern: '**/{elixir_buildpack.config,.buildpacks}' },
    { scheme: 'file', pattern: '**/{.github/workflows/*.yml,.github/workflows/*.yaml,.gitlab-ci.yml,.circleci/config.yml,.travis.yml,.drone.yml,bitbucket-pipelines.yml,buildspec.yml,cloudbuild.yaml,cloudbuild.yml}' },
    { scheme: 'file', pattern: '**/{k8s,K8s,kube,kubernetes,Kubernetes,helm,chart,charts,deploy,deployment,deployments,manifests,infra,infrastructure,ops,devops,.devops,fly,fly.io,.fly,*/k8s,*/kubernetes,*/helm}/**/*.{yaml,yml,toml}' },
    { scheme: 'file', pattern: '**/*{deploy,k8s,kube}*.{yaml,yml}' },
    { scheme: 'file', pattern: '**/{render.yaml,*compose*.yml,*compose*.yaml,docker-stack*.yml,docker-stack*.yaml,.env,.env.*,*.env}' },
    { scheme: 'file', pattern: '**/*[Ee][Nn][Tt][Rr][Yy][Pp][Oo][Ii][Nn][Tt]*' },
    { scheme: 'file', pattern: '**/{*.sh,deploy/*.sh,devops/*.sh,.devops/*.sh,ops/*.sh,infra/*.sh,bin/*,script/*,scripts/*}' },
    { scheme: 'file', pattern: '**/{assets,web/static}/**/*.{js,jsx,ts,tsx,mjs,cjs,vue,svelte}' },
    { scheme: 'file', pattern: '**/{lib,web}/**/*.html.{heex,eex,leex}' },
    { scheme: 'file', pattern: '**/*.service' },
    { scheme: 'file', pattern: '**/*.nix' },
];

let controller: ServerController | undefined;

export function activate(context: vscode.ExtensionContext): void {
    const log = vscode.window.createOutputChannel('Gotcha LS', { log: true });
    const trace = vscode.window.createOutputChannel('Gotcha LS Trace', { log: true });
    const status = vscode.window.createOutputChannel('Gotcha LS Status');
    // runtime/ and the AOT cache ship in the linux-x64 .vsix only (scripts/copy-runtime.mjs lays them out).
    const bundled: Bundled = {
        jar: context.asAbsolutePath(path.join('server', 'gotcha-ls.jar')),
        runtime: context.asAbsolutePath('runtime'),
        aotCache: context.asAbsolutePath(path.join('server', 'gotcha-ls.aot')),
    };
    controller = new ServerController(bundled, log, trace);
    const server = controller;
    context.subscriptions.push(
        log,
        trace,
        status,
        vscode.commands.registerCommand('gotcha.restartServer', () => server.restart()),
        vscode.commands.registerCommand('gotcha.showServerLog', () => log.show()),
        vscode.commands.registerCommand(SHOW_STATUS_COMMAND, () => server.showStatus(status)),
        vscode.workspace.onDidChangeConfiguration((event) => {
            if ([...LAUNCH_SETTING_KEYS, PULL_SETTING_KEY].some((key) => event.affectsConfiguration(`${SECTION}.${key}`))) {
                server.restartIfStartChanged();
            }
        }),
        vscode.workspace.onDidGrantWorkspaceTrust(() => server.restartIfStartChanged()),
    );
    server.start();
}

export function deactivate(): Promise<void> | undefined {
    return controller?.stop();
}

/** Owns the one running LanguageClient; starts, stops and restarts happen one after another. */
class ServerController {
    private client: LanguageClient | undefined;
    /** The launch settings of the newest start or restart asked for, so that repeated events restart once. */
    private launchSettings: LaunchSettings | undefined;
    /** gotcha.diagnostics.pull of the newest start or restart asked for. */
    private pullDiagnostics = true;
    /** The client a requested restart will stop. */
    private retiring: LanguageClient | undefined;
    private queue: Promise<void> = Promise.resolve();

    constructor(
        private readonly bundled: Bundled,
        private readonly log: vscode.LogOutputChannel,
        private readonly trace: vscode.LogOutputChannel,
    ) {}

    start(): void {
        this.noteStartSettings();
        this.enqueue(() => this.startNow());
    }

    restart(): void {
        this.noteStartSettings();
        this.retiring = this.client;
        this.log.info('Restarting the server.');
        this.enqueue(async () => {
            await this.stopNow();
            await this.startNow();
        });
    }

    /**
     * A setting that shapes the command line or the capabilities changed, or trust was granted: restart only if the
     * result differs.
     */
    restartIfStartChanged(): void {
        const { settings } = this.readLaunchSettings();
        const pullDiagnostics = readPullDiagnostics(this.readSetting(PULL_SETTING_KEY));
        // One edit of settings.json can fire several change events before the restart runs: compare with the
        // settings the pending restart will use, not with those of the running server.
        if (this.launchSettings === undefined || !sameLaunchSettings(settings, this.launchSettings)
            || pullDiagnostics !== this.pullDiagnostics) {
            this.restart();
        }
    }

    /** Asks the running server for its status and shows the text in its own output channel. */
    async showStatus(channel: vscode.OutputChannel): Promise<void> {
        const client = this.client;
        if (!client || !client.isRunning()) {
            void vscode.window.showWarningMessage('Gotcha LS: the server is not running.');
            return;
        }
        try {
            const text = await requestStatusText((command) => client.sendRequest(ExecuteCommandRequest.type, { command }));
            channel.replace(text);
            channel.show(true);
        } catch (error) {
            this.log.error(`Status: ${String(error)}`);
            void vscode.window.showErrorMessage(`Gotcha LS: the server did not answer the status (${String(error)}).`);
        }
    }

    stop(): Promise<void> {
        this.enqueue(() => this.stopNow());
        return this.queue;
    }

    private enqueue(step: () => Promise<void>): void {
        this.queue = this.queue.then(step).catch((error) => this.log.error(`Gotcha LS: ${String(error)}`));
    }

    /** Notes the settings the start asked for will use, for restartIfStartChanged to compare with. */
    private noteStartSettings(): void {
        this.launchSettings = this.readLaunchSettings().settings;
        this.pullDiagnostics = readPullDiagnostics(this.readSetting(PULL_SETTING_KEY));
    }

    private readSetting(key: string): unknown {
        return vscode.workspace.getConfiguration(SECTION).get(key);
    }

    private readLaunchSettings() {
        const configuration = vscode.workspace.getConfiguration(SECTION);
        return resolveLaunchSettings((key) => configuration.inspect(key), vscode.workspace.isTrusted);
    }

    private async startNow(): Promise<void> {
        const { settings, ignored } = this.readLaunchSettings();
        this.launchSettings = settings;
        const pullDiagnostics = readPullDiagnostics(this.readSetting(PULL_SETTING_KEY));
        this.pullDiagnostics = pullDiagnostics;
        for (const name of ignored) {
            this.log.warn(`${name} is set in this workspace's settings, which are not trusted: using the user setting instead.`);
        }
        const host = nodeHost(process.env, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
        let launch: Launch;
        try {
            launch = await resolveLaunch(settings, this.bundled, host);
            if (launch.server.source === 'setting') {
                this.log.info(`${await checkServerVersion(launch, host)} at ${launch.server.path}`);
            }
        } catch (error) {
            this.reportStartFailure(error);
            return;
        }
        if (launch.java) {
            const passedOver = launch.java.passedOver.length > 0 ? ` (passed over: ${launch.java.passedOver.join('; ')})` : '';
            this.log.info(`Java ${launch.java.major} from ${launch.java.source}: ${launch.java.path}${passedOver}`);
        }
        this.log.info(`Starting ${launch.server.source === 'bundled' ? 'the bundled server' : 'the server'}: ${launch.command} ${launch.args.join(' ')}`);

        // No `transport`: stdio is the default, and setting it would append `--stdio` to the logged command line.
        const serverOptions: ServerOptions = { command: launch.command, args: launch.args };
        const clientOptions: LanguageClientOptions = {
            documentSelector: DOCUMENT_SELECTOR,
            diagnosticCollectionName: SECTION,
            initializationOptions: gotchaSettings(),
            synchronize: { configurationSection: SECTION },
            outputChannel: this.log,
            traceOutputChannel: this.trace,
            // stdout carries JSON-RPC on stdio; the library wants a handler for it all the same.
            stdioOptions: { stdout: serverStdout, stderr: serverStderr },
            middleware: {
                workspace: {
                    // A client about to be replaced gets no more settings: the notification would race with its
                    // stop (and fail loudly), and its successor receives them at initialize.
                    didChangeConfiguration: (sections, next) => (this.retiring === client ? Promise.resolve() : next(sections)),
                },
            },
        };
        const client = new LanguageClient(SECTION, 'Gotcha LS', serverOptions, clientOptions);
        if (!pullDiagnostics) {
            client.registerFeature(new WithoutPullDiagnostics());
        }
        this.client = client;
        try {
            await client.start();
            this.log.info(describeDiagnosticsMode(client.initializeResult?.capabilities, pullDiagnostics));
        } catch (error) {
            this.log.error(`The server did not start: ${String(error)}`);
            void this.offerHelp(`Gotcha LS: the server did not start (${String(error)}).`);
        }
    }

    private async stopNow(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        if (client) {
            try {
                await client.stop(5_000);
            } catch (error) {
                this.log.warn(`Stopping the server: ${String(error)}`);
            }
            await client.dispose();
        }
    }

    private reportStartFailure(error: unknown): void {
        if (error instanceof DiscoveryError) {
            this.log.error(`${error.message} ${error.fix}`);
            void this.offerHelp(`Gotcha LS: ${error.message} ${error.fix}`, error.setting);
        } else {
            this.log.error(`Could not start the server: ${String(error)}`);
            void this.offerHelp(`Gotcha LS could not start its server: ${String(error)}`);
        }
    }

    private async offerHelp(message: string, setting?: string): Promise<void> {
        const openSettings = 'Open Settings';
        const showLog = 'Show Log';
        const choice = await vscode.window.showErrorMessage(message, openSettings, showLog);
        if (choice === openSettings) {
            await vscode.commands.executeCommand('workbench.action.openSettings', setting ?? SECTION);
        } else if (choice === showLog) {
            this.log.show();
        }
    }
}

function serverStdout(input: Readable, channel: vscode.LogOutputChannel): void {
    readline.createInterface({ input, crlfDelay: Infinity, terminal: false }).on('line', (line) => channel.info(line));
}

/**
 * The server logs each record twice: to the client (window/logMessage, shown in the channel) and to stderr.
 * Its formatted stderr lines go to the channel at debug level, so they do not repeat at the default level;
 * anything else on stderr (the JVM's own errors, stack traces) is shown as an error.
 */
function serverStderr(input: Readable, channel: vscode.LogOutputChannel): void {
    readline.createInterface({ input, crlfDelay: Infinity, terminal: false }).on('line', (line) => {
        if (/^\[(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST)\] /.test(line)) {
            channel.debug(`stderr: ${line}`);
        } else {
            channel.error(line);
        }
    });
}

/** The `gotcha` section as plain JSON, the value SETTINGS-SCHEMA gives the server at `initialize`. */
function gotchaSettings(): unknown {
    return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration().get(SECTION) ?? {}));
}
