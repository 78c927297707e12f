// npm run seed [-- --demo] [-- --reset-password]: migrates, then creates the admin account and,
// in development (or with --demo), the demo data. Reads only the database and ADMIN_* variables.
import { parseArgs } from 'node:util';
import { DEMO_ADMIN, seedDemoData, type SeedOptions } from '../../seeds/demo';
import { checkPasswordStrength } from '../auth/passwords';
import { ConfigError, loadCommandConfig, type CommandConfig } from '../config';
import { createDb } from '../db/knex';
import { migrateToLatest } from '../db/migrations';
import { normalizeEmail } from '../services/emailAddresses';
import { holdToRule, runCommand } from './command';

const USAGE = 'Usage: npm run seed [-- --demo] [--reset-password]';

interface Flags {
  demo: boolean;
  resetPassword: boolean;
}

function parseFlags(args: string[]): Flags {
  try {
    const { values } = parseArgs({
      args,
      options: { demo: { type: 'boolean', default: false }, 'reset-password': { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    });
    return { demo: values.demo, resetPassword: values['reset-password'] };
  } catch {
    throw new Error(`Unknown argument in "${args.join(' ')}". ${USAGE}`);
  }
}

/**
 * Production: ADMIN_EMAIL and ADMIN_PASSWORD are required, the demo catalog only with --demo
 * and the demo customer never. Elsewhere the admin defaults to admin@example.com / admin123.
 * A password given is held to the registration rules wherever it is given.
 */
function seedOptions(config: Readonly<CommandConfig>, flags: Flags): SeedOptions {
  const production = config.env === 'production';
  if (production && config.adminEmail === null) throw new ConfigError('ADMIN_EMAIL', 'is required to seed a production database');
  if (production && config.adminPassword === null) throw new ConfigError('ADMIN_PASSWORD', 'is required to seed a production database');
  const email = holdToRule('ADMIN_EMAIL', () => normalizeEmail(config.adminEmail ?? DEMO_ADMIN.email));
  const password = config.adminPassword ?? DEMO_ADMIN.password;
  if (config.adminPassword !== null) holdToRule('ADMIN_PASSWORD', () => checkPasswordStrength(password));
  return {
    admin: { email, password },
    resetAdminPassword: flags.resetPassword,
    withDemoCustomer: !production,
    withCatalog: !production || flags.demo,
    bcryptRounds: config.bcryptRounds,
  };
}

runCommand(async () => {
  const flags = parseFlags(process.argv.slice(2));
  const config = loadCommandConfig();
  const options = seedOptions(config, flags);
  const db = createDb(config.database);
  try {
    await migrateToLatest(db);
    const report = await seedDemoData(db, options);
    for (const created of report.created) console.log(`Created: ${created}`);
    for (const changed of report.changed) console.log(`Changed: ${changed}`);
    for (const left of report.leftAlone) console.log(`Left alone: ${left}`);
    if (!options.withCatalog) console.log('Not seeded: demo products (production; --demo adds them)');
  } finally {
    await db.destroy();
  }
});
