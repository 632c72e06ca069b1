import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InspectedSetting, LaunchSettingKey, resolveLaunchSettings, sameLaunchSettings } from '../../src/launchSettings';

const DEFAULTS: Record<LaunchSettingKey, InspectedSetting> = {
    'server.path': { defaultValue: '' },
    'java.home': { defaultValue: '' },
    'java.options': { defaultValue: [] },
};

function layers(overrides: Partial<Record<LaunchSettingKey, InspectedSetting>>) {
    return (key: LaunchSettingKey) => ({ ...DEFAULTS[key], ...overrides[key] });
}

describe('resolveLaunchSettings', () => {
    const configured = layers({
        'server.path': { globalValue: '/user/gotcha-ls.jar', workspaceValue: './evil.sh' },
        'java.home': { workspaceFolderValue: '/repo/jdk' },
        'java.options': { globalValue: ['-Xmx1g'] },
    });

    it('uses workspace values in a trusted workspace, the folder value first', () => {
        const { settings, ignored } = resolveLaunchSettings(configured, true);
        assert.deepEqual(settings, { serverPath: './evil.sh', javaHome: '/repo/jdk', javaOptions: ['-Xmx1g'] });
        assert.deepEqual(ignored, []);
    });

    it('ignores workspace values in an untrusted workspace and says which', () => {
        const { settings, ignored } = resolveLaunchSettings(configured, false);
        assert.deepEqual(settings, { serverPath: '/user/gotcha-ls.jar', javaHome: '', javaOptions: ['-Xmx1g'] });
        assert.deepEqual(ignored, ['gotcha.server.path', 'gotcha.java.home']);
    });

    it('drops values of the wrong type', () => {
        const { settings } = resolveLaunchSettings(layers({
            'server.path': { globalValue: 42 },
            'java.options': { globalValue: ['-Xmx1g', 7, null, '-ea'] },
        }), true);
        assert.deepEqual(settings, { serverPath: '', javaHome: '', javaOptions: ['-Xmx1g', '-ea'] });
    });

    it('copes with a setting VS Code does not know', () => {
        assert.deepEqual(resolveLaunchSettings(() => undefined, false).settings, { serverPath: '', javaHome: '', javaOptions: [] });
    });
});

describe('sameLaunchSettings', () => {
    const base = { serverPath: '', javaHome: '/jdk', javaOptions: ['-Xmx1g'] };

    it('sees a changed JVM option list, order included', () => {
        assert.equal(sameLaunchSettings(base, { ...base, javaOptions: ['-Xmx1g'] }), true);
        assert.equal(sameLaunchSettings(base, { ...base, javaOptions: ['-Xmx2g'] }), false);
        assert.equal(sameLaunchSettings({ ...base, javaOptions: ['-a', '-b'] }, { ...base, javaOptions: ['-b', '-a'] }), false);
        assert.equal(sameLaunchSettings(base, { ...base, javaHome: '/jdk21' }), false);
    });
});
