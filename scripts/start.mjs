// `npm start`: builds the server and the web apps when the build is missing or older than the
// sources, then runs the compiled server. Plain Node, so it works before anything is built.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIsFresh(output, sources) {
  if (!existsSync(join(root, output))) return false;
  const built = statSync(join(root, output)).mtimeMs;
  return sources.every(
    (source) => !existsSync(join(root, source)) || newestMtime(join(root, source)) <= built,
  );
}

function run(script) {
  const result = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const shared = ['src/common', 'package-lock.json'];
if (!buildIsFresh('dist/server/main.js', ['src/server', ...shared])) run('build:server');
const webSources = ['src/web', 'vite.config.ts', ...shared];
if (
  !buildIsFresh('dist/web/portal/index.html', webSources) ||
  !buildIsFresh('dist/ssr/portal-render.js', webSources)
) {
  run('build:web');
}

await import(join(root, 'dist/server/main.js'));
