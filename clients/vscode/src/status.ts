// The status the server reports (`gotcha.showStatus`): what it sees of the workspace, as text to show the user.

/** The server's command: answers the status as JSON with a `text` field. */
export const SERVER_STATUS_COMMAND = 'gotcha.showStatus';

/** The palette command that shows it (the language client registers the server's own command id itself). */
export const SHOW_STATUS_COMMAND = 'gotcha.showStatusReport';

/** Sends `workspace/executeCommand`; the language client's sendRequest in the extension. */
export type ExecuteCommand = (command: string) => Promise<unknown>;

/** Asks the server for its status and returns the text to show: its `text`, else the answer as JSON. */
export async function requestStatusText(execute: ExecuteCommand): Promise<string> {
    const answer = await execute(SERVER_STATUS_COMMAND);
    if (answer !== null && typeof answer === 'object' && typeof (answer as { text?: unknown }).text === 'string') {
        return (answer as { text: string }).text;
    }
    return `${JSON.stringify(answer, null, 2)}\n`;
}
