// Copies the server jar built by Maven into the extension, which ships it inside the .vsix.
import { copyFileSync, mkdirSync, statSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const extension = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(extension, '..', '..', 'server', 'target', 'gotcha-ls.jar');
const shipped = join(extension, 'server', 'gotcha-ls.jar');

try {
    statSync(built);
} catch {
    console.error(`No server jar at ${built}.\nBuild it first, from the repository root: mvn -B -ntp package -DskipTests`);
    process.exit(1);
}
mkdirSync(dirname(shipped), { recursive: true });
copyFileSync(built, shipped);
console.log(`copied ${built} (${(statSync(shipped).size / 1048576).toFixed(1)} MiB) into the extension`);
