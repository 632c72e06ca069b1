import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
    Bundled,
    BUNDLED_RUNTIME_OPTIONS,
    MEMORY_OPTIONS,
    checkServerVersion,
    DiscoveryError,
    DiscoveryHost,
    findJava,
    findServer,
    LaunchSettings,
    parseJavaVersion,
    parseReleaseVersion,
    ProcessOutput,
    resolveLaunch,
} from '../../src/discovery';

const BUNDLED = '/ext/server/gotcha-ls.jar';
const RUNTIME_JAVA = '/ext/runtime/bin/java';
const RUNTIME_RELEASE = '/ext/runtime/release';
const AOT_CACHE = '/ext/server/gotcha-ls.aot';
const EXTENSION: Bundled = { jar: BUNDLED, runtime: '/ext/runtime', aotCache: AOT_CACHE };
const RELEASE_25 = 'JAVA_VERSION="25.0.3"\nMODULES="java.base java.logging java.sql jdk.unsupported"\n';
const NO_SETTINGS: LaunchSettings = { serverPath: '', javaHome: '', javaOptions: [] };

const JAVA_17 = 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)\n';
const JAVA_21 = 'openjdk version "21.0.4" 2024-07-16 LTS\n';
const JAVA_11 = 'openjdk version "11.0.24" 2024-07-16\n';
const JAVA_8 = 'java version "1.8.0_392"\nJava(TM) SE Runtime Environment (build 1.8.0_392-b08)\n';

/** A machine with the given files, environment and `java -version` answers (by program path). */
class FakeHost implements DiscoveryHost {
    readonly runs: Array<{ program: string; args: string[] }> = [];
    platform: NodeJS.Platform = 'linux';
    workspaceFolder?: string;
    /** Files that exist but may not be executed. */
    notExecutable: string[] = [];
    /** File contents readFile returns, by path. */
    contents: Record<string, string> = {};

    constructor(
        readonly files: string[],
        readonly env: Record<string, string | undefined> = {},
        private readonly answers: Record<string, Partial<ProcessOutput>> = {},
    ) {}

    isFile(file: string): boolean {
        return this.files.includes(file);
    }

    isExecutable(file: string): boolean {
        return this.isFile(file) && !this.notExecutable.includes(file);
    }

    readFile(file: string): string | undefined {
        return this.contents[file];
    }

    async run(program: string, args: string[]): Promise<ProcessOutput> {
        this.runs.push({ program, args });
        const answer = this.answers[program] ?? { error: 'spawn ENOENT' };
        return { exitCode: 0, stdout: '', stderr: '', ...answer };
    }
}

async function rejectsWith(promise: Promise<unknown>, pattern: RegExp): Promise<DiscoveryError> {
    try {
        await promise;
    } catch (error) {
        assert.ok(error instanceof DiscoveryError, `expected a DiscoveryError, got ${String(error)}`);
        assert.match(`${error.message} ${error.fix}`, pattern);
        return error;
    }
    assert.fail('expected the promise to reject');
}

