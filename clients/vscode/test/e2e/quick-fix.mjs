// End-to-end test in real VS Code: code-server serves the workbench on 127.0.0.1, headless Chromium drives it.
// It installs the .vsix, opens config/prod.exs of a copy of test-workspaces/naive-debug-logging, waits for the
// server's GT007 in the Problems panel, checks the server log, the restart command and a restart on a changed
// JVM option, opens the Quick Fix menu, applies "Change :debug to :info" and checks
// that the file on disk changed and the problem went away. Then it opens a copy of test-workspaces/naive-all-gotchas
// and checks that the Problems panel lists the findings of files never opened (the Dockerfile, the router,
// fly.toml), each once, also after an edit: once with diagnostics pulled (VS Code's default), once with another
// copy whose settings turn gotcha.diagnostics.pull off, so that the server pushes them, and back on.
// With NO_JAVA_PATH, code-server runs on that PATH (which has no java) without JAVA_HOME: the .vsix must bring its
// own Java runtime, and the server must run on it with its AOT cache.
//
// Run by ./run, which installs code-server and passes these variables:
//   CODE_SERVER  the code-server launcher (its `node` must be Node 24, first on PATH)
//   VSIX         the packaged extension
//   REPO         the repository root (for test-workspaces/)
//   SCREENSHOT   where to save the picture of the Quick Fix menu (optional)
//   NO_JAVA_PATH the PATH code-server runs with when the .vsix carries its Java runtime (optional)
//   CHROMIUM     the browser (default /usr/bin/chromium)

import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';

const SAMPLE = 'naive-debug-logging';
const FILE = 'config/prod.exs';
const RULE = 'GT007';
const MESSAGE = 'Logger level :debug in config/prod.exs applies to production';
const FIX = 'Change :debug to :info';
// Its golden file: 9 findings in 4 files, 4 errors and 5 warnings; none in the file the test edits but GT007.
const ALL_SAMPLE = 'naive-all-gotchas';
const NEVER_OPENED = ['Dockerfile', 'router.ex', 'fly.toml'];
// The extension's log line once the server has answered initialize: it offered pull diagnostics, or not.
const PULLED = /Diagnostics: VS Code pulls them/g;
const PUSHED = /Diagnostics: the server pushes them \(gotcha\.diagnostics\.pull is false\)/g;
// The server starts a JVM and reads the project: generous on a loaded 2-core machine.
const DIAGNOSTICS_TIMEOUT_MS = 120_000;

const env = (name, fallback) => {
    const value = process.env[name] ?? fallback;
    if (value === undefined) {
        throw new Error(`${name} is not set (run test/e2e/run)`);
    }
    return value;
};
const codeServer = env('CODE_SERVER');
const vsix = env('VSIX');
const repo = env('REPO');
const screenshot = process.env.SCREENSHOT;
const browserPath = env('CHROMIUM', '/usr/bin/chromium');
const noJavaPath = process.env.NO_JAVA_PATH || undefined;

