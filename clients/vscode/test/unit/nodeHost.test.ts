import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findJava } from '../../src/discovery';
import { nodeHost } from '../../src/nodeHost';

describe('nodeHost', () => {
    it('tells files from folders and missing paths', () => {
        const dir = mkdtempSync(join(tmpdir(), 'gotcha-host-'));
        try {
            writeFileSync(join(dir, 'gotcha-ls.jar'), '');
            const host = nodeHost({});
            assert.equal(host.isFile(join(dir, 'gotcha-ls.jar')), true);
            assert.equal(host.isFile(dir), false);
            assert.equal(host.isFile(join(dir, 'missing')), false);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('tells executable files from others, and reads files', () => {
        const dir = mkdtempSync(join(tmpdir(), 'gotcha-host-'));
        try {
            writeFileSync(join(dir, 'java'), '#!/bin/sh\n');
            writeFileSync(join(dir, 'release'), 'JAVA_VERSION="25.0.3"\n');
            chmodSync(join(dir, 'java'), 0o755);
            chmodSync(join(dir, 'release'), 0o644);
            const host = nodeHost({});
            assert.equal(host.isExecutable(join(dir, 'java')), true);
            assert.equal(host.isExecutable(join(dir, 'release')), false);
            assert.equal(host.isExecutable(dir), false);
            assert.equal(host.isExecutable(join(dir, 'missing')), false);
            assert.equal(host.readFile(join(dir, 'release')), 'JAVA_VERSION="25.0.3"\n');
            assert.equal(host.readFile(join(dir, 'missing')), undefined);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('reports a program that cannot start instead of throwing', async () => {
        const output = await nodeHost({}).run('/nonexistent/java', ['-version']);
        assert.match(output.error ?? '', /ENOENT/);
    });

    // The Java that runs these tests' Maven build: discovery must find it and read its real `-version` output.
    it('finds the Java on this machine and reads its version', { skip: !process.env.PATH }, async () => {
        const java = await findJava({ serverPath: '', javaHome: '', javaOptions: [] }, nodeHost({ PATH: process.env.PATH }));
        assert.ok(java.major >= 17, `found Java ${java.major} at ${java.path}`);
    });
});
