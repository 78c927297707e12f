/**
 * Where the primary's binary log stood after a commit, as MariaDB's global transaction ids
 * (`domain-server-sequence`, one per replication domain). A replica that has applied a position
 * has applied every transaction committed before it, so waiting for the position of a user's
 * last write (`MASTER_GTID_WAIT`) is enough for that user to read their own writes there.
 */
const GTID = /^(\d+)-(\d+)-(\d+)$/;

/** The highest GTID this process has seen each domain commit: at or beyond every commit it made. */
export class PositionTracker {
  private readonly latest = new Map<string, { server: string; sequence: bigint }>();

  /** One `last_gtid` from an OK packet; empty or malformed values are ignored. */
  observe(gtid: string): void {
    const match = GTID.exec(gtid.trim());
    if (!match) return;
    const [, domain, server, sequence] = match as unknown as [string, string, string, string];
    const seen = this.latest.get(domain);
    if (!seen || BigInt(sequence) > seen.sequence) this.latest.set(domain, { server, sequence: BigInt(sequence) });
  }

  /** The position as MASTER_GTID_WAIT takes it (`0-1-42,1-2-7`), or null before any commit. */
  position(): string | null {
    if (this.latest.size === 0) return null;
    return [...this.latest].map(([domain, { server, sequence }]) => `${domain}-${server}-${sequence}`).join(',');
  }
}

/** True for a position this module wrote (what a store hands back is checked before use in SQL). */
export function isPosition(value: string): boolean {
  return value.split(',').every((gtid) => GTID.test(gtid));
}
