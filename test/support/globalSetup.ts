import { connectToMysqlServer } from './databases';

/** With TEST_MYSQL_URL the MySQL suite is mandatory: an unreachable server fails the run. */
export default async function globalSetup(): Promise<void> {
  const mysqlUrl = process.env.TEST_MYSQL_URL;
  if (!mysqlUrl) {
    console.log('\nTEST_MYSQL_URL is not set: running the SQLite suite only; the MySQL suite is skipped.');
    return;
  }
  const url = new URL(mysqlUrl);
  const db = connectToMysqlServer(mysqlUrl);
  try {
    await db.raw('SELECT 1');
  } catch (error) {
    throw new Error(`TEST_MYSQL_URL is set but MySQL at ${url.host} is not reachable: ${String(error)}`, {
      cause: error,
    });
  } finally {
    await db.destroy();
  }
  console.log(`\nRunning every integration suite on SQLite and on MySQL at ${url.host}.`);
}
