// HTTP through the load balancer, as a careful client does it: network errors (a connection cut
// by a restarting instance) are retried, with the same idempotency key for orders.
export interface Answer {
  status: number;
  body: unknown;
  instance: string | null;
  ms: number;
}

const NETWORK_RETRIES = 5;
/** Requests sent again after a network error, since the drill started. */
export const retried = { count: 0 };

export async function request(url: string, init: RequestInit = {}): Promise<Answer> {
  const started = performance.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: response.status, body, instance: response.headers.get('x-instance-id'), ms: performance.now() - started };
    } catch (error) {
      if (attempt >= NETWORK_RETRIES) throw error;
      retried.count += 1;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

export function graphql(base: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Answer> {
  return request(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
}

/** The `data` of a GraphQL answer, or an error naming what went wrong. */
export function dataOf<T>(answer: Answer): T {
  const body = answer.body as { data?: T; errors?: { message: string }[] };
  if (answer.status !== 200 || body.errors?.length || !body.data) {
    throw new Error(`HTTP ${answer.status}: ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
  return body.data;
}

/** The p-th percentile (0–100) of `values`, in their unit. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface LoadResult {
  requests: number;
  failures: string[];
  serverErrors: number;
  latencies: number[];
}

/** `workers` loops calling `step` until `seconds` are up; a thrown step is a failure. */
export async function runLoad(seconds: number, workers: number, step: (worker: number) => Promise<Answer>): Promise<LoadResult> {
  const result: LoadResult = { requests: 0, failures: [], serverErrors: 0, latencies: [] };
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_unused, worker) => {
      while (Date.now() < until) {
        try {
          const answer = await step(worker);
          result.latencies.push(answer.ms);
          if (answer.status >= 500) result.serverErrors += 1;
        } catch (error) {
          result.failures.push(String(error));
        }
        result.requests += 1;
      }
    }),
  );
  return result;
}
