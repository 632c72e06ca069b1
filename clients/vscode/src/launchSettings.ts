// The settings that pick the program VS Code runs (server path, Java home, JVM options). A workspace's own
// .vscode/settings.json may set them only once the user trusts that workspace: otherwise opening a cloned
// repository could run a program of its choosing.

import { LaunchSettings } from './discovery';

/** The layers of one setting, as `WorkspaceConfiguration.inspect` returns them. */
export interface InspectedSetting {
    defaultValue?: unknown;
    globalValue?: unknown;
    workspaceValue?: unknown;
    workspaceFolderValue?: unknown;
}

export const LAUNCH_SETTING_KEYS = ['server.path', 'java.home', 'java.options'] as const;
export type LaunchSettingKey = (typeof LAUNCH_SETTING_KEYS)[number];

export interface ResolvedLaunchSettings {
    settings: LaunchSettings;
    /** Full names of the settings whose workspace value was ignored because the workspace is not trusted. */
    ignored: string[];
}

export function resolveLaunchSettings(
    inspect: (key: LaunchSettingKey) => InspectedSetting | undefined,
    workspaceTrusted: boolean,
): ResolvedLaunchSettings {
    const ignored: string[] = [];
    const value = (key: LaunchSettingKey): unknown => {
        const layers = inspect(key) ?? {};
        const workspace = layers.workspaceFolderValue ?? layers.workspaceValue;
        if (workspace !== undefined) {
            if (workspaceTrusted) {
                return workspace;
            }
            ignored.push(`gotcha.${key}`);
        }
        return layers.globalValue ?? layers.defaultValue;
    };
    const settings: LaunchSettings = {
        serverPath: asString(value('server.path')),
        javaHome: asString(value('java.home')),
        javaOptions: asStrings(value('java.options')),
    };
    return { settings, ignored };
}

export function sameLaunchSettings(a: LaunchSettings, b: LaunchSettings): boolean {
    return a.serverPath === b.serverPath
        && a.javaHome === b.javaHome
        && a.javaOptions.length === b.javaOptions.length
        && a.javaOptions.every((option, i) => option === b.javaOptions[i]);
}

function asString(value: unknown): string {
    return typeof value === 'string' ? value : '';
}

function asStrings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
