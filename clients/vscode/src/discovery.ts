// Finds the server and a Java to run it with. Nothing here imports `vscode`: settings, environment, file system
// and process runs come in through `DiscoveryHost`, so the unit tests can play every case.

import * as path from 'path';

/** The settings that decide the server's command line (already filtered for workspace trust). */
export interface LaunchSettings {
    /** `gotcha.server.path`: a gotcha-ls jar, or an executable that runs the server (e.g. bin/gotcha-ls). */
    serverPath: string;
    /** `gotcha.java.home`: a JDK or JRE folder, the one that contains bin/java. */
    javaHome: string;
    /** `gotcha.java.options`: JVM options placed before `-jar`. */
    javaOptions: string[];
}

export interface ProcessOutput {
    exitCode: number | null;
    stdout: string;
    stderr: string;
    /** Set when the program could not be started at all (ENOENT, EACCES, time-out). */
    error?: string;
}

/** What discovery may look at. The extension passes the real machine; tests pass a fake one. */
export interface DiscoveryHost {
    env: Record<string, string | undefined>;
    platform: NodeJS.Platform;
    /** The first workspace folder: relative paths in settings are read from there. */
    workspaceFolder?: string;
    isFile(file: string): boolean;
    /** A file this process may execute. */
    isExecutable(file: string): boolean;
    /** The text of a file, or undefined when it cannot be read. */
    readFile(file: string): string | undefined;
    run(program: string, args: string[]): Promise<ProcessOutput>;
}

export type ServerSource = 'setting' | 'bundled';

export interface ServerLocation {
    kind: 'jar' | 'executable';
    path: string;
    source: ServerSource;
}

export type JavaSource = 'gotcha.java.home' | 'bundled runtime' | 'JAVA_HOME' | 'PATH';

export interface JavaRuntime {
    path: string;
    major: number;
    source: JavaSource;
    /** Why the places before `source` were passed over (for the log). */
    passedOver: string[];
}

/**
 * What ships inside the extension: the server jar always; in a platform's .vsix (linux-x64) also a jlinked Java
 * runtime and an AOT cache that runtime made for that jar.
 */
export interface Bundled {
    jar: string;
    /** The runtime's home: bin/java and the `release` file. */
    runtime: string;
    /** Classes loaded and linked by a training session (JDK 25's -XX:AOTCache); it serves only `jar`. */
    aotCache: string;
}

/**
 * The launcher's heap, collector and compiler options, chosen by measurement (a start heap of 8 MiB instead of the
 * JVM's 1/64 of the RAM, C1 only): any Java 17+ knows them, so every Java the extension runs gets them.
 */
export const MEMORY_OPTIONS = ['-XX:+UseSerialGC', '-Xms8m', '-Xmx1g', '-XX:TieredStopAtLevel=1', '-Xss8m'];

/**
 * The JVM options of the distributions' launcher (dist/bin/gotcha-ls), which the AOT cache was trained with; a unit
 * test keeps the two lists equal. They send the JVM's own warnings to stderr: on stdio, stdout carries JSON-RPC.
 */
export const BUNDLED_RUNTIME_OPTIONS = [
    ...MEMORY_OPTIONS, '--enable-native-access=ALL-UNNAMED', '-Xlog:disable', '-Xlog:all=warning:stderr',
];

/** The command that starts the language server on stdio, and how it was chosen (for the log). */
export interface Launch {
    command: string;
    args: string[];
    server: ServerLocation;
    java?: JavaRuntime;
}

export const MINIMUM_JAVA = 17;

/** A discovery failure: `message` says what is missing, `fix` what the user can do about it. */
export class DiscoveryError extends Error {
    constructor(message: string, readonly fix: string, readonly setting?: string) {
        super(message);
        this.name = 'DiscoveryError';
    }
}

/** Order: the `gotcha.server.path` setting, then the jar shipped inside the extension, else an error. */
export function findServer(settings: LaunchSettings, bundledJar: string, host: DiscoveryHost): ServerLocation {
    const configured = settings.serverPath.trim();
    if (configured !== '') {
        const resolved = settingPath(configured, host);
        if (!host.isFile(resolved)) {
            throw new DiscoveryError(
                `gotcha.server.path is set to "${configured}", but there is no file there.`,
                'Point gotcha.server.path at a gotcha-ls.jar (or at bin/gotcha-ls of a checkout), or clear it to use the server shipped with the extension.',
                'gotcha.server.path');
        }
        return { kind: isJar(resolved) ? 'jar' : 'executable', path: resolved, source: 'setting' };
    }
    if (host.isFile(bundledJar)) {
        return { kind: 'jar', path: bundledJar, source: 'bundled' };
    }
    throw new DiscoveryError(
        `The server jar that should ship with the extension is missing (${bundledJar}).`,
        'Reinstall the extension from its .vsix, or set gotcha.server.path to a gotcha-ls.jar built with `mvn -B -ntp package -DskipTests`.',
        'gotcha.server.path');
}

