import { Router } from 'express';
import type { z } from 'zod';
import type { AppDeps } from '../context';
import type { HealthBody, NotReadyBody, ReadyBody } from './contract/health';

const READY_TIMEOUT_MS = 1000;

/** Shared with the app: set when shutdown begins, so load balancers stop sending traffic. */
export interface Lifecycle {
  draining: boolean;
}

export function healthRoutes({ config, logger, readRouting, pendingMigrations }: AppDeps, lifecycle: Lifecycle): Router {
  const router = Router();

  // Liveness: answers from memory only, so a database outage never restarts healthy processes.
  router.get('/health', (_req, res) => {
    const body: z.input<typeof HealthBody> = { status: 'Server is running', environment: config.env };
    res.json(body);
  });

  // Readiness: not shutting down, the primary answers within 1 s and the schema is current.
  // Replicas are listed but never make an instance unready: without them, the primary serves.
  router.get('/ready', async (_req, res) => {
    const replicas = readRouting.replicas();
    const listed = replicas.length > 0 ? { replicas } : {};
    const ready: z.input<typeof ReadyBody> = { status: 'ready', ...listed };
    const notReady = (detail: string): z.input<typeof NotReadyBody> => ({ status: 'not ready', detail, ...listed });
    if (lifecycle.draining) {
      res.status(503).json(notReady('The server is shutting down'));
      return;
    }
    try {
      const pending = await withTimeout(pendingMigrations(), READY_TIMEOUT_MS);
      if (pending.length > 0) {
        res.status(503).json(notReady(`Pending migrations: ${pending.join(', ')}`));
        return;
      }
      res.json(ready);
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json(notReady(`The database did not answer within ${READY_TIMEOUT_MS} ms`));
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
