import { createLogger } from '../src/logger';
import { createPositionStore } from '../src/db/positionStore';
import { isPosition, PositionTracker } from '../src/db/replicationPosition';

describe('replication positions (read-your-writes on replicas)', () => {
  it('keeps the highest GTID seen per replication domain, as MASTER_GTID_WAIT takes a position', () => {
    const tracker = new PositionTracker();
    expect(tracker.position()).toBeNull();
    tracker.observe('0-1-41');
    tracker.observe('0-1-42');
    tracker.observe('0-1-40'); // an older commit's OK packet, answered late
    tracker.observe('1-2-7');
    tracker.observe(''); // no binary log: nothing to wait for
    tracker.observe('garbage');
    expect(tracker.position()).toBe('0-1-42,1-2-7');
    // Sequence numbers past 2^53 stay exact.
    tracker.observe('0-1-18446744073709551615');
    expect(tracker.position()).toBe('0-1-18446744073709551615,1-2-7');
  });

  it('takes back from a store only what it wrote there', () => {
    expect(isPosition('0-1-42')).toBe(true);
    expect(isPosition('0-1-42,1-2-7')).toBe(true);
    expect(isPosition("0-1-42'); DROP TABLE users; --")).toBe(false);
    expect(isPosition('')).toBe(false);
  });

  it('without REDIS_URL, keeps each user position in memory for the window', async () => {
    const store = createPositionStore(null, 1, createLogger('silent'));
    await store.set(7, '0-1-42');
    expect(await store.get(7)).toBe('0-1-42');
    expect(await store.get(8)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await store.get(7)).toBeNull();
    await store.close();
  });

  it('with Redis unreachable, says "unknown" (the user then reads from the primary) and logs it once', async () => {
    const lines: string[] = [];
    const logger = createLogger('warn', { write: (line: string) => void lines.push(line) });
    const store = createPositionStore('redis://127.0.0.1:1', 60, logger);
    expect(await store.get(7)).toBeUndefined();
    await store.set(7, '0-1-42');
    expect(await store.get(7)).toBeUndefined();
    expect(lines.filter((line) => line.includes('signed-in users read from the primary'))).toHaveLength(1);
    await store.close();
  });

  it('with Redis, shares positions between stores (instances) and expires them', async () => {
    const [a, b] = [0, 1].map(() => createPositionStore('redis://127.0.0.1:6379', 1, createLogger('silent')));
    await Promise.all([a!.ready(), b!.ready()]);
    const userId = 900_000_000 + Math.floor(Math.random() * 1_000_000);
    await a!.set(userId, '0-1-99');
    expect(await b!.get(userId)).toBe('0-1-99');
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await b!.get(userId)).toBeNull();
    await Promise.all([a!.close(), b!.close()]);
  });
});
