import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { NotFound, Unauthorized } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import { createMetrics } from './registry.js';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics` in the Prometheus text format, for a scraper holding METRICS_TOKEN as a bearer
 * token. Without the token configured the metrics are off: behind a reverse proxy on the same host
 * every request would look local, so "local only" would be no protection.
 */
export function metricsRoutes(app: FastifyInstance, { database, config, outbox, fileQuota }: Services) {
  const token = config.metricsToken;
  // Off, a node spends nothing on metrics: no registry, no timing hook on every request.
  const metrics = token ? createMetrics(database.db, outbox, fileQuota) : null;
  metrics?.observe(app);

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        headers: Type.Object({ authorization: Type.Optional(Type.String({ maxLength: 500 })) }),
      },
    },
    async (request, reply) => {
      if (!token || !metrics) {
        throw new NotFound('metrics_disabled', 'Метрики выключены: задайте METRICS_TOKEN');
      }
      const given = request.headers.authorization ?? '';
      if (!given.startsWith('Bearer ') || !sameToken(given.slice(7), token)) {
        throw new Unauthorized('metrics_token', 'Нужен верный токен метрик (Authorization: Bearer …)');
      }
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    },
  );
}
