import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
