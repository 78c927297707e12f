// What one run of the benchmark does: `npm run bench` (full) or `npm run bench -- --smoke`.
import path from 'node:path';
import type { Sizes } from './seed';

/**
 * The targets' scenarios, then N24 (Node 24 against Node 20), POOL (the pool-size sweep) and
 * REPLICA (S1 and S2 with one read replica, and read-your-writes' position check).
 */
export const SCENARIOS = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'N24', 'POOL', 'REPLICA'] as const;
export type ScenarioId = (typeof SCENARIOS)[number];

export interface BenchOptions {
  mode: 'full' | 'smoke';
  /** Scenarios to run (all by default); `--only S1,S3`. */
  only: ReadonlySet<ScenarioId>;
  /**
   * Scenarios after which the server is CPU-profiled during one extra window (`--profile S1,S3`);
   * every scenario in full runs unless `--no-profile`.
   */
  profile: ReadonlySet<ScenarioId>;
  /** Where the Markdown report goes: BENCHMARKS.md for full runs, bench/.results/ for smoke runs. */
  out: string;
  sizes: Sizes & { grownProducts: number };
  warmupSec: number;
  measureSec: number;
  rounds: number;
  /** Closed-loop clients of the throughput scenarios (S1, S2, S3, S6, S7). */
  connections: number;
  loginConnections: number;
  orderClients: number;
  orderStock: number;
  soak: { maxSec: number; chunkSec: number; chunks: number; load: number };
  profileSec: number;
  bcryptRounds: number;
  /** Wait (up to this many seconds) for other test runs on the machine to end before measuring. */
  quietWaitSec: number;
}

const ROOT = path.resolve(__dirname, '..');

function listArg(argv: string[], name: string): ScenarioId[] | null {
  const index = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index < 0) return null;
  const raw = argv[index]!.includes('=') ? argv[index]!.split('=')[1]! : (argv[index + 1] ?? '');
  const ids = raw.split(',').map((id) => id.trim().toUpperCase()).filter(Boolean);
  const unknown = ids.filter((id) => !(SCENARIOS as readonly string[]).includes(id));
  if (unknown.length > 0 || ids.length === 0) throw new Error(`--${name} takes scenario ids (${SCENARIOS.join(',')}), got "${raw}"`);
  return ids as ScenarioId[];
}

function stringArg(argv: string[], name: string): string | null {
  const index = argv.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
  if (index < 0) return null;
  return argv[index]!.includes('=') ? argv[index]!.slice(name.length + 3) : (argv[index + 1] ?? null);
}

/** `--catalog 100000,1000000`: the catalog's size, and what S6 grows it to (full runs). */
function catalogArg(raw: string | null): [number, number] | null {
  if (raw === null) return null;
  const sizes = raw.split(',').map(Number);
  if (sizes.length !== 2 || !sizes.every((size) => Number.isInteger(size) && size > 0) || sizes[0]! >= sizes[1]!) {
    throw new Error(`--catalog takes two product counts, the second larger (e.g. 100000,1000000), got "${raw}"`);
  }
  return sizes as [number, number];
}

export function parseOptions(argv: string[]): BenchOptions {
  const smoke = argv.includes('--smoke');
  const only = new Set(listArg(argv, 'only') ?? SCENARIOS);
  // Full runs profile the server in every scenario (one extra window each, not counted).
  const profileAll = !smoke && !argv.includes('--no-profile');
  const profile = new Set(argv.some((arg) => arg.startsWith('--profile')) ? (listArg(argv, 'profile') ?? []) : profileAll ? SCENARIOS : []);
  const out = stringArg(argv, 'out') ?? (smoke ? path.join(ROOT, 'bench/.results/smoke.md') : path.join(ROOT, 'BENCHMARKS.md'));
  const rounds = stringArg(argv, 'rounds');
  const catalog = catalogArg(stringArg(argv, 'catalog'));
  const common = { only, profile, out: path.resolve(out), connections: 16, loginConnections: 8, orderClients: 32 };
  if (smoke) {
    return {
      ...common,
      mode: 'smoke',
      sizes: { products: 500, users: 100, orders: 1000, grownProducts: 5000 },
      warmupSec: 0.5,
      measureSec: 1.2,
      rounds: 1,
      orderStock: 300,
      soak: { maxSec: 1.2, chunkSec: 1.2, chunks: 3, load: 0.7 },
      profileSec: 2,
      bcryptRounds: 8,
      quietWaitSec: argv.includes('--wait') ? 600 : 0,
    };
  }
  return {
    ...common,
    mode: 'full',
    sizes: { products: catalog?.[0] ?? 10_000, users: 2000, orders: 20_000, grownProducts: catalog?.[1] ?? 100_000 },
    warmupSec: 5,
    measureSec: 15,
    rounds: rounds === null ? 3 : Math.max(1, Number(rounds) || 3),
    orderStock: 5000,
    soak: { maxSec: 10, chunkSec: 60, chunks: 5, load: 0.7 },
    profileSec: 10,
    bcryptRounds: 12,
    quietWaitSec: argv.includes('--no-wait') ? 0 : 600,
  };
}
