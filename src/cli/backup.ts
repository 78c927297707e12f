// npm run db:backup -- FILE: a consistent backup of the configured database, taken while the shop
// keeps selling (see src/db/backups.ts and the README's "Backups and restore").
import { parseArgs } from 'node:util';
import { loadCommandConfig } from '../config';
import { backupDatabase } from '../db/backups';
import { runCommand } from './command';

const USAGE = 'Usage: npm run db:backup -- FILE';

function parseFile(args: string[]): string {
  try {
    const { positionals } = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
    if (positionals.length === 1) return positionals[0]!;
  } catch {
    // reported below
  }
  throw new Error(`Expected one backup file, got "${args.join(' ')}". ${USAGE}`);
}

runCommand(async () => {
  const file = parseFile(process.argv.slice(2));
  const { header, bytes, seconds } = await backupDatabase(loadCommandConfig().database, file);
  console.log(`Backed up ${header.database} (${header.dialect}) to ${file}: ${(bytes / 1024 / 1024).toFixed(2)} MB in ${seconds.toFixed(1)} s`);
  if (header.dialect === 'mysql') {
    console.log(
      header.binlog
        ? `Binary log position: ${header.binlog.file}:${header.binlog.position} (GTID ${header.binlog.gtid || 'none yet'})`
        : 'Binary log position: none (binary logging is off on this server: no point-in-time recovery from this backup)',
    );
  }
});
