// S4: a flood of correct sign-ins (spread over every customer, so the failed-login limits never
// apply) beside S1 traffic at half of S1's measured maximum. Throughput is compared with a raw
// bcrypt.compare loop at the same cost and concurrency beside the same S1 traffic; S1's p99
// during the flood with S1 alone at the same rate.
import path from 'node:path';
import type { BcryptJob, BcryptResult } from '../anchors/bcryptLoop';
import { BENCH_PASSWORD, userEmail } from '../dataset';
import { fire, getJson, postJson, type LoadOptions } from '../load';
import {
  accountOf,
  check,
  expectOnly2xx,
  maybeProfile,
  measured,
  noteCompeting,
  request,
  sampleFrom,
  settle,
  summarize,
  window,
  type Bench,
  type Sample,
} from '../measure';
import { runLoopAnchor } from '../processes';
import { agg } from '../report';
import { pageSequence } from './reads';

const BCRYPT_LOOP = path.join(__dirname, '../anchors/bcryptLoop.ts');

export async function s4SignInFlood(b: Bench): Promise<void> {
  const { options } = b;
  if (!b.s1) throw new Error('S4 needs S1 (its load runs beside the sign-ins): run S1 too');
  const rate = Math.max(10, Math.round(b.s1.rps * 0.5));
  const app = accountOf(b, 'app');
  const background = (): LoadOptions => {
    const page = pageSequence(options.sizes.products);
    return {
      url: b.ours.url,
      connections: options.connections,
      overallRate: rate,
      next: () => getJson(`/api/products?page=${page()}&limit=20`),
    };
  };
  let customer = 0;
  const logins = (): LoadOptions => ({
    url: b.ours.url,
    connections: options.loginConnections,
    next: () => postJson('/api/auth/login', { email: userEmail((customer++ % options.sizes.users) + 1), password: BENCH_PASSWORD }),
  });
  const first = await request(b.ours.url, logins().next());
  if (first.status !== 200) b.report.problems.push(`S4: a correct sign-in answered HTTP ${first.status}`);

  /** S1 traffic beside the raw bcrypt loop (the loop warms up while S1 does). */
  const besideBcrypt = async (concurrency = options.loginConnections): Promise<{ bcrypt: BcryptResult; s1: Sample }> => {
    let measuring!: () => void;
    const measuringStarted = new Promise<void>((resolve) => (measuring = resolve));
    const job: BcryptJob = {
      hash: b.passwordHash,
      password: BENCH_PASSWORD,
      concurrency,
      warmupSec: options.warmupSec,
      measureSec: options.measureSec,
    };
    const loop = runLoopAnchor<BcryptJob, BcryptResult>(BCRYPT_LOOP, job, {}, () => measuring());
    // Until it is awaited below, a failure of the loop must not count as unhandled.
    loop.catch(() => undefined);
    await fire({ ...background(), durationSec: options.warmupSec });
    await Promise.race([measuringStarted, loop]);
    const s1 = await measured(b, b.ours, app, () => fire({ ...background(), durationSec: options.measureSec }), 'S4 S1 beside bcrypt');
    return { bcrypt: await loop, s1 };
  };

  /** S1 traffic beside the sign-in flood; statements per sign-in leave out S1's 2 per request. */
  const besideFlood = async (): Promise<{ login: Sample; s1: Sample }> => {
    await Promise.all([fire({ ...logins(), durationSec: options.warmupSec }), fire({ ...background(), durationSec: options.warmupSec })]);
    await settle();
    await b.ours.stats(true);
    const before = await b.counter.read(app);
    const [login, s1] = await Promise.all([
      fire({ ...logins(), durationSec: options.measureSec }),
      fire({ ...background(), durationSec: options.measureSec }),
    ]);
    await settle();
    const statements = (await b.counter.read(app)) - before;
    const stats = await b.ours.stats();
    expectOnly2xx(b, 'S4 sign-ins', login);
    expectOnly2xx(b, 'S4 S1 beside sign-ins', s1);
    return {
      // The server's CPU time in this window is both loads': not per sign-in.
      login: sampleFrom(login, (statements - 2 * s1.sent) / Math.max(1, login.sent), stats, false),
      s1: sampleFrom(s1, null, stats, false),
    };
  };

  const flood: Sample[] = [];
  const bcrypt: Sample[] = [];
  const s1Alone: Sample[] = [];
  const s1DuringFlood: Sample[] = [];
  const s1DuringBcrypt: Sample[] = [];
  const ratios: number[] = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    noteCompeting(b, `S4 round ${round}`);
    s1Alone.push(await window(b, b.ours, app, background, 'S4 S1 alone'));
    const before = await besideBcrypt();
    const mine = await besideFlood();
    const after = await besideBcrypt();
    for (const { bcrypt: loop, s1 } of [before, after]) {
      bcrypt.push({ rps: loop.perSecond, p50: null, p99: null, requests: loop.compares, sql: null, cpuMs: null, rssMb: null, eldP99: null, statuses: {} });
      s1DuringBcrypt.push(s1);
      if (loop.mismatches > 0) b.report.problems.push(`S4: bcrypt.compare said no ${loop.mismatches} times`);
    }
    flood.push(mine.login);
    s1DuringFlood.push(mine.s1);
    const ratio = mine.login.rps / ((before.bcrypt.perSecond + after.bcrypt.perSecond) / 2);
    ratios.push(ratio);
    b.log(
      `  S4 round ${round}: ${mine.login.rps.toFixed(1)} sign-ins/s vs ${before.bcrypt.perSecond.toFixed(1)} and ${after.bcrypt.perSecond.toFixed(1)} compares/s → ${ratio.toFixed(2)}; ` +
        `S1 p99 ${s1Alone.at(-1)!.p99!.toFixed(1)} ms alone, ${mine.s1.p99!.toFixed(1)} ms during the flood`,
    );
  }
  const rateText = `${rate.toLocaleString('en-US')} req/s`;
  b.report.rows.push({
    id: 'S4',
    what: `\`POST /api/auth/login\` flood, ${options.loginConnections} clients, correct passwords over ${options.sizes.users.toLocaleString('en-US')} users, beside S1 at ${rateText}`,
    anchor: `raw \`bcrypt.compare\` loop (cost ${options.bcryptRounds}, ${options.loginConnections} at a time) beside the same S1 load`,
    unit: 'sign-ins/s',
    ours: summarize(flood),
    anchorSide: summarize(bcrypt),
    ratio: agg(ratios),
  });
  b.report.rows.push({
    id: 'S4',
    what: `S1 at ${rateText} during the sign-in flood`,
    anchor: `S1 at ${rateText} alone`,
    unit: 'req/s',
    ours: summarize(s1DuringFlood),
    anchorSide: summarize(s1Alone),
    ratio: null,
  });
  const ratio = agg(ratios).median;
  check(b, 'S4', 'sign-ins/s ÷ raw bcrypt.compare/s ≥ 0.9', ratio.toFixed(2), ratio >= 0.9);
  const alone = summarize(s1Alone).p99!.median;
  const during = summarize(s1DuringFlood).p99!.median;
  const duringBcrypt = summarize(s1DuringBcrypt).p99!.median;
  check(
    b,
    'S4',
    'S1 p99 during the flood ≤ 2× S1 p99 alone',
    `${during.toFixed(1)} vs ${alone.toFixed(1)} ms (${(during / alone).toFixed(1)}×; beside the raw bcrypt loop: ${duringBcrypt.toFixed(1)} ms, ${(duringBcrypt / alone).toFixed(1)}×)`,
    during <= 2 * alone,
  );
  // What bounding password hashing to one at a time would buy S1 (and cost the sign-ins).
  const single = await besideBcrypt(1);
  b.report.notes.push(
    `S4: beside a raw bcrypt loop limited to 1 compare at a time, S1 p99 is ${single.s1.p99!.toFixed(1)} ms (alone ${alone.toFixed(1)} ms, ` +
      `beside ${options.loginConnections} at a time ${duringBcrypt.toFixed(1)} ms) at ${single.bcrypt.perSecond.toFixed(1)} compares/s (${agg(bcrypt.map((sample) => sample.rps)).median.toFixed(1)} with ${options.loginConnections}).`,
  );
  await maybeProfile(b, 'S4', [logins, background]);
}
