import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requestStatusText, SERVER_STATUS_COMMAND, SHOW_STATUS_COMMAND } from '../../src/status';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

describe('status', () => {
    it('asks the server for gotcha.showStatus and shows its text', async () => {
        const asked: string[] = [];
        const text = await requestStatusText(async (command) => {
            asked.push(command);
            return { tool: 'gotcha-ls', projects: [], text: 'Gotcha LS 0.1.0\nJava 17\n' };
        });
        assert.deepEqual(asked, [SERVER_STATUS_COMMAND]);
        assert.equal(text, 'Gotcha LS 0.1.0\nJava 17\n');
    });

    it('shows the JSON itself when the answer has no text', async () => {
        const text = await requestStatusText(async () => ({ tool: 'gotcha-ls' }));
        assert.equal(text, '{\n  "tool": "gotcha-ls"\n}\n');
    });

    it('is in the command palette as Gotcha LS: Show Status, under an id of its own', () => {
        const command = manifest.contributes.commands.find((entry: { command: string }) => entry.command === SHOW_STATUS_COMMAND);
        assert.deepEqual(command, { command: SHOW_STATUS_COMMAND, title: 'Show Status', category: 'Gotcha LS' });
        assert.notEqual(SHOW_STATUS_COMMAND, SERVER_STATUS_COMMAND, 'the language client registers the server command id');
    });
});
