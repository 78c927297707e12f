// Anchor for S4: bcrypt.compare in a loop, `concurrency` at a time, at the cost of the seeded
// hash — the ceiling for sign-ins per second on this machine (libuv's default 4 threads, as the
// server). A warm-up first, then the measured window.
import bcrypt from 'bcrypt';
import { serveOneJob } from './loop';

export interface BcryptJob {
  hash: string;
  password: string;
  concurrency: number;
  warmupSec: number;
  measureSec: number;
}

export interface BcryptResult {
  compares: number;
  durationSec: number;
  perSecond: number;
  mismatches: number;
}

async function loop(job: BcryptJob, seconds: number): Promise<{ compares: number; mismatches: number; durationSec: number }> {
  const started = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  let compares = 0;
  let mismatches = 0;
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (Date.now() < deadline) {
        if (!(await bcrypt.compare(job.password, job.hash))) mismatches += 1;
        compares += 1;
      }
    }),
  );
  return { compares, mismatches, durationSec: Number(process.hrtime.bigint() - started) / 1e9 };
}

serveOneJob(async (job: BcryptJob, measuring): Promise<BcryptResult> => {
  await loop(job, job.warmupSec);
  measuring();
  const measured = await loop(job, job.measureSec);
  return { ...measured, perSecond: measured.compares / measured.durationSec };
});
