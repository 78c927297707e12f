// Load generation with autocannon's programmatic API. Latencies are recorded from each response
// (autocannon's own histogram keeps whole milliseconds, too coarse for 2 ms requests).
import autocannon, { type Instance, type Result } from 'autocannon';

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Produces the next request; called once per request, so a scenario can vary page, user, cursor. */
export type RequestSource = () => RequestSpec;

export interface LoadOptions {
  url: string;
  connections: number;
  next: RequestSource;
  /** Seconds; ignored when `amount` is given. */
  durationSec?: number;
  /** Stop after this many responses. */
  amount?: number;
  /** Requests per second over all connections (autocannon throttles); unset: as fast as answered. */
  overallRate?: number;
}

export interface LoadResult {
  /** Responses received. */
  requests: number;
  /** Requests sent, including those still unanswered when the window closed (the server did their work). */
  sent: number;
  durationSec: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Responses by status code, e.g. { 200: 1234 }. */
  statuses: Record<number, number>;
  /** Responses outside 2xx. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export async function fire(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  // autocannon builds each request just before writing it, so this counts the requests sent.
  let sent = 0;
  const startedAt = process.hrtime.bigint();
  // Without a callback autocannon returns its EventEmitter made thenable; the types know only half.
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    timeout: 30,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationSec ?? 10 }),
    ...(options.overallRate !== undefined && { overallRate: Math.max(1, Math.round(options.overallRate)) }),
    requests: [
      {
        setupRequest: (request) => {
          sent += 1;
          const spec = options.next();
          return {
            ...request,
            method: spec.method,
            path: spec.path,
            headers: { ...(spec.body !== undefined && JSON_HEADERS), ...spec.headers },
            body: spec.body,
          } as typeof request;
        },
      },
    ],
  }) as unknown as Instance & PromiseLike<Result>;
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;

  const durationSec = Number(process.hrtime.bigint() - startedAt) / 1e9;
  const sorted = Float64Array.from(latencies).sort();
  const requests = sorted.length;
  const non2xx = Object.entries(statuses)
    .filter(([code]) => !code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    requests,
    sent: Math.max(sent, requests),
    durationSec,
    rps: requests / durationSec,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
    statuses,
    non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** Nearest-rank percentile of sorted values (0 for none). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Cycles through `items` forever, one per call. */
export function cycle<T>(items: readonly T[], start = 0): () => T {
  let index = start;
  return () => items[index++ % items.length]!;
}

export function getJson(path: string, headers: Record<string, string> = {}): RequestSpec {
  return { method: 'GET', path, headers };
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): RequestSpec {
  return { method: 'POST', path, headers, body: JSON.stringify(body) };
}
