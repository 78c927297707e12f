// S8: mixed traffic (catalog pages, single products, the GraphQL catalog, an admin's orders, a
// customer's orders) at ~70% of the maximum just measured, for 5 minutes in 1-minute chunks; the
// last minute is compared with the first (memory growth, p99 drift).
import { prng } from '../dataset';
import { cycle, fire, getJson, postJson, type LoadOptions, type RequestSpec } from '../load';
import { accountOf, check, maybeProfile, measured, noteCompeting, summarize, type Bench, type Sample } from '../measure';
import { BROWSED_PAGES, catalogQuery } from './reads';

const ORDERS_QUERY = `query Orders($first: Int!) { orders(first: $first) { nodes { id status total items { quantity unitPrice product { name } } } } }`;

function mixedTraffic(b: Bench): () => RequestSpec {
  const random = prng(8);
  const { products } = b.options.sizes;
  const customer = cycle(b.tokens.customers);
  const admin = { authorization: `Bearer ${b.tokens.admin}` };
  const lastPage = Math.min(BROWSED_PAGES, Math.ceil(products / 20));
  return () => {
    const x = random();
    if (x < 0.45) return getJson(`/api/products?page=${1 + Math.floor(random() * lastPage)}&limit=20`);
    if (x < 0.6) return getJson(`/api/products/${1 + Math.floor(random() * products)}`);
    if (x < 0.8) return catalogQuery(20, null);
    if (x < 0.9) return postJson('/graphql', { query: ORDERS_QUERY, variables: { first: 10 } }, admin);
    return getJson('/api/orders?page=1&limit=10', { authorization: `Bearer ${customer()}` });
  };
}

export async function s8Soak(b: Bench): Promise<void> {
  const { options } = b;
  const app = accountOf(b, 'app');
  const mix = (overallRate?: number): LoadOptions => ({
    url: b.ours.url,
    connections: options.connections,
    next: mixedTraffic(b),
    ...(overallRate !== undefined && { overallRate }),
  });
  await fire({ ...mix(), durationSec: options.warmupSec });
  const max = await measured(b, b.ours, app, () => fire({ ...mix(), durationSec: options.soak.maxSec }), 'S8 maximum');
  const rate = Math.round(max.rps * options.soak.load);
  b.report.soakRate = rate;
  b.log(`  S8: maximum ${max.rps.toFixed(0)} req/s; soaking at ${rate} req/s for ${options.soak.chunks} × ${options.soak.chunkSec} s`);
  const chunks: Sample[] = [];
  for (let chunk = 1; chunk <= options.soak.chunks; chunk += 1) {
    noteCompeting(b, `S8 chunk ${chunk}`);
    const sample = await measured(b, b.ours, app, () => fire({ ...mix(rate), durationSec: options.soak.chunkSec }), `S8 chunk ${chunk}`);
    chunks.push(sample);
    b.report.soak.push({
      chunk,
      seconds: options.soak.chunkSec,
      rps: sample.rps,
      p50: sample.p50 ?? Number.NaN,
      p99: sample.p99 ?? Number.NaN,
      rssMb: sample.rssMb,
      eldP99: sample.eldP99,
    });
    b.log(`  S8 chunk ${chunk}: ${sample.rps.toFixed(0)} req/s, p99 ${sample.p99?.toFixed(1)} ms, RSS ${sample.rssMb?.toFixed(1)} MB`);
  }
  const first = chunks[0]!;
  const last = chunks.at(-1)!;
  b.report.rows.push({
    id: 'S8',
    what: `mixed soak at ${rate.toLocaleString('en-US')} req/s (${Math.round(options.soak.load * 100)}% of ${Math.round(max.rps).toLocaleString('en-US')}): last chunk`,
    anchor: 'itself, first chunk',
    unit: 'req/s',
    ours: summarize([last]),
    anchorSide: summarize([first]),
    ratio: null,
  });
  const growth = (last.rssMb! - first.rssMb!) / first.rssMb!;
  check(b, 'S8', 'RSS growth < 10% (last chunk vs first)', `${first.rssMb!.toFixed(1)} → ${last.rssMb!.toFixed(1)} MB (${(growth * 100).toFixed(1)}%)`, growth < 0.1);
  const drift = last.p99! / first.p99!;
  check(b, 'S8', 'p99 drift ≤ 1.2× (last chunk vs first)', `${first.p99!.toFixed(1)} → ${last.p99!.toFixed(1)} ms (${drift.toFixed(2)}×)`, drift <= 1.2);
  await maybeProfile(b, 'S8', [() => mix(rate)]);
}
