// npm run db:restore -- FILE [--force] [--replay-until BINLOG:POS [--binlog-server HOST:PORT]]:
// loads a backup of npm run db:backup into the configured database, refusing one that has any
// table unless --force; on MySQL/MariaDB it can then replay the binary log (point-in-time recovery).
import { parseArgs } from 'node:util';
import { loadCommandConfig } from '../config';
import { restoreDatabase, type RestoreOptions } from '../db/backups';
import { runCommand } from './command';

const USAGE = 'Usage: npm run db:restore -- FILE [--force] [--replay-until BINLOG_FILE:POSITION [--binlog-server HOST:PORT]]';

function parse(args: string[]): { file: string; options: RestoreOptions } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { force: { type: 'boolean', default: false }, 'replay-until': { type: 'string' }, 'binlog-server': { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
  } catch {
    throw new Error(`Unknown argument in "${args.join(' ')}". ${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new Error(`Expected one backup file, got "${positionals.join(' ')}". ${USAGE}`);
  const until = values['replay-until'] === undefined ? null : /^([^:\s]+):(\d+)$/.exec(values['replay-until']);
  if (values['replay-until'] !== undefined && !until) throw new Error(`--replay-until must be BINLOG_FILE:POSITION (got "${values['replay-until']}")`);
  const server = values['binlog-server'] === undefined ? null : /^([^:\s]+):(\d{1,5})$/.exec(values['binlog-server']);
  if (values['binlog-server'] !== undefined && !server) throw new Error(`--binlog-server must be HOST:PORT (got "${values['binlog-server']}")`);
  if (server && !until) throw new Error(`--binlog-server goes with --replay-until. ${USAGE}`);
  return {
    file: positionals[0]!,
    options: {
      force: values.force,
      replayUntil: until ? { file: until[1]!, position: Number(until[2]) } : null,
      binlogServer: server ? { host: server[1]!, port: Number(server[2]) } : null,
    },
  };
}

runCommand(async () => {
  const { file, options } = parse(process.argv.slice(2));
  const config = loadCommandConfig().database;
  const report = await restoreDatabase(config, file, options);
  const target = config.client === 'mysql' ? config.database : config.filename;
  console.log(`Restored ${file} into ${target}${report.header.taken ? ` (backup taken ${report.header.taken})` : ''}`);
  if (report.replayed) console.log(`Replayed the binary log from ${report.replayed.from} up to ${report.replayed.until}`);
  console.log(report.pending.length === 0 ? 'Schema is current' : `Pending migrations: ${report.pending.join(', ')} (run npm run migrate)`);
});
