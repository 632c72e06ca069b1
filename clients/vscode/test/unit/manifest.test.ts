import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PULL_SETTING_KEY } from '../../src/diagnosticsMode';
import { LAUNCH_SETTING_KEYS } from '../../src/launchSettings';

// Tests run from out/test/unit; the manifest sits three levels up.
const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const installed = (name: string) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));

/** The lowest version a range such as "^1.91.0" or "1.91.0" allows, as [major, minor, patch]. */
function lowest(range: string): number[] {
    const match = /^[\^~>=]*\s*(\d+)\.(\d+)\.(\d+)/.exec(range);
    assert.ok(match, `cannot read the range "${range}"`);
    return match.slice(1).map(Number);
}

function compare(a: number[], b: number[]): number {
    return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

describe('package.json', () => {
    it('declares a VS Code no older than vscode-languageclient needs, and types no newer than that', () => {
        const declared = lowest(manifest.engines.vscode);
        assert.ok(compare(declared, lowest(installed('vscode-languageclient').engines.vscode)) >= 0);
        assert.ok(compare(lowest(installed('@types/vscode').version), declared) <= 0);
    });

    it('contributes exactly the settings of the shared schema', () => {
        assert.deepEqual(Object.keys(manifest.contributes.configuration.properties).sort(), [
            'gotcha.diagnostics.pull', 'gotcha.diagnostics.scope', 'gotcha.exclude', 'gotcha.java.home', 'gotcha.java.options', 'gotcha.rules', 'gotcha.server.path', 'gotcha.trace.server',
        ]);
    });

    it('pulls diagnostics by default, with one switch for the whole window', () => {
        const pull = manifest.contributes.configuration.properties[`gotcha.${PULL_SETTING_KEY}`];
        assert.equal(pull.type, 'boolean');
        assert.equal(pull.default, true);
        assert.equal(pull.scope, 'window');
    });

    it('restricts in untrusted workspaces the settings that shape the command line', () => {
        const trust = manifest.capabilities.untrustedWorkspaces;
        assert.equal(trust.supported, 'limited');
        assert.deepEqual(trust.restrictedConfigurations, LAUNCH_SETTING_KEYS.map((key) => `gotcha.${key}`));
        for (const name of trust.restrictedConfigurations) {
            assert.ok(manifest.contributes.configuration.properties[name], `${name} is a contributed setting`);
        }
    });

    it('activates on Elixir, Dockerfiles and Mix projects', () => {
        for (const event of ['onLanguage:elixir', 'onLanguage:dockerfile', 'workspaceContains:**/mix.exs']) {
            assert.ok(manifest.activationEvents.includes(event), event);
        }
    });

    it('adds .ex and .exs to the elixir language id without a grammar of its own', () => {
        assert.deepEqual(manifest.contributes.languages, [{ id: 'elixir', aliases: ['Elixir'], extensions: ['.ex', '.exs'] }]);
        assert.equal(manifest.contributes.grammars, undefined);
    });

    it('pins every dependency to an exact version', () => {
        for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
            assert.match(String(version), /^\d+\.\d+\.\d+$/, name);
        }
    });

    it('packages a linux-x64 .vsix with the Java runtime and AOT cache, and a universal one without them', () => {
        const allowed = (file: string) => readFileSync(join(root, file), 'utf8').split('\n').filter((line) => line.startsWith('!'));
        const universal = allowed('.vscodeignore');
        const linux = allowed('.vscodeignore-linux-x64');
        assert.ok(universal.every((line) => !/runtime|\.aot/.test(line)), universal.join(' '));
        assert.deepEqual(linux.filter((line) => !universal.includes(line)).sort(), ['!runtime/**', '!server/gotcha-ls.aot']);
        assert.ok(universal.every((line) => linux.includes(line)), 'the linux-x64 .vsix holds what the universal one holds');
        assert.match(manifest.scripts['package:linux-x64'], /vsce package .*--target linux-x64 --ignoreFile \.vscodeignore-linux-x64 --out gotcha-ls-linux-x64\.vsix$/);
        assert.doesNotMatch(manifest.scripts.package, /--target|--ignoreFile/);
    });
});