/**
 * Order: `gotcha.java.home`, the runtime bundled in a platform's .vsix (`bundledRuntime`), `JAVA_HOME`, then `java`
 * on `PATH`. The first place that names a Java is the one used (a bundled runtime that is missing or not
 * executable, or a JAVA_HOME without bin/java, is passed over with a note); its version must be 17 or newer. The
 * bundled runtime's version is read from its `release` file, the others' with `java -version`.
 */
export async function findJava(settings: LaunchSettings, host: DiscoveryHost, bundledRuntime?: string): Promise<JavaRuntime> {
    const executable = host.platform === 'win32' ? 'java.exe' : 'java';
    const notes: string[] = [];
    let candidate: { path: string; source: JavaSource } | undefined;

    const configuredHome = settings.javaHome.trim();
    if (configuredHome !== '') {
        const java = path.join(settingPath(configuredHome, host), 'bin', executable);
        if (!host.isFile(java)) {
            throw new DiscoveryError(
                `gotcha.java.home is set to "${configuredHome}", but ${java} does not exist.`,
                `Set gotcha.java.home to a Java ${MINIMUM_JAVA}+ installation (the folder that contains bin/${executable}), or clear it to use the bundled runtime, JAVA_HOME or PATH.`,
                'gotcha.java.home');
        }
        candidate = { path: java, source: 'gotcha.java.home' };
    }

    if (!candidate && bundledRuntime !== undefined) {
        const bundled = useBundledRuntime(bundledRuntime, executable, host);
        if ('note' in bundled) {
            notes.push(bundled.note);
        } else {
            return { ...bundled, passedOver: notes };
        }
    }

    const envHome = host.env.JAVA_HOME?.trim();
    if (!candidate && envHome) {
        const java = path.join(envHome, 'bin', executable);
        if (host.isFile(java)) {
            candidate = { path: java, source: 'JAVA_HOME' };
        } else {
            notes.push(`JAVA_HOME (${envHome}) has no bin/${executable}`);
        }
    }

    if (!candidate) {
        const onPath = searchPath(executable, host);
        if (onPath) {
            candidate = { path: onPath, source: 'PATH' };
        } else {
            notes.push(`no ${executable} on PATH`);
        }
    }

    if (!candidate) {
        throw new DiscoveryError(
            `Gotcha LS needs Java ${MINIMUM_JAVA} or newer to run its server, and found none: gotcha.java.home is not set, ${notes.join(', ')}.`,
            `Install a Java ${MINIMUM_JAVA}+ runtime (e.g. the openjdk-17-jre-headless package), then set gotcha.java.home to its folder or put its bin/ on PATH; or, on Linux x64, install the linux-x64 .vsix, which ships one.`,
            'gotcha.java.home');
    }

    const output = await host.run(candidate.path, ['-version']);
    if (output.error !== undefined) {
        throw new DiscoveryError(
            `Could not run ${candidate.path} (from ${candidate.source}): ${output.error}.`,
            `Check that this Java installation works, or set gotcha.java.home to another Java ${MINIMUM_JAVA}+ installation.`,
            'gotcha.java.home');
    }
    // `java -version` prints to stderr; some launchers print to stdout.
    const major = parseJavaVersion(output.stderr + '\n' + output.stdout);
    if (major === undefined) {
        throw new DiscoveryError(
            `Could not read the Java version from \`${candidate.path} -version\` (from ${candidate.source}).`,
            `Set gotcha.java.home to a Java ${MINIMUM_JAVA}+ installation.`,
            'gotcha.java.home');
    }
    if (major < MINIMUM_JAVA) {
        throw new DiscoveryError(
            `Gotcha LS needs Java ${MINIMUM_JAVA} or newer; ${candidate.path} (from ${candidate.source}) is Java ${major}.`,
            `Install Java ${MINIMUM_JAVA}+ and set gotcha.java.home to it${candidate.source === 'gotcha.java.home' ? '' : ` (it takes precedence over ${candidate.source})`}.`,
            'gotcha.java.home');
    }
    return { path: candidate.path, major, source: candidate.source, passedOver: notes };
}

/** The bundled runtime's java and version, or a note on why it cannot run the server. */
function useBundledRuntime(home: string, executable: string, host: DiscoveryHost): Omit<JavaRuntime, 'passedOver'> | { note: string } {
    const java = path.join(home, 'bin', executable);
    if (!host.isFile(java)) {
        return { note: `no bundled runtime (${java} is missing; only a platform's .vsix ships one)` };
    }
    if (!host.isExecutable(java)) {
        return { note: `the bundled runtime's ${java} is not executable` };
    }
    const major = parseReleaseVersion(host.readFile(path.join(home, 'release')) ?? '');
    if (major === undefined || major < MINIMUM_JAVA) {
        return { note: `the bundled runtime at ${home} has no readable Java ${MINIMUM_JAVA}+ version in its release file` };
    }
    return { path: java, major, source: 'bundled runtime' };
}

