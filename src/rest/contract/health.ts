// The probes: what they answer, and their operations.
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { REPLICA_CHECK_INTERVAL_MS, REPLICA_STATES } from '../../domain';
import { ALWAYS } from './errors';
import { json } from './routes';
import { z } from './zod';

export const HealthBody = z
  .strictObject({
    status: z.string().openapi({ examples: ['Server is running'] }),
    environment: z.string().openapi({ description: 'NODE_ENV', examples: ['production'] }),
  })
  .openapi('Health');

/** domain.ts's ReplicaReport, as readiness lists it. */
const Replicas = z
  .array(
    z.strictObject({
      address: z.string().openapi({ examples: ['10.0.0.12:3306'] }),
      state: z.enum(REPLICA_STATES),
      lagSeconds: z.int().nullable().openapi({ description: `Seconds_Behind_Master at the last check (every ${REPLICA_CHECK_INTERVAL_MS} ms)` }),
    }),
  )
  .openapi('Replicas', {
    description: 'With DB_REPLICAS only: each read replica as this instance last saw it (readiness follows the primary alone)',
  });

export const ReadyBody = z.strictObject({ status: z.literal('ready'), replicas: Replicas.optional() }).openapi('Ready');

export const NotReadyBody = z
  .strictObject({
    status: z.literal('not ready'),
    detail: z.string().openapi({ description: 'What is wrong, e.g. the pending migrations' }),
    replicas: Replicas.optional(),
  })
  .openapi('NotReady');

export const healthPaths: RouteConfig[] = [
  {
    method: 'get',
    path: '/api/health',
    operationId: 'getHealth',
    summary: 'Liveness: the process answers (never touches the database)',
    tags: ['Health'],
    responses: { '200': { description: 'The server is running', content: json(HealthBody) }, ...ALWAYS },
  },
  {
    method: 'get',
    path: '/api/ready',
    operationId: 'getReadiness',
    summary: 'Readiness: the database answers and no migration is pending',
    tags: ['Health'],
    responses: {
      '200': { description: 'Ready for traffic', content: json(ReadyBody) },
      '503': { description: 'Not ready, with what is wrong', content: json(NotReadyBody) },
      ...ALWAYS,
    },
  },
];
