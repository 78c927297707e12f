// npm's `prepare`, run by `npm install` and `npm ci`: builds dist/ and web/dist/ when the build
// tools (dev dependencies) are installed. `npm ci --omit=dev` has none, so it builds nothing and
// says so in one line: the server runs the build made before (`npm run build`), or copied in.
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function installed(name) {
  try {
    require.resolve(`${name}/package.json`, { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

if (installed('typescript') && installed('vite')) {
  // npm_execpath: the npm that runs this script (not whichever npm is first on PATH).
  const npm = process.env.npm_execpath;
  const build = npm ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(build.status ?? 1);
}

const built = existsSync(path.join(root, 'dist/src/index.js'));
console.log(built
  ? 'prepare: no build tools (dev dependencies omitted): keeping the build in dist/'
  : 'prepare: no build tools (dev dependencies omitted) and no dist/: run `npm run build` where they are installed, and bring dist/ and web/dist/ here');