const started = Date.now();
const step = (what) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${what}`);

const root = mkdtempSync(join(tmpdir(), 'gotcha-vscode-e2e-'));
const workspace = join(root, 'workspace', SAMPLE);
const userData = join(root, 'user-data');
const extensions = join(root, 'extensions');
const browserProfile = join(root, 'chromium-profile');
const serverLog = join(root, 'code-server.log');
// code-server writes its config.yaml and data under XDG folders: keep them in the temporary root too.
const codeServerEnv = { ...process.env, XDG_CONFIG_HOME: join(root, 'xdg-config'), XDG_DATA_HOME: join(root, 'xdg-data') };
if (noJavaPath) {
    codeServerEnv.PATH = noJavaPath;
    delete codeServerEnv.JAVA_HOME;
}

let codeServerProcess;
let context;
let failed = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
        stopCodeServer();
        process.exit(1);
    });
}

try {
    // Web VS Code saves edits on its own: it must only ever see a copy of the sample.
    cpSync(join(repo, 'test-workspaces', SAMPLE), workspace, { recursive: true });
    const original = readFileSync(join(workspace, FILE), 'utf8');
    const expected = original.replace('config :logger, level: :debug', 'config :logger, level: :info');
    if (expected === original) {
        throw new Error(`${FILE} of ${SAMPLE} no longer sets the :debug level this test fixes`);
    }
    writeUserSettings();
    if (noJavaPath) {
        checkNoJava();
    }

    step('installing the .vsix into a fresh extensions folder');
    const installed = execFileSync(codeServer,
        ['--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix],
        { env: codeServerEnv, encoding: 'utf8' });
    if (!/successfully installed/i.test(installed)) {
        throw new Error(`code-server --install-extension said:\n${installed}`);
    }

    const port = await freePort();
    step(`starting code-server on 127.0.0.1:${port}`);
    codeServerProcess = spawn(codeServer, [
        '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
        '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
        '--user-data-dir', userData, '--extensions-dir', extensions, '--ignore-last-opened', workspace,
    ], { env: codeServerEnv, detached: true, stdio: ['ignore', openSync(serverLog, 'a'), openSync(serverLog, 'a')] });
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok, 60_000,
        'code-server to answer /healthz');

    step('starting Chromium');
    context = await chromium.launchPersistentContext(browserProfile, {
        executablePath: browserPath,
        headless: true,
        viewport: { width: 1280, height: 760 },
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
            '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor();

    step(`opening ${FILE}`);
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(FILE);
    await openQuickPick(page, 'prod.exs');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines', { hasText: 'config :logger, level: :debug' }).waitFor();

    step('waiting for the server\'s diagnostics in the Problems panel');
    await page.keyboard.press('Control+Shift+M'); // workbench.actions.view.problems
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: RULE });
    await problem.first().waitFor({ timeout: DIAGNOSTICS_TIMEOUT_MS });
    const problemText = await page.locator('.markers-panel').innerText();
    check(problemText.includes(MESSAGE), `the Problems panel shows the message "${MESSAGE}"`, problemText);
    // The row shows source and code as "gotcha(GT007)": two elements, the parentheses drawn by CSS.
    const row = await problem.first().innerText();
    check(/^gotcha$/m.test(row) && /^GT007$/m.test(row), 'the problem\'s code reads gotcha(GT007), a string id', row);
    check(!/^0$/m.test(problemText), 'no problem shows a numeric code 0', problemText);
    const counts = (await page.locator('#status\\.problems').innerText()).split(/\s+/).filter(Boolean);
    check(counts.join(' ') === '0 1', 'the status bar counts 0 errors and 1 warning: each finding once', counts.join(' '));

    step('the server log, and a restart');
    await runCommand(page, 'Gotcha LS: Show server log');
    // The panel follows the end of the log and renders only the lines in view (wrapped, the start command alone
    // may fill it): wait for the log's last line there, and read how the server was started from the log file.
    await page.locator('.part.panel .view-lines', { hasText: 'Mix project(s) in' }).waitFor();
    const log = logFile();
    check(readFileSync(log, 'utf8').includes('Starting the bundled server'),
        'Gotcha LS: Show server log shows the server log, which says how the server was started', readFileSync(log, 'utf8'));
    if (noJavaPath) {
        checkBundledRuntime(readFileSync(log, 'utf8'));
    } else {
        check(/\[info\] Java \d+ from (PATH|JAVA_HOME): /.test(readFileSync(log, 'utf8')), 'the log names the Java it found', readFileSync(log, 'utf8'));
    }
    await runCommand(page, 'Gotcha LS: Restart server');
    await waitFor(() => count(readFileSync(log, 'utf8'), /Mix project\(s\) in/g) === 2, 30_000, 'a second server to start');
    check(true, 'Gotcha LS: Restart server starts a new server');
    // A setting that changes the command line restarts the server with it (the test's workspace is trusted).
    mkdirSync(join(workspace, '.vscode'));
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'gotcha.java.options': ['-Xmx300m'] }));
    await waitFor(() => count(readFileSync(log, 'utf8'), /Mix project\(s\) in/g) === 3, 30_000, 'a third server to start');
    check(/Starting the bundled server: .* -Xmx300m -jar /.test(readFileSync(log, 'utf8')),
        'changing gotcha.java.options restarts the server with the new option', readFileSync(log, 'utf8'));
    await page.keyboard.press('Control+Shift+M');
    await problem.first().waitFor({ timeout: DIAGNOSTICS_TIMEOUT_MS });

    // gotcha.rules reaches the running server (no restart): it republishes GT007 at the severity set here.
    step('raising GT007 to error in gotcha.rules');
    const statusCounts = () => problemCounts(page);
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'gotcha.java.options': ['-Xmx300m'],
        'gotcha.rules': { 'prod-debug-logging': { severity: 'error' } } }));
    await waitFor(async () => (await statusCounts()) === '1 0', 30_000, 'the status bar to count 1 error and 0 warnings');
    check(count(readFileSync(log, 'utf8'), /Mix project\(s\) in/g) === 3,
        'gotcha.rules set GT007 to error without restarting the server', readFileSync(log, 'utf8'));
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'gotcha.java.options': ['-Xmx300m'] }));
    await waitFor(async () => (await statusCounts()) === '0 1', 30_000, 'GT007 back to a warning');
    check(true, 'removing the setting brings GT007 back to a warning');

    step('opening the Quick Fix menu on the finding');
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(positionInside(original, ':debug'));
    await page.keyboard.press('Enter');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: FIX });
    // Right after a restart the new server may not answer codeAction yet ("No code actions available"): retry.
    for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('Control+.');
        try {
            await fix.first().waitFor({ timeout: 5_000 });
            break;
        } catch (error) {
            if (attempt === 6) {
                throw error;
            }
            await page.keyboard.press('Escape');
        }
    }
    if (screenshot) {
        mkdirSync(dirname(screenshot), { recursive: true });
        await page.screenshot({ path: screenshot });
        step(`saved ${screenshot}`);
    }

    const toasts = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
    check(toasts.every((toast) => !/Gotcha LS/.test(toast)), 'Gotcha LS shows no error notification', toasts.join('\n---\n'));

    step(`applying "${FIX}"`);
    await fix.first().click();
    const file = join(workspace, FILE);
    await waitFor(() => readFileSync(file, 'utf8') === expected, 20_000, `${FILE} on disk to read level: :info`);
    check(true, `${FILE} on disk changed exactly from level: :debug to level: :info`);
    await problem.first().waitFor({ state: 'detached', timeout: 30_000 });
    check(true, `${RULE} left the Problems panel after the fix`);

    // VS Code pulls by default; with gotcha.diagnostics.pull off the server pushes. Each finding once either way.
    await checkWholeWorkspace(page, port, 'pull');
    await checkWholeWorkspace(page, port, 'push');
} catch (error) {
    failed = true;
    console.error(`\nFAILED: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    await reportFailure();
} finally {
    await context?.close().catch(() => {});
    stopCodeServer();
    if (!failed || !process.env.GOTCHA_E2E_KEEP_FAILED) {
        rmSync(root, { recursive: true, force: true });
    } else {
        console.error(`kept ${root}`);
    }
}
step(failed ? 'end-to-end test FAILED' : 'end-to-end test passed');
console.log(failed ? '0 passed, 1 failed' : '1 passed, 0 failed');
process.exit(failed ? 1 : 0);

