// The results of a run as Markdown: the table, the targets, the soak by minute, CPU profiles.
// A full run rewrites BENCHMARKS.md, keeping its hand-written analysis (between the markers).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MachineInfo } from './machine';
import type { BenchOptions } from './options';
import type { ProfileSummary } from './profile';

export interface Agg {
  median: number;
  min: number;
  max: number;
}

export interface SideSummary {
  rps: Agg;
  p50: Agg | null;
  p99: Agg | null;
  sql: Agg | null;
  cpuMs: Agg | null;
  rssMb: Agg | null;
  eldP99: Agg | null;
}

export interface Row {
  id: string;
  what: string;
  anchor: string;
  unit: string;
  ours: SideSummary;
  anchorSide: SideSummary | null;
  /** ours ÷ anchor throughput, per round; null when the comparison is not about throughput. */
  ratio: Agg | null;
}

export interface Check {
  id: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface SoakChunk {
  chunk: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  rssMb: number | null;
  eldP99: number | null;
}

export interface Report {
  rows: Row[];
  checks: Check[];
  soak: SoakChunk[];
  soakRate: number | null;
  profiles: ProfileSummary[];
  /** Tables of their own (the pool sweep), each under a heading. */
  sections: { title: string; markdown: string }[];
  notes: string[];
  /** Anything that means a scenario did not run as it should (errors, wrong answers, oversell). */
  problems: string[];
}

export interface RunInfo {
  options: BenchOptions;
  machine: MachineInfo;
  revision: string;
  server: string;
  statementCounting: string;
  startedAt: Date;
  wallSeconds: number;
  competing: string[];
  seedSeconds: number;
  orderItems: number;
  /** Where the Node 24 rows' runtime came from, or null when they were not run. */
  node24: string | null;
}

export function emptyReport(): Report {
  return { rows: [], checks: [], soak: [], soakRate: null, profiles: [], sections: [], notes: [], problems: [] };
}

export function agg(values: readonly number[]): Agg {
  const sorted = [...values].filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)! };
}

function num(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function digitsFor(value: number): number {
  if (!Number.isFinite(value)) return 0;
  if (Math.abs(value) >= 100) return 0;
  if (Math.abs(value) >= 10) return 1;
  return 2;
}

/** "1,234 (1,200–1,260)", or just the value when there was one round. */
function spread(value: Agg | null | undefined, digits?: number): string {
  if (!value || !Number.isFinite(value.median)) return '—';
  const d = digits ?? digitsFor(value.median);
  if (value.min === value.max) return num(value.median, d);
  return `${num(value.median, d)} (${num(value.min, d)}–${num(value.max, d)})`;
}

function pair(ours: Agg | null | undefined, anchor: Agg | null | undefined, digits?: number): string {
  const o = ours && Number.isFinite(ours.median) ? num(ours.median, digits ?? digitsFor(ours.median)) : '—';
  const a = anchor && Number.isFinite(anchor.median) ? num(anchor.median, digits ?? digitsFor(anchor.median)) : '—';
  return `${o} / ${a}`;
}

export function resultsTable(report: Report): string {
  const lines = [
    '| # | scenario | anchor | ours | anchor | ratio | p50 ms | p99 ms | SQL/req | CPU ms/req | RSS MB | loop delay p99 ms |',
    '|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const row of report.rows) {
    lines.push(
      `| ${row.id} | ${row.what} | ${row.anchor} | ${spread(row.ours.rps)} ${row.unit} | ${spread(row.anchorSide?.rps)} | ${spread(row.ratio, 2)} | ` +
        `${pair(row.ours.p50, row.anchorSide?.p50)} | ${pair(row.ours.p99, row.anchorSide?.p99)} | ${pair(row.ours.sql, row.anchorSide?.sql, 2)} | ` +
        `${pair(row.ours.cpuMs, row.anchorSide?.cpuMs, 2)} | ` +
        `${pair(row.ours.rssMb, row.anchorSide?.rssMb, 0)} | ${pair(row.ours.eldP99, row.anchorSide?.eldP99)} |`,
    );
  }
  return lines.join('\n');
}

export function checksTable(report: Report, smoke: boolean): string {
  const lines = ['| # | target | measured | met |', '|---|---|---|---|'];
  for (const check of report.checks) {
    const verdict = smoke ? (check.met ? 'yes (smoke)' : 'no (smoke)') : check.met ? '**yes**' : '**NO**';
    lines.push(`| ${check.id} | ${check.target} | ${check.measured} | ${verdict} |`);
  }
  return lines.join('\n');
}

function soakTable(report: Report): string {
  const lines = [
    '| chunk | seconds | req/s | p50 ms | p99 ms | RSS MB | loop delay p99 ms |',
    '|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const chunk of report.soak) {
    lines.push(
      `| ${chunk.chunk} | ${num(chunk.seconds, 0)} | ${num(chunk.rps, 0)} | ${num(chunk.p50, 2)} | ${num(chunk.p99, 2)} | ` +
        `${chunk.rssMb === null ? '—' : num(chunk.rssMb, 1)} | ${chunk.eldP99 === null ? '—' : num(chunk.eldP99, 2)} |`,
    );
  }
  return lines.join('\n');
}

function profileSection(profile: ProfileSummary): string {
  const groups = profile.groups.map((group) => `${group.name} ${num(group.percent, 1)}%`).join(', ');
  const functions = profile.functions
    .slice(0, 8)
    .map((fn) => `  - ${num(fn.percent, 1)}% \`${fn.name}\``)
    .join('\n');
  return [
    `**${profile.scenario}** (${num(profile.busyMs / 1000, 1)} s of CPU sampled; \`${path.relative(process.cwd(), profile.file)}\`)`,
    '',
    `- by self time: ${groups}`,
    '- hottest functions:',
    functions,
  ].join('\n');
}

const ANALYSIS_START = '<!-- analysis:start -->';
const ANALYSIS_END = '<!-- analysis:end -->';

function keptAnalysis(file: string): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(ANALYSIS_START);
  const end = text.indexOf(ANALYSIS_END);
  return start >= 0 && end > start ? text.slice(start, end + ANALYSIS_END.length) : '';
}

