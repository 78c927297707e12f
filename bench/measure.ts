// Measured windows and their bookkeeping: warm-up, then counters and probe around the measured
// load; rounds interleaved as anchor, ours, anchor; medians with their spread.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fire, type LoadOptions, type LoadResult, type RequestSpec } from './load';
import { competingProcesses } from './machine';
import type { BenchOptions, ScenarioId } from './options';
import type { Measured, ProbeStats } from './processes';
import { summarizeProfile } from './profile';
import { agg, type Report, type Row, type SideSummary } from './report';
import type { BenchDatabase } from './seed';
import type { StatementCounter } from './statements';

export interface Bench {
  options: BenchOptions;
  database: BenchDatabase;
  counter: StatementCounter;
  /** Shopgraph, and the anchors that are servers. */
  ours: Measured;
  raw: Measured;
  bare: Measured;
  /** Another Shopgraph on the same database (extra environment, another node executable); stopped by the caller or at the end. */
  startShopgraph(name: string, env?: Record<string, string>, node?: string): Promise<Measured>;
  /** Another raw SQL anchor (on another node executable). */
  startRawAnchor(name: string, node?: string): Promise<Measured>;
  /** Environment for the loop anchors (database, as the anchor account). */
  loopEnv: Record<string, string>;
  tokens: { admin: string; customers: string[] };
  /** The seeded bcrypt hash of every account's password. */
  passwordHash: string;
  /** The server's JWT_SECRET (the benchmark signs its tokens itself). */
  jwtSecret: string;
  /** The processes this run started, which do not count as competition. */
  ownPids: ReadonlySet<number>;
  report: Report;
  /** Where the Node 24 rows' runtime came from (set by the N24 scenario). */
  node24?: string;
  /** Stops what a scenario started (idempotently) if the run ends early: interrupted or failed. */
  atExit(step: () => Promise<unknown>): void;
  /** S1's result, which S4 loads the server with. */
  s1?: { rps: number; p99: number };
  log(line: string): void;
}

export interface Sample {
  rps: number;
  p50: number | null;
  p99: number | null;
  requests: number;
  sql: number | null;
  /** CPU time of the measured process per request, in ms. */
  cpuMs: number | null;
  rssMb: number | null;
  eldP99: number | null;
  statuses: Record<number, number>;
}

export const accountOf = (b: Bench, side: 'app' | 'anchor') => b.database.accounts[side].user;

export function sampleFrom(load: LoadResult, sql: number | null, stats: ProbeStats | null, cpuPerRequest = true): Sample {
  return {
    rps: load.rps,
    p50: load.p50,
    p99: load.p99,
    requests: load.requests,
    sql,
    cpuMs: stats && cpuPerRequest ? stats.cpuMicros / 1000 / Math.max(1, load.sent) : null,
    rssMb: stats ? stats.rssBytes / 2 ** 20 : null,
    eldP99: stats ? stats.eventLoopDelayMs.p99 : null,
    statuses: load.statuses,
  };
}

/** Records a problem when a window saw anything but 2xx (or the statuses `allowed`). */
export function expectOnly2xx(b: Bench, what: string, load: LoadResult, allowed: number[] = []): void {
  const unexpected = Object.entries(load.statuses).filter(([code]) => !code.startsWith('2') && !allowed.includes(Number(code)));
  if (unexpected.length > 0 || load.errors > 0) {
    const counts = unexpected.map(([code, count]) => `${count}× ${code}`).join(', ');
    b.report.problems.push(`${what}: ${[counts, load.errors > 0 ? `${load.errors} connection errors` : ''].filter(Boolean).join(', ')}`);
  }
}

/** Lets requests still in flight when a load stops finish, so their statements count in the right window. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 250));

/**
 * A measured load: counters and probe read around it. Statements are divided by the requests
 * sent (the server also served those whose answers arrived after the window closed).
 */
export async function measured(b: Bench, target: Measured, account: string, work: () => Promise<LoadResult>, what: string): Promise<Sample> {
  await settle();
  await target.stats(true);
  const before = await b.counter.read(account);
  const load = await work();
  await settle();
  const after = await b.counter.read(account);
  const stats = await target.stats();
  expectOnly2xx(b, what, load);
  return sampleFrom(load, (after - before) / Math.max(1, load.sent), stats);
}

/** Warm-up, then the measured window, each with a fresh request sequence. */
export async function window(b: Bench, target: Measured, account: string, load: () => LoadOptions, what: string): Promise<Sample> {
  await fire({ ...load(), durationSec: b.options.warmupSec });
  return measured(b, target, account, () => fire({ ...load(), durationSec: b.options.measureSec }), what);
}