/** The major version in a Java home's `release` file: `JAVA_VERSION="25.0.3"` is 25. */
export function parseReleaseVersion(release: string): number | undefined {
    const match = /^JAVA_VERSION="(\d+)/m.exec(release);
    return match ? Number(match[1]) : undefined;
}

/**
 * The major version in the output of `java -version`: `openjdk version "17.0.15"` is 17, `java version "1.8.0_392"`
 * is 8, `openjdk version "25-ea"` is 25. Lines before it (such as "Picked up JAVA_TOOL_OPTIONS") are skipped.
 */
export function parseJavaVersion(output: string): number | undefined {
    const match = /\bversion "(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
    if (!match) {
        return undefined;
    }
    const first = Number(match[1]);
    return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/**
 * The command line: `java [options] -jar server.jar lsp` for a jar, `server lsp` for an executable. The bundled runtime
 * runs with the launcher's options, and with the AOT cache when it runs the bundled jar; another Java with the
 * launcher's memory options; the user's options follow (the last of a kind wins).
 */
export async function resolveLaunch(settings: LaunchSettings, bundled: Bundled, host: DiscoveryHost): Promise<Launch> {
    const server = findServer(settings, bundled.jar, host);
    if (server.kind === 'executable') {
        return { command: server.path, args: ['lsp'], server };
    }
    const java = await findJava(settings, host, bundled.runtime);
    const options = settings.javaOptions.map((option) => option.trim()).filter((option) => option !== '');
    const runtimeOptions = java.source === 'bundled runtime' ? bundledRuntimeOptions(options, server, bundled, host)
        : withoutSecondCollector(MEMORY_OPTIONS, options);
    return { command: java.path, args: [...runtimeOptions, ...options, '-jar', server.path, 'lsp'], server, java };
}

function bundledRuntimeOptions(userOptions: string[], server: ServerLocation, bundled: Bundled, host: DiscoveryHost): string[] {
    const options = withoutSecondCollector(BUNDLED_RUNTIME_OPTIONS, userOptions);
    if (server.source === 'bundled' && host.isFile(bundled.aotCache)) {
        options.push(`-XX:AOTCache=${bundled.aotCache}`);
    }
    return options;
}

/** A second collector would stop the JVM ("Multiple garbage collectors selected"): the user's choice wins. */
function withoutSecondCollector(defaults: string[], userOptions: string[]): string[] {
    const choosesCollector = userOptions.some((option) => /^-XX:\+Use\w+GC$/.test(option));
    return defaults.filter((option) => !(choosesCollector && option === '-XX:+UseSerialGC'));
}

/**
 * Runs the launch's program with `--version` instead of `lsp` and returns what it prints ("gotcha-ls 0.1.0"):
 * a server path from the settings could name any program, and a wrong one should say so before the LSP handshake.
 */
export async function checkServerVersion(launch: Launch, host: DiscoveryHost): Promise<string> {
    const args = [...launch.args.slice(0, -1), '--version'];
    const output = await host.run(launch.command, args);
    const printed = output.stdout.trim().split(/\r?\n/)[0] ?? '';
    if (output.error === undefined && output.exitCode === 0 && /^gotcha-ls \S+/.test(printed)) {
        return printed;
    }
    const said = output.error ?? ((output.stderr.trim() || printed) || `exit code ${output.exitCode}`);
    throw new DiscoveryError(
        `${launch.server.path} does not answer like the Gotcha LS server: \`--version\` gave "${said.split(/\r?\n/)[0]}".`,
        'Point gotcha.server.path at a gotcha-ls.jar (or at bin/gotcha-ls of a checkout), or clear it to use the server shipped with the extension.',
        'gotcha.server.path');
}

function isJar(file: string): boolean {
    return file.toLowerCase().endsWith('.jar');
}

/** A path from the settings: `~/` is the home folder, and a relative path starts at the workspace folder. */
function settingPath(file: string, host: DiscoveryHost): string {
    const home = host.env.HOME ?? host.env.USERPROFILE;
    if (home && (file === '~' || file.startsWith('~/'))) {
        return path.join(home, file.slice(1));
    }
    if (!path.isAbsolute(file) && !path.win32.isAbsolute(file) && host.workspaceFolder) {
        return path.join(host.workspaceFolder, file);
    }
    return file;
}

function searchPath(executable: string, host: DiscoveryHost): string | undefined {
    const pathVariable = host.env.PATH ?? host.env.Path ?? '';
    const separator = host.platform === 'win32' ? ';' : ':';
    for (const folder of pathVariable.split(separator)) {
        if (folder === '') {
            continue;
        }
        const candidate = path.join(folder, executable);
        if (host.isFile(candidate)) {
            return candidate;
        }
    }
    return undefined;
}