describe('findServer', () => {
    it('prefers gotcha.server.path over the bundled jar', () => {
        const host = new FakeHost(['/opt/gotcha/gotcha-ls.jar', BUNDLED]);
        const server = findServer({ ...NO_SETTINGS, serverPath: '/opt/gotcha/gotcha-ls.jar' }, BUNDLED, host);
        assert.deepEqual(server, { kind: 'jar', path: '/opt/gotcha/gotcha-ls.jar', source: 'setting' });
    });

    it('runs a configured path that is not a jar as an executable', () => {
        const host = new FakeHost(['/src/gotcha/bin/gotcha-ls', BUNDLED]);
        const server = findServer({ ...NO_SETTINGS, serverPath: '/src/gotcha/bin/gotcha-ls' }, BUNDLED, host);
        assert.equal(server.kind, 'executable');
    });

    it('expands ~ in the configured path', () => {
        const host = new FakeHost(['/home/ada/gotcha-ls.jar'], { HOME: '/home/ada' });
        const server = findServer({ ...NO_SETTINGS, serverPath: '~/gotcha-ls.jar' }, BUNDLED, host);
        assert.equal(server.path, '/home/ada/gotcha-ls.jar');
    });

    it('reads a relative configured path from the workspace folder', () => {
        const host = new FakeHost(['/work/shop/bin/gotcha-ls']);
        host.workspaceFolder = '/work/shop';
        const server = findServer({ ...NO_SETTINGS, serverPath: 'bin/gotcha-ls' }, BUNDLED, host);
        assert.deepEqual(server, { kind: 'executable', path: '/work/shop/bin/gotcha-ls', source: 'setting' });
    });

    it('uses the bundled jar when the setting is empty', () => {
        const server = findServer(NO_SETTINGS, BUNDLED, new FakeHost([BUNDLED]));
        assert.deepEqual(server, { kind: 'jar', path: BUNDLED, source: 'bundled' });
    });

    it('does not fall back to the bundled jar when the configured path is wrong', () => {
        const host = new FakeHost([BUNDLED]);
        assert.throws(
            () => findServer({ ...NO_SETTINGS, serverPath: '/nowhere/gotcha-ls.jar' }, BUNDLED, host),
            (error: unknown) => error instanceof DiscoveryError
                && /gotcha\.server\.path is set to "\/nowhere\/gotcha-ls\.jar", but there is no file there/.test(error.message)
                && error.setting === 'gotcha.server.path',
        );
    });

    it('says how to fix a missing bundled jar', () => {
        assert.throws(() => findServer(NO_SETTINGS, BUNDLED, new FakeHost([])),
            (error: unknown) => error instanceof DiscoveryError && /Reinstall the extension/.test(error.fix));
    });
});

describe('findJava', () => {
    it('prefers gotcha.java.home over JAVA_HOME and PATH', async () => {
        const host = new FakeHost(['/jdk21/bin/java', '/jdk17/bin/java', '/usr/bin/java'],
            { JAVA_HOME: '/jdk17', PATH: '/usr/bin' }, { '/jdk21/bin/java': { stderr: JAVA_21 } });
        const java = await findJava({ ...NO_SETTINGS, javaHome: '/jdk21' }, host);
        assert.deepEqual(java, { path: '/jdk21/bin/java', major: 21, source: 'gotcha.java.home', passedOver: [] });
        assert.deepEqual(host.runs, [{ program: '/jdk21/bin/java', args: ['-version'] }]);
    });

    it('uses JAVA_HOME before PATH', async () => {
        const host = new FakeHost(['/jdk17/bin/java', '/usr/bin/java'],
            { JAVA_HOME: '/jdk17', PATH: '/usr/bin' }, { '/jdk17/bin/java': { stderr: JAVA_17 } });
        assert.equal((await findJava(NO_SETTINGS, host)).source, 'JAVA_HOME');
    });

    it('searches PATH in order when neither home is set', async () => {
        const host = new FakeHost(['/opt/b/java', '/opt/c/java'], { PATH: '/opt/a:/opt/b:/opt/c' },
            { '/opt/b/java': { stderr: JAVA_17 } });
        assert.deepEqual(await findJava(NO_SETTINGS, host), { path: '/opt/b/java', major: 17, source: 'PATH', passedOver: [] });
    });

    it('skips a JAVA_HOME without bin/java and takes PATH', async () => {
        const host = new FakeHost(['/usr/bin/java'], { JAVA_HOME: '/gone', PATH: '/usr/bin' },
            { '/usr/bin/java': { stderr: JAVA_17 } });
        assert.equal((await findJava(NO_SETTINGS, host)).path, '/usr/bin/java');
    });

    it('looks for java.exe with ; separators on Windows', async () => {
        const host = new FakeHost(['C:\\jdk/java.exe'], { Path: 'C:\\nope;C:\\jdk' }, { 'C:\\jdk/java.exe': { stderr: JAVA_17 } });
        host.platform = 'win32';
        assert.equal((await findJava(NO_SETTINGS, host)).path, 'C:\\jdk/java.exe');
    });

    it('names every place it looked when there is no Java', async () => {
        const host = new FakeHost([], { JAVA_HOME: '/gone', PATH: '/usr/bin' });
        await rejectsWith(findJava(NO_SETTINGS, host),
            /needs Java 17 or newer.*found none: gotcha\.java\.home is not set, JAVA_HOME \(\/gone\) has no bin\/java, no java on PATH\. Install a Java 17\+/);
    });

    it('rejects a gotcha.java.home without bin/java instead of silently using another Java', async () => {
        const host = new FakeHost(['/usr/bin/java'], { PATH: '/usr/bin' }, { '/usr/bin/java': { stderr: JAVA_17 } });
        const error = await rejectsWith(findJava({ ...NO_SETTINGS, javaHome: '/opt/jdk' }, host),
            /gotcha\.java\.home is set to "\/opt\/jdk", but \/opt\/jdk\/bin\/java does not exist/);
        assert.equal(error.setting, 'gotcha.java.home');
        assert.equal(host.runs.length, 0);
    });

    it('says which Java is too old and where it came from', async () => {
        const host = new FakeHost(['/jdk11/bin/java'], { JAVA_HOME: '/jdk11' }, { '/jdk11/bin/java': { stderr: JAVA_11 } });
        await rejectsWith(findJava(NO_SETTINGS, host),
            /needs Java 17 or newer; \/jdk11\/bin\/java \(from JAVA_HOME\) is Java 11\. .*takes precedence over JAVA_HOME/);
    });

    it('reads the old 1.x numbering as Java 8, too old', async () => {
        const host = new FakeHost(['/usr/bin/java'], { PATH: '/usr/bin' }, { '/usr/bin/java': { stderr: JAVA_8 } });
        await rejectsWith(findJava(NO_SETTINGS, host), /is Java 8\./);
    });

    it('reports a Java that cannot be run', async () => {
        const host = new FakeHost(['/usr/bin/java'], { PATH: '/usr/bin' }, { '/usr/bin/java': { error: 'spawn EACCES' } });
        await rejectsWith(findJava(NO_SETTINGS, host), /Could not run \/usr\/bin\/java \(from PATH\): spawn EACCES/);
    });

    it('reports output it cannot read a version from', async () => {
        const host = new FakeHost(['/usr/bin/java'], { PATH: '/usr/bin' }, { '/usr/bin/java': { stderr: 'Segmentation fault' } });
        await rejectsWith(findJava(NO_SETTINGS, host), /Could not read the Java version/);
    });
});

