import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { bcryptCompare, bcryptHash } from '../src/auth/bcryptThreads';

/** A thread's nice value, from /proc (Linux): field 19 of its stat, counted after the command name (which may hold spaces). */
function niceOf(tid: string | number): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

/** Nice values of this process's threads. (readdir's order is by name, not the main thread first.) */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map(niceOf);
}

describe('bcrypt threads', () => {
  it('hash and compare agree, and a wrong password does not match', async () => {
    const hash = await bcryptHash('correct horse battery', 4);
    expect(hash).toMatch(/^\$2[ab]\$04\$/);
    await expect(bcryptCompare('correct horse battery', hash)).resolves.toBe(true);
    await expect(bcryptCompare('wrong horse battery', hash)).resolves.toBe(false);
  });

  it('runs many comparisons at once and answers each one', async () => {
    const hash = await bcryptHash('pässwörd 🔑', 4);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => bcryptCompare(i % 3 === 0 ? 'pässwörd 🔑' : `other ${i}`, hash)));
    expect(answers).toEqual(Array.from({ length: 12 }, (_, i) => i % 3 === 0));
  });

  it('reports bad input as an error instead of hanging', async () => {
    await expect(bcryptHash('x', 'not a salt' as unknown as number)).rejects.toThrow('Invalid salt');
    // The thread that reported it still serves.
    await expect(bcryptCompare('x', await bcryptHash('x', 4))).resolves.toBe(true);
  });

  (process.platform === 'linux' ? it : it.skip)('hashes on threads of the lowest priority while the event loop keeps its own', async () => {
    const started = os.getPriority();
    await bcryptHash('anything at all', 4);
    expect(threadNiceValues()).toContain(19);
    // The main thread (its task id is the process id) keeps the priority it started with. Not
    // "the first entry of /proc/self/task": libuv sorts directory entries by name, so in CI, where
    // task ids run past the process id's digits, a bcrypt thread came first.
    expect(niceOf(process.pid)).toBe(started);
  });
});
