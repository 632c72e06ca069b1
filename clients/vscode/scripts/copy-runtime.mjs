// Lays the Java runtime and the AOT cache of the linux-x64 distribution into the extension (runtime/ and
// server/gotcha-ls.aot), which the linux-x64 .vsix ships. Run after copy-server.mjs: the cache serves only the jar
// it was trained for, so the distribution must hold the very jar the extension ships.
import { execFileSync } from 'child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const extension = join(dirname(fileURLToPath(import.meta.url)), '..');
const distributions = join(extension, '..', '..', 'server', 'target', 'dist');
const build = 'Build it, from the repository root: mvn -B -ntp -Pdist -pl server -am package -DskipTests';

const tarballs = (() => {
    try {
        return readdirSync(distributions).filter((name) => /^gotcha-ls-.+-linux-x64\.tar\.gz$/.test(name));
    } catch {
        return [];
    }
})();
if (tarballs.length !== 1) {
    console.error(`Expected one gotcha-ls-VERSION-linux-x64.tar.gz in ${distributions}, found ${tarballs.length}.\n${build}`);
    process.exit(1);
}
const tarball = join(distributions, tarballs[0]);

// Unpacked beside its destination, so that the runtime moves in with one rename, file modes intact.
const unpacked = mkdtempSync(join(extension, '.unpack-'));
let sameJar;
try {
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked, 'gotcha-ls/runtime', 'gotcha-ls/lib']);
    const home = join(unpacked, 'gotcha-ls');
    sameJar = readFileSync(join(home, 'lib', 'gotcha-ls.jar')).equals(readFileSync(join(extension, 'server', 'gotcha-ls.jar')));
    if (sameJar) {
        rmSync(join(extension, 'runtime'), { recursive: true, force: true });
        renameSync(join(home, 'runtime'), join(extension, 'runtime'));
        copyFileSync(join(home, 'lib', 'gotcha-ls.aot'), join(extension, 'server', 'gotcha-ls.aot'));
    }
} finally {
    rmSync(unpacked, { recursive: true, force: true });
}
if (!sameJar) {
    console.error(`${tarball} holds another server jar than server/target/gotcha-ls.jar, and its AOT cache would not serve that one.\n${build}`);
    process.exit(1);
}
const size = (path) => (Number(execFileSync('du', ['-sk', path], { encoding: 'utf8' }).split('\t')[0]) / 1024).toFixed(1);
console.log(`laid the runtime (${size(join(extension, 'runtime'))} MiB) and the AOT cache (${size(join(extension, 'server', 'gotcha-ls.aot'))} MiB) of ${tarball} into the extension`);
