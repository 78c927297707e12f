import { Router } from 'express';
import type { AppDeps } from '../context';

const READY_TIMEOUT_MS = 1000;

/** Shared with the app: set when shutdown begins, so load balancers stop sending traffic. */
export interface Lifecycle {
  draining: boolean;
}

export function healthRoutes({ config, logger, readRouting, pendingMigrations }: AppDeps, lifecycle: Lifecycle): Router {
  const router = Router();

  // Liveness: answers from memory only, so a database outage never restarts healthy processes.
  router.get('/health', (_req, res) => {
    res.json({ status: 'Server is running', environment: config.env });
  });

  // Readiness: not shutting down, the primary answers within 1 s and the schema is current.
  // Replicas are listed but never make an instance unready: without them, the primary serves.
  router.get('/ready', async (_req, res) => {
    const replicas = readRouting.replicas();
    const body = (status: 'ready' | 'not ready', detail?: string) => ({ status, detail, ...(replicas.length > 0 && { replicas }) });
    if (lifecycle.draining) {
      res.status(503).json(body('not ready', 'The server is shutting down'));
      return;
    }
    try {
      const pending = await withTimeout(pendingMigrations(), READY_TIMEOUT_MS);
      if (pending.length > 0) {
        res.status(503).json(body('not ready', `Pending migrations: ${pending.join(', ')}`));
        return;
      }
      res.json(body('ready'));
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json(body('not ready', `The database did not answer within ${READY_TIMEOUT_MS} ms`));
    }
  });

  return router;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
