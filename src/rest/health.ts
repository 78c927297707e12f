import { Router } from 'express';
import type { AppDeps } from '../context';
import { pendingMigrations } from '../db/migrations';

export function healthRoutes({ config, db, logger }: AppDeps): Router {
  const router = Router();

  // Liveness: answers from memory only, so a database outage never restarts healthy processes.
  router.get('/health', (_req, res) => {
    res.json({ status: 'Server is running', environment: config.env });
  });

  // Readiness: the database answers and the schema is current.
  router.get('/ready', async (_req, res) => {
    try {
      const pending = await pendingMigrations(db);
      if (pending.length > 0) {
        res.status(503).json({ status: 'not ready', detail: `Pending migrations: ${pending.join(', ')}` });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'not ready', detail: 'The database is not answering' });
    }
  });

  return router;
}
