// `npm start`: builds when the compiled service or the embed files are missing or older than the
// sources, then runs the intake service (server/dist/server/main.js) with this terminal's stdio (signals reach it directly).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'server', 'dist', 'server', 'main.js');
const embed = join(root, 'dist', 'embed');
const SOURCES = ['src', 'components', 'server', 'demo', 'osvc'];

/** The newest modification time under a folder (0 when it does not exist), build output and installs aside. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name !== 'dist' && name !== 'node_modules') latest = Math.max(latest, newest(join(path, name)));
  }
  return latest;
}

const sourcesChanged = Math.max(...SOURCES.map((folder) => newest(join(root, folder))));
// `npm run build` rewrites all of dist/, so the oldest of the two outputs dates the build.
const stale = !existsSync(entry) || !existsSync(embed) || Math.min(newest(join(root, 'server', 'dist')), newest(embed)) < sourcesChanged;
if (stale) {
  console.log('Building (dist/ is missing or older than the sources)...');
  const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; not starting.');
    process.exit(build.status ?? 1);
  }
}

const child = spawn(process.execPath, [entry], { cwd: process.cwd(), stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
