import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { positionSeen, type Db } from './knex';
import { createPositionStore, type PositionStore } from './positionStore';
import type { ReplicaReport } from '../domain';
import { Replica } from './replica';

/** Runs a read on the server the request's session chose for it. */
export type Reader = <T>(read: (db: Db) => Promise<T>) => Promise<T>;

/**
 * The one place that decides which server answers a read. Reads that tolerate bounded staleness
 * (the catalog, order lists and details, user lists) go to a healthy replica; for a user who wrote
 * in the last window, only once that replica has applied the write (else the primary answers).
 * Writes, transactions, the viewer's own lookup and idempotency keys never come here: they use
 * the primary directly.
 */
export interface ReadSession {
  read: Reader;
  /** Every later read of this request on the primary: what a mutation (a write request) resolves. */
  usePrimary(): void;
  /** Once a write request's work is done, before it answers: later reads of this user, on any instance, will see it. */
  rememberWrites(): Promise<void>;
}

export interface ReadRouting {
  /** One per request; `userId` is the signed-in viewer's, null when anonymous. */
  session(userId: number | null): ReadSession;
  /** Each replica's state and lag, for readiness. */
  replicas(): ReplicaReport[];
  close(): Promise<void>;
}

/** How long a user's last write position is kept: longer than any healthy replica can be behind. */
export function positionWindowSeconds(maxLagSeconds: number): number {
  return Math.max(60, 10 * maxLagSeconds);
}

/** Everything on the primary: SQLite, or no DB_REPLICAS. */
export function primaryOnly(primary: Knex): ReadRouting {
  const session: ReadSession = { read: (read) => read(primary), usePrimary() {}, rememberWrites: async () => {} };
  return { session: () => session, replicas: () => [], close: async () => {} };
}

export async function createReadRouting(primary: Knex, config: Readonly<Config>, logger: Logger): Promise<ReadRouting> {
  const database = config.database;
  if (database.client !== 'mysql' || database.replicas.length === 0) return primaryOnly(primary);

  const [[{ version }]] = (await primary.raw('SELECT VERSION() AS version')) as [[{ version: string }]];
  if (!/mariadb/i.test(version)) {
    // MySQL 8 reports commit positions differently (session_track_gtids, WAIT_FOR_EXECUTED_GTID_SET).
    throw new Error(`DB_REPLICAS needs a MariaDB primary (read-your-writes waits on MariaDB GTIDs); this one is ${version}`);
  }
  const replicas = database.replicas.map(
    (replica) => new Replica({ ...replica, database: database.database, poolMax: database.poolMax }, database.replicaMaxLagSeconds, logger),
  );
  await Promise.all(replicas.map((replica) => replica.start()));
  const positions = createPositionStore(config.redisUrl, positionWindowSeconds(database.replicaMaxLagSeconds), logger);
  await positions.ready();
  let turn = 0;
  const nextHealthy = (): Replica | null => {
    for (let tried = 0; tried < replicas.length; tried += 1) {
      const replica = replicas[turn++ % replicas.length]!;
      if (replica.healthy) return replica;
    }
    return null;
  };

  return {
    session(userId) {
      return createSession({ primary, positions, nextHealthy, userId, waitForPositions: database.waitForPositions });
    },
    replicas: () => replicas.map((replica) => replica.report()),
    async close() {
      await Promise.all([...replicas.map((replica) => replica.close()), positions.close()]);
    },
  };
}

function createSession({
  primary,
  positions,
  nextHealthy,
  userId,
  waitForPositions,
}: {
  primary: Knex;
  positions: PositionStore;
  nextHealthy: () => Replica | null;
  userId: number | null;
  waitForPositions: boolean;
}): ReadSession {
  let onPrimary = false;
  let chosen: Promise<Replica | null> | undefined;

  /** A healthy replica that has this user's last write, chosen once per request; null: the primary. */
  async function choose(): Promise<Replica | null> {
    const replica = nextHealthy();
    if (!replica || userId === null || !waitForPositions) return replica;
    const position = await positions.get(userId);
    if (position === undefined) return null; // unknown: never risk a stale answer
    if (position === null) return replica;
    return (await replica.hasApplied(position)) ? replica : null;
  }

  return {
    async read(read) {
      const replica = onPrimary ? null : await (chosen ??= choose());
      if (!replica?.healthy) return read(primary);
      try {
        return await replica.run(read);
      } catch {
        return read(primary); // the client sees no error from a replica: its read is retried once here
      }
    },
    usePrimary() {
      onPrimary = true;
    },
    async rememberWrites() {
      const position = positionSeen(primary);
      if (onPrimary && userId !== null && position !== null) await positions.set(userId, position);
    },
  };
}