/**
 * Opens a fresh copy of the naive-all-gotchas sample in `mode` ('pull', VS Code's default, or 'push', set by the
 * workspace's gotcha.diagnostics.pull) and checks that the Problems panel lists the findings of files never opened,
 * each once, also after an edit. In push mode it then turns pull back on: the restarted server's findings, pulled,
 * replace the pushed ones, still each once.
 */
async function checkWholeWorkspace(page, port, mode) {
    step(`opening a copy of ${ALL_SAMPLE}, diagnostics ${mode}ed: the findings of files never opened`);
    const statusCounts = () => problemCounts(page);
    const allWorkspace = join(root, 'workspace', mode, ALL_SAMPLE);
    cpSync(join(repo, 'test-workspaces', ALL_SAMPLE), allWorkspace, { recursive: true });
    const settings = join(allWorkspace, '.vscode', 'settings.json');
    if (mode === 'push') {
        mkdirSync(dirname(settings));
        writeFileSync(settings, JSON.stringify({ 'gotcha.diagnostics.pull': false }));
    }
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(allWorkspace)}`);
    await page.locator('.monaco-workbench').waitFor();
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor();
    await page.keyboard.press('Control+Shift+M');
    // Counted once each: a finding both pushed and pulled would count twice.
    await waitFor(async () => (await statusCounts()) === '4 5', DIAGNOSTICS_TIMEOUT_MS,
        'the status bar to count 4 errors and 5 warnings');
    const said = mode === 'pull' ? PULLED : PUSHED;
    await waitFor(() => count(workspaceLog(allWorkspace), said) === 1, 10_000, `the log to say ${said}`);
    check(true, `the log says ${said}`);
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'Dockerfile' }).first().waitFor();
    // Collapsed, the panel shows one row per file, all in view.
    await page.locator('.part.panel .action-label[aria-label^="Collapse All"]').first().click();
    const files = await page.locator('.markers-panel').innerText();
    for (const name of NEVER_OPENED) {
        check(files.includes(name), `the Problems panel lists ${name}, never opened`, files);
    }
    const opened = await page.locator('.tabs-container .tab').allInnerTexts();
    check(opened.every((tab) => NEVER_OPENED.every((name) => !tab.includes(name))), 'none of them is open', opened.join(', '));
    await sleep(3_000); // a few workspace pulls (or pushes) later, still each once
    check((await statusCounts()) === '4 5', 'the status bar still counts 4 errors and 5 warnings', await statusCounts());

    step('editing config/prod.exs: its GT007 goes, the unopened files\' findings stay, each once');
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(FILE);
    await openQuickPick(page, 'prod.exs');
    const allProd = readFileSync(join(allWorkspace, FILE), 'utf8');
    const allEditor = page.locator('.editor-instance .monaco-editor').first();
    await allEditor.locator('.view-lines', { hasText: 'config :logger, level: :debug' }).waitFor();
    await allEditor.locator('.view-lines').click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(positionInside(allProd, 'debug'));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+D'); // selects the word under the cursor
    await page.keyboard.type('info');
    await waitFor(async () => (await statusCounts()) === '4 4', 30_000, 'the status bar to count 4 errors and 4 warnings');
    await sleep(3_000);
    check((await statusCounts()) === '4 4', 'after the edit each finding still counts once', await statusCounts());
    await waitFor(() => readFileSync(join(allWorkspace, FILE), 'utf8').includes('level: :info'), 20_000,
        `${FILE} saved`);
    await page.keyboard.press('Control+W');
    await sleep(3_000);
    check((await statusCounts()) === '4 4', 'closed and saved: still 4 errors and 4 warnings', await statusCounts());

    if (mode === 'push') {
        step('turning gotcha.diagnostics.pull back on: the server restarts, and VS Code pulls');
        writeFileSync(settings, JSON.stringify({ 'gotcha.diagnostics.pull': true }));
        await waitFor(() => count(workspaceLog(allWorkspace), PULLED) === 1, 30_000,
            'a restarted server whose diagnostics VS Code pulls');
        check(true, 'changing gotcha.diagnostics.pull restarts the server in the other mode');
        // The old client dropped its pushed findings when it stopped, before the new one started: what the panel
        // counts from here on was pulled from the new server.
        await waitFor(async () => (await statusCounts()) === '4 4', DIAGNOSTICS_TIMEOUT_MS,
            'the status bar to count 4 errors and 4 warnings again');
        await sleep(3_000);
        check((await statusCounts()) === '4 4', 'pulled after pushed: each finding still counts once', await statusCounts());
    }
}

/** Fails unless `java` is out of reach of code-server and its extension host, and node within it. */
function checkNoJava() {
    const lookUp = (program) => {
        try {
            return execFileSync('/bin/sh', ['-c', `command -v ${program}`], { env: codeServerEnv, encoding: 'utf8' }).trim();
        } catch {
            return undefined;
        }
    };
    const java = lookUp('java');
    check(java === undefined && codeServerEnv.JAVA_HOME === undefined,
        `code-server's environment has no java on PATH (${noJavaPath}) and no JAVA_HOME`, java ?? codeServerEnv.JAVA_HOME);
    check(lookUp('node') !== undefined, 'code-server\'s environment has node on PATH');
}

