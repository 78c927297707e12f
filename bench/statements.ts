// SQL statements per request, counted by MariaDB itself, from outside the server: nothing in
// src/ counts anything. With MariaDB's user statistics (`userstat`, switched on for the run and
// restored afterwards) the count is exact per account, so the server and the anchors are counted
// apart and other clients of the same MariaDB (tests) do not leak in. Without them (MySQL, or no
// privilege), the server-wide `Questions` counter is the fallback: right only on a quiet server.
import type { Knex } from 'knex';

export interface StatementCounter {
  mode: 'per-account' | 'server-wide';
  /** Statements run so far by `user` (per-account) or by everyone (server-wide). */
  read(user: string): Promise<number>;
  /** Puts the server's setting back as it was. */
  close(): Promise<void>;
}

export async function createStatementCounter(admin: Knex): Promise<StatementCounter> {
  let restore: string;
  try {
    const [rows] = (await admin.raw("SHOW GLOBAL VARIABLES LIKE 'userstat'")) as [{ Value: string }[]];
    const previous = rows[0]?.Value;
    if (previous === undefined) throw new Error('no user statistics (not MariaDB)');
    if (previous !== 'ON') await admin.raw('SET GLOBAL userstat = 1');
    restore = previous;
  } catch {
    return serverWide(admin);
  }
  return {
    mode: 'per-account',
    async read(user) {
      const [rows] = (await admin.raw(
        'SELECT SELECT_COMMANDS + UPDATE_COMMANDS + OTHER_COMMANDS AS n FROM information_schema.USER_STATISTICS WHERE USER = ?',
        [user],
      )) as [{ n: number | string }[]];
      return Number(rows[0]?.n ?? 0);
    },
    async close() {
      if (restore !== 'ON') await admin.raw('SET GLOBAL userstat = 0');
    },
  };
}

function serverWide(admin: Knex): StatementCounter {
  let reads = 0;
  return {
    mode: 'server-wide',
    async read() {
      const [rows] = (await admin.raw("SHOW GLOBAL STATUS LIKE 'Questions'")) as [{ Value: string }[]];
      // Each SHOW is a question itself: leave them all out.
      reads += 1;
      return Number(rows[0]?.Value ?? 0) - reads;
    },
    async close() {},
  };
}
