// The real machine behind DiscoveryHost: the extension host's environment, file system and processes.

import { execFile } from 'child_process';
import * as fs from 'fs';
import { DiscoveryHost, ProcessOutput } from './discovery';

// Generous: bin/gotcha-ls builds the jar first when its sources changed.
const RUN_TIMEOUT_MS = 60_000;

export function nodeHost(env: Record<string, string | undefined> = process.env, workspaceFolder?: string): DiscoveryHost {
    return {
        env,
        platform: process.platform,
        workspaceFolder,
        isFile(file: string): boolean {
            try {
                return fs.statSync(file).isFile();
            } catch {
                return false;
            }
        },
        isExecutable(file: string): boolean {
            try {
                fs.accessSync(file, fs.constants.X_OK);
                return fs.statSync(file).isFile();
            } catch {
                return false;
            }
        },
        readFile(file: string): string | undefined {
            try {
                return fs.readFileSync(file, 'utf8');
            } catch {
                return undefined;
            }
        },
        run(program: string, args: string[]): Promise<ProcessOutput> {
            return new Promise((resolve) => {
                execFile(program, args, { timeout: RUN_TIMEOUT_MS, windowsHide: true }, (error, stdout, stderr) => {
                    const failedToStart = error && (typeof error.code === 'string' || error.killed);
                    resolve({
                        exitCode: error ? (typeof error.code === 'number' ? error.code : null) : 0,
                        stdout: String(stdout),
                        stderr: String(stderr),
                        error: failedToStart ? (error.killed ? `no answer within ${RUN_TIMEOUT_MS / 1000} s` : error.message) : undefined,
                    });
                });
            });
        },
    };
}