/** Notes a window measured while other test runs shared the machine (full runs only). */
export function noteCompeting(b: Bench, label: string): void {
  if (b.options.mode !== 'full') return;
  const others = competingProcesses(b.ownPids);
  if (others.length > 0) b.report.notes.push(`${label} started while ${others.length} other test process(es) ran on the machine.`);
}

export interface Interleaved {
  ours: Sample[];
  anchor: Sample[];
  ratios: number[];
}

/** Rounds of anchor, ours, anchor; each round's ratio is ours ÷ the mean of its two anchors. */
export async function interleave(b: Bench, id: string, anchor: () => Promise<Sample>, ours: () => Promise<Sample>): Promise<Interleaved> {
  const result: Interleaved = { ours: [], anchor: [], ratios: [] };
  for (let round = 1; round <= b.options.rounds; round += 1) {
    noteCompeting(b, `${id} round ${round}`);
    const before = await anchor();
    const mine = await ours();
    const after = await anchor();
    const ratio = mine.rps / ((before.rps + after.rps) / 2);
    result.ours.push(mine);
    result.anchor.push(before, after);
    result.ratios.push(ratio);
    b.log(`  ${id} round ${round}: ours ${mine.rps.toFixed(0)}/s, anchor ${before.rps.toFixed(0)}/s and ${after.rps.toFixed(0)}/s → ratio ${ratio.toFixed(2)}`);
  }
  return result;
}

export function summarize(samples: readonly Sample[]): SideSummary {
  const optional = (values: (number | null)[]) => (values.every((value) => value === null) ? null : agg(values.filter((value) => value !== null)));
  return {
    rps: agg(samples.map((sample) => sample.rps)),
    p50: optional(samples.map((sample) => sample.p50)),
    p99: optional(samples.map((sample) => sample.p99)),
    sql: optional(samples.map((sample) => sample.sql)),
    cpuMs: optional(samples.map((sample) => sample.cpuMs)),
    rssMb: optional(samples.map((sample) => sample.rssMb)),
    eldP99: optional(samples.map((sample) => sample.eldP99)),
  };
}

export function rowFrom(id: string, what: string, anchor: string, unit: string, result: Interleaved): Row {
  return { id, what, anchor, unit, ours: summarize(result.ours), anchorSide: summarize(result.anchor), ratio: agg(result.ratios) };
}

export function check(b: Bench, id: string, target: string, measuredText: string, met: boolean): void {
  b.report.checks.push({ id, target, measured: measuredText, met });
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

export async function request(base: string, spec: RequestSpec): Promise<HttpAnswer> {
  const response = await fetch(base + spec.path, {
    method: spec.method,
    headers: { ...(spec.body !== undefined && { 'content-type': 'application/json' }), ...spec.headers },
    body: spec.body,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body };
}

/** Statements per request over `count` requests sent one at a time (after a few unmeasured ones). */
export async function statementsPerRequest(b: Bench, target: Measured, account: string, spec: () => RequestSpec, count: number): Promise<number> {
  for (let i = 0; i < 3; i += 1) await request(target.url, spec());
  const before = await b.counter.read(account);
  for (let i = 0; i < count; i += 1) {
    const answer = await request(target.url, spec());
    if (answer.status !== 200) throw new Error(`statement probe: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
  return ((await b.counter.read(account)) - before) / count;
}

/**
 * With `--profile <id>`: one extra window on the server with V8's CPU profiler on (not counted in
 * the results), summarized into the report.
 */
export async function maybeProfile(b: Bench, id: ScenarioId, loads: (() => LoadOptions)[]): Promise<void> {
  if (!b.options.profile.has(id)) return;
  await Promise.all(loads.map((load) => fire({ ...load(), durationSec: b.options.warmupSec })));
  const file = path.resolve(__dirname, 'profiles', `${id}-${b.options.mode}.cpuprofile`);
  mkdirSync(path.dirname(file), { recursive: true });
  await b.ours.cpuProfileStart();
  await Promise.all(loads.map((load) => fire({ ...load(), durationSec: b.options.profileSec })));
  await b.ours.cpuProfileStop(file);
  const summary = summarizeProfile(id, file);
  b.report.profiles.push(summary);
  b.log(`  ${id} profile: ${summary.groups.slice(0, 6).map((group) => `${group.name} ${group.percent.toFixed(1)}%`).join(', ')}`);
}