/** The server runs on the runtime inside the extension, with the AOT cache made for it and no complaint about it. */
function checkBundledRuntime(log) {
    check(/\[info\] Java \d+ from bundled runtime: \S*\/runtime\/bin\/java/.test(log), 'the log names the bundled runtime', log);
    check(/Starting the bundled server: \S*\/runtime\/bin\/java .*-XX:AOTCache=\S*\/server\/gotcha-ls\.aot -jar /.test(log),
        'the bundled runtime starts with the AOT cache', log);
    check(!/\[warning\]\[(aot|cds)/.test(log), 'the JVM has nothing to say about the AOT cache', log);
}

/** The Problems counts of the status bar, "errors warnings". */
async function problemCounts(page) {
    return (await page.locator('#status\\.problems').innerText()).split(/\s+/).filter(Boolean).join(' ');
}

/** The Gotcha LS log of the window that opened `folder` (the server names its folders as it starts). */
function workspaceLog(folder) {
    return findFiles(join(userData, 'logs'), /Gotcha LS\.log$/).map((file) => readFileSync(file, 'utf8'))
        .find((text) => text.includes(folder)) ?? '';
}

function writeUserSettings() {
    const settings = {
        // The test opens a folder it made itself; no trust prompt in front of the editor.
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'workbench.enableExperiments': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'chat.disableAIFeatures': true,
        'git.enabled': false,
        'editor.minimap.enabled': false,
        'files.autoSave': 'afterDelay',
        'files.autoSaveDelay': 200,
    };
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Picks the Quick Open row of the file named `name`. Pressing Enter would take whichever row is first, and under
 * load the list can still show the results of a shorter query (config/config.exs for "config/") when the row looked
 * for has appeared.
 */
async function openQuickPick(page, name) {
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
    await row.waitFor();
    await row.click();
}

async function runCommand(page, title) {
    await page.keyboard.press('Control+Shift+P');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(title);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
}

/** "line:column" (1-based) of the middle of the last `needle` in `text`: a cursor inside the finding's range. */
function positionInside(text, needle) {
    const offset = text.lastIndexOf(needle) + Math.floor(needle.length / 2);
    const before = text.slice(0, offset).split('\n');
    return `${before.length}:${before[before.length - 1].length + 1}`;
}

function logFile() {
    const [file] = findFiles(join(userData, 'logs'), /Gotcha LS\.log$/);
    if (!file) {
        throw new Error('no "Gotcha LS" output channel log under the user data folder');
    }
    return file;
}

function count(text, pattern) {
    return (text.match(pattern) ?? []).length;
}

function check(ok, what, detail) {
    if (!ok) {
        throw new Error(`expected ${what}${detail ? `; got:\n${detail}` : ''}`);
    }
    console.log(`  ok - ${what}`);
}

async function waitFor(condition, timeoutMs, what) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        if (await condition()) {
            return;
        }
        if (Date.now() > deadline) {
            throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
}

function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

function stopCodeServer() {
    if (!codeServerProcess?.pid) {
        return;
    }
    try {
        process.kill(-codeServerProcess.pid, 'SIGTERM'); // its own process group: code-server and its children
    } catch {
        // already gone
    }
}

async function reportFailure() {
    const page = context?.pages()[0];
    if (page) {
        const picture = join(tmpdir(), `gotcha-vscode-e2e-failure-${process.pid}.png`);
        await page.screenshot({ path: picture }).then(() => console.error(`screenshot of the failure: ${picture}`), () => {});
    }
    for (const log of [...findFiles(join(userData, 'logs'), /Gotcha LS\.log$/), serverLog]) {
        console.error(`\n--- ${log} (last 40 lines)`);
        console.error(readFileSync(log, 'utf8').split('\n').slice(-40).join('\n'));
    }
}

function findFiles(dir, pattern) {
    if (!existsSync(dir)) {
        return [];
    }
    return readdirSync(dir, { recursive: true })
        .map((name) => join(dir, String(name)))
        .filter((file) => pattern.test(file) && statSync(file).isFile());
}
