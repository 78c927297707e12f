import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { createDb } from './db/knex';
import { createLogger } from './logger';
import { listeningLine, prepareDatabase, storefrontBuilt } from './startup';

/** SIGTERM: 1 s of readiness 503 while still serving, then up to 8 s of draining, exit by 10 s. */
const SHUTDOWN_ANNOUNCE_MS = 1000;
const SHUTDOWN_DEADLINE_MS = 10_000;

function loadConfigOrExit(): Readonly<Config> {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // Every line names the instance: behind a load balancer, operators see who did what.
  const logger = createLogger(config.logLevel).child({ instance: config.instanceId });
  for (const warning of config.warnings) logger.warn(warning);

  const db = createDb(config.database);
  try {
    await prepareDatabase(db, config, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'could not prepare the database');
    await db.destroy();
    process.exit(1);
  }

  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp({ config, db, logger });
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    await db.destroy();
    process.exit(1);
  }
  // A port that cannot be opened is one line naming the variable, not a stack trace.
  const listenFailed = (error: NodeJS.ErrnoException) => {
    const problem = { EADDRINUSE: 'is already in use', EACCES: 'needs privileges this process lacks' }[error.code ?? ''];
    if (problem) console.error(`Port ${config.port} ${problem}: set PORT`);
    else logger.fatal({ err: error }, 'could not listen');
    void db.destroy().finally(() => process.exit(1));
  };
  app.httpServer.once('error', listenFailed);
  app.httpServer.listen(config.port, () => {
    app.httpServer.off('error', listenFailed);
    logger.info(listeningLine(config, storefrontBuilt()));
  });

  // SIGTERM: readiness turns 503, in-flight requests finish (8 s at most), the pool closes,
  // exit 0. Should anything hang, exit 1 at 10 s rather than never.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: finishing in-flight requests`);
    setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    await app.stop({ announceMs: SHUTDOWN_ANNOUNCE_MS });
    await db.destroy();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