describe('findJava with the runtime of a platform .vsix', () => {
    /** A machine with the bundled runtime, a JAVA_HOME and a java on PATH. */
    function withRuntime(): FakeHost {
        const host = new FakeHost([RUNTIME_JAVA, '/jdk17/bin/java', '/usr/bin/java'], { JAVA_HOME: '/jdk17', PATH: '/usr/bin' },
            { '/jdk17/bin/java': { stderr: JAVA_17 }, '/usr/bin/java': { stderr: JAVA_17 }, '/jdk21/bin/java': { stderr: JAVA_21 } });
        host.contents[RUNTIME_RELEASE] = RELEASE_25;
        return host;
    }

    it('uses the bundled runtime before JAVA_HOME and PATH, its version read without starting it', async () => {
        const host = withRuntime();
        const java = await findJava(NO_SETTINGS, host, '/ext/runtime');
        assert.deepEqual(java, { path: RUNTIME_JAVA, major: 25, source: 'bundled runtime', passedOver: [] });
        assert.deepEqual(host.runs, []);
    });

    it('lets gotcha.java.home win over the bundled runtime', async () => {
        const host = withRuntime();
        host.files.push('/jdk21/bin/java');
        const java = await findJava({ ...NO_SETTINGS, javaHome: '/jdk21' }, host, '/ext/runtime');
        assert.equal(java.source, 'gotcha.java.home');
        assert.equal(java.path, '/jdk21/bin/java');
    });

    it('passes over a missing bundled runtime with a note, and takes JAVA_HOME', async () => {
        const host = withRuntime();
        host.files.splice(host.files.indexOf(RUNTIME_JAVA), 1);
        const java = await findJava(NO_SETTINGS, host, '/ext/runtime');
        assert.equal(java.source, 'JAVA_HOME');
        assert.deepEqual(java.passedOver, ['no bundled runtime (/ext/runtime/bin/java is missing; only a platform\'s .vsix ships one)']);
    });

    it('passes over a bundled java that is not executable, with a note, and takes PATH', async () => {
        const host = withRuntime();
        host.notExecutable.push(RUNTIME_JAVA);
        delete host.env.JAVA_HOME;
        const java = await findJava(NO_SETTINGS, host, '/ext/runtime');
        assert.equal(java.path, '/usr/bin/java');
        assert.deepEqual(java.passedOver, ['the bundled runtime\'s /ext/runtime/bin/java is not executable']);
    });

    it('passes over a bundled runtime whose release file names no Java 17+', async () => {
        for (const release of [undefined, 'JAVA_VERSION="11.0.2"\n']) {
            const host = withRuntime();
            if (release === undefined) {
                delete host.contents[RUNTIME_RELEASE];
            } else {
                host.contents[RUNTIME_RELEASE] = release;
            }
            const java = await findJava(NO_SETTINGS, host, '/ext/runtime');
            assert.equal(java.source, 'JAVA_HOME');
            assert.match(java.passedOver[0], /the bundled runtime at \/ext\/runtime has no readable Java 17\+ version/);
        }
    });

    it('names the bundled runtime among the places it looked when there is no Java', async () => {
        const host = new FakeHost([], { PATH: '/usr/bin' });
        await rejectsWith(findJava(NO_SETTINGS, host, '/ext/runtime'),
            /found none: gotcha\.java\.home is not set, no bundled runtime \(\/ext\/runtime\/bin\/java is missing.*\), no java on PATH\. .*install the linux-x64 \.vsix, which ships one/);
    });
});