export function renderMarkdown(report: Report, info: RunInfo): string {
  const { options, machine } = info;
  const smoke = options.mode === 'smoke';
  const sizes = options.sizes;
  const when = info.startedAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  const lines: string[] = [
    '# Benchmarks',
    '',
    smoke
      ? '> **SMOKE RUN** — a few seconds per scenario, one round, a small data set. These numbers only show that every scenario runs; they are not measurements.'
      : `Latest full run of \`npm run bench\` (${when}). How the benchmark works, and how to run it, is in README.md ("Benchmark").`,
    '',
    '## Setup',
    '',
    `- **Node** ${machine.node} for every row not marked "Node 24"; ${info.node24 ?? 'Node 24 was not measured'}`,
    `- **Machine** ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB; ${machine.os}; MariaDB ${machine.mariadb} on the same machine. The server, the anchors, MariaDB and the load generator (autocannon, in the benchmark's process) share the ${machine.cores} cores.`,
    `- **Load average at start** ${machine.loadAverage}${info.competing.length > 0 ? `; **other test processes were still running**: ${info.competing.length}` : '; no other test processes running'}`,
    `- **Code** ${info.revision}; server run as ${info.server}, \`NODE_ENV=production\`, \`LOG_LEVEL=warn\``,
    `- **Data** ${num(sizes.products, 0)} products in 50 categories (S6 also at ${num(sizes.grownProducts, 0)}), ${num(sizes.users, 0)} customers + 1 admin, ${num(sizes.orders, 0)} orders with ${num(info.orderItems, 0)} items; bcrypt cost ${options.bcryptRounds}; seeded in ${num(info.seedSeconds, 1)} s`,
    `- **Method** each scenario: ${options.rounds} round(s) of anchor, ours, anchor (interleaved); each window ${options.warmupSec} s warm-up then ${options.measureSec} s measured; ${options.connections} connections (S4: ${options.loginConnections} sign-in clients; S5: ${options.orderClients} clients). Numbers are the median over rounds, (min–max) when rounds differ; a ratio is ours ÷ the mean of the two anchor windows around it.`,
    `- **SQL/req** ${info.statementCounting}. **CPU ms/req** (the measured process's user + system CPU time per request sent; the database's and the load generator's CPU are not in it), **RSS** and **loop delay** (\`monitorEventLoopDelay\` p99) come from a probe preloaded with \`node --require bench/probe.cjs\` (nothing in src/).`,
    `- **Wall time** ${num(info.wallSeconds, 0)} s`,
    '',
    '## Results',
    '',
    'Cells "a / b" are ours / anchor.',
    '',
    resultsTable(report),
    '',
    '## Targets',
    '',
    checksTable(report, smoke),
    '',
  ];
  if (report.soak.length > 0) {
    lines.push(
      `## S8 soak (mixed traffic at ${num(report.soakRate ?? Number.NaN, 0)} req/s, ${Math.round(options.soak.load * 100)}% of the measured maximum)`,
      '',
      soakTable(report),
      '',
    );
  }
  for (const section of report.sections) lines.push(`## ${section.title}`, '', section.markdown, '');
  if (report.profiles.length > 0) {
    lines.push('## CPU profiles of the server', '', ...report.profiles.flatMap((profile) => [profileSection(profile), '']));
  }
  if (report.notes.length > 0 || report.problems.length > 0) {
    lines.push('## Notes', '', ...report.notes.map((note) => `- ${note}`), ...report.problems.map((problem) => `- **Problem:** ${problem}`), '');
  }
  const analysis = smoke ? '' : keptAnalysis(options.out);
  if (analysis) lines.push(analysis, '');
  return lines.join('\n');
}

export function writeReport(file: string, markdown: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, markdown);
}