describe('parseReleaseVersion', () => {
    it('reads the major version of a Java home\'s release file', () => {
        assert.equal(parseReleaseVersion(RELEASE_25), 25);
        assert.equal(parseReleaseVersion('IMPLEMENTOR="Eclipse Adoptium"\nJAVA_VERSION="17.0.15"\n'), 17);
        assert.equal(parseReleaseVersion('JAVA_VERSION="1.8.0_392"\n'), 1);
        assert.equal(parseReleaseVersion(''), undefined);
    });
});

describe('parseJavaVersion', () => {
    it('reads the major version of current and old numbering schemes', () => {
        assert.equal(parseJavaVersion(JAVA_17), 17);
        assert.equal(parseJavaVersion(JAVA_21), 21);
        assert.equal(parseJavaVersion(JAVA_8), 8);
        assert.equal(parseJavaVersion('openjdk version "25-ea" 2025-09-16\n'), 25);
        assert.equal(parseJavaVersion('java version "9"\n'), 9);
    });

    it('skips the lines a JVM prints before the version', () => {
        assert.equal(parseJavaVersion('Picked up JAVA_TOOL_OPTIONS: -Dfile.encoding=UTF-8\n' + JAVA_21), 21);
    });

    it('returns undefined when there is no version', () => {
        assert.equal(parseJavaVersion('Error: could not find libjava.so'), undefined);
    });
});

describe('resolveLaunch', () => {
    it('runs the bundled jar with the found Java, JVM options first', async () => {
        const host = new FakeHost([BUNDLED, '/usr/bin/java'], { PATH: '/usr/bin' }, { '/usr/bin/java': { stderr: JAVA_17 } });
        const launch = await resolveLaunch({ ...NO_SETTINGS, javaOptions: ['-Xmx1g', ' ', '-XX:+UseSerialGC'] }, EXTENSION, host);
        assert.equal(launch.command, '/usr/bin/java');
        assert.deepEqual(launch.args, [...MEMORY_OPTIONS.filter((option) => option !== '-XX:+UseSerialGC'),
            '-Xmx1g', '-XX:+UseSerialGC', '-jar', BUNDLED, 'lsp']);
    });

    it('runs an executable server directly, without looking for Java', async () => {
        const host = new FakeHost(['/src/bin/gotcha-ls'], {});
        const launch = await resolveLaunch({ ...NO_SETTINGS, serverPath: '/src/bin/gotcha-ls', javaHome: '/nowhere' }, EXTENSION, host);
        assert.deepEqual([launch.command, ...launch.args], ['/src/bin/gotcha-ls', 'lsp']);
        assert.equal(host.runs.length, 0);
    });
});

describe('resolveLaunch with the runtime of a platform .vsix', () => {
    function withRuntime(files: string[] = [BUNDLED, RUNTIME_JAVA, AOT_CACHE]): FakeHost {
        const host = new FakeHost([...files, '/usr/bin/java'], { PATH: '/usr/bin' }, { '/usr/bin/java': { stderr: JAVA_17 } });
        host.contents[RUNTIME_RELEASE] = RELEASE_25;
        return host;
    }

    it('runs the bundled jar with the launcher\'s options and the AOT cache, then the user\'s options', async () => {
        const launch = await resolveLaunch({ ...NO_SETTINGS, javaOptions: ['-Xmx300m'] }, EXTENSION, withRuntime());
        assert.equal(launch.command, RUNTIME_JAVA);
        assert.deepEqual(launch.args,
            [...BUNDLED_RUNTIME_OPTIONS, `-XX:AOTCache=${AOT_CACHE}`, '-Xmx300m', '-jar', BUNDLED, 'lsp']);
    });

    it('leaves the AOT cache out when it is missing', async () => {
        const launch = await resolveLaunch(NO_SETTINGS, EXTENSION, withRuntime([BUNDLED, RUNTIME_JAVA]));
        assert.deepEqual(launch.args, [...BUNDLED_RUNTIME_OPTIONS, '-jar', BUNDLED, 'lsp']);
    });

    it('gives a jar from gotcha.server.path the runtime but not the cache made for the bundled jar', async () => {
        const host = withRuntime([BUNDLED, RUNTIME_JAVA, AOT_CACHE, '/opt/gotcha-ls.jar']);
        const launch = await resolveLaunch({ ...NO_SETTINGS, serverPath: '/opt/gotcha-ls.jar' }, EXTENSION, host);
        assert.equal(launch.command, RUNTIME_JAVA);
        assert.deepEqual(launch.args, [...BUNDLED_RUNTIME_OPTIONS, '-jar', '/opt/gotcha-ls.jar', 'lsp']);
    });

    it('lets a collector chosen in gotcha.java.options replace the launcher\'s', async () => {
        const launch = await resolveLaunch({ ...NO_SETTINGS, javaOptions: ['-XX:+UseG1GC'] }, EXTENSION, withRuntime());
        assert.ok(!launch.args.includes('-XX:+UseSerialGC'), launch.args.join(' '));
        assert.deepEqual(launch.args.slice(-4), ['-XX:+UseG1GC', '-jar', BUNDLED, 'lsp']);
    });

    it('gives a Java from JAVA_HOME or PATH the launcher\'s memory options, then the user\'s, as the universal .vsix does', async () => {
        const launch = await resolveLaunch({ ...NO_SETTINGS, javaOptions: ['-Xmx300m'] }, EXTENSION, withRuntime([BUNDLED, AOT_CACHE]));
        assert.equal(launch.command, '/usr/bin/java');
        assert.deepEqual(launch.args, [...MEMORY_OPTIONS, '-Xmx300m', '-jar', BUNDLED, 'lsp']);
        assert.ok(BUNDLED_RUNTIME_OPTIONS.join(' ').startsWith(MEMORY_OPTIONS.join(' ')), 'the same options as the launcher');
    });

    it('uses the JVM options of the distributions\' launcher, which the AOT cache was trained with', () => {
        // Tests run from clients/vscode/out/test/unit.
        const launcher = readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'dist', 'bin', 'gotcha-ls'), 'utf8');
        const declared = /^jvm_options=\(([^)]*)\)$/m.exec(launcher);
        assert.ok(declared, 'dist/bin/gotcha-ls declares jvm_options=(...)');
        assert.deepEqual(declared[1].split(/\s+/).filter(Boolean), BUNDLED_RUNTIME_OPTIONS);
    });
});

describe('checkServerVersion', () => {
    const launch = {
        command: '/usr/bin/java',
        args: ['-Xmx1g', '-jar', '/opt/x.jar', 'lsp'],
        server: { kind: 'jar' as const, path: '/opt/x.jar', source: 'setting' as const },
    };

    it('asks the same command line for --version', async () => {
        const host = new FakeHost([], {}, { '/usr/bin/java': { stdout: 'gotcha-ls 0.1.0\n' } });
        assert.equal(await checkServerVersion(launch, host), 'gotcha-ls 0.1.0');
        assert.deepEqual(host.runs[0].args, ['-Xmx1g', '-jar', '/opt/x.jar', '--version']);
    });

    it('rejects a program that is not the server', async () => {
        const host = new FakeHost([], {}, { '/usr/bin/java': { exitCode: 1, stderr: 'Error: Invalid or corrupt jarfile /opt/x.jar\n' } });
        await rejectsWith(checkServerVersion(launch, host),
            /\/opt\/x\.jar does not answer like the Gotcha LS server: `--version` gave "Error: Invalid or corrupt jarfile/);
    });
});
