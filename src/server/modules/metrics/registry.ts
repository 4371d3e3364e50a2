import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../../db/client.js';
import type { FileQuota } from '../agencies/file-quota.js';
import type { Outbox } from '../channels/outbox.js';
import * as repo from './repo.js';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The node's Prometheus registry: process metrics, HTTP latency by route, and the platform's
 * state read from the database at scrape time (outbox depth, send rate, open and overdue
 * requests, periodic jobs), so every node reports the same shared figures.
 */
export function createMetrics(
  db: Db,
  outbox: Pick<Outbox, 'onDelivery'>,
  fileQuota: Pick<FileQuota, 'allAgencies'>,
) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'otklik_' });

  const httpDuration = new Histogram({
    name: 'otklik_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  new Gauge({
    name: 'otklik_outbox_messages',
    help: 'Outgoing messages not yet delivered, by network and state',
    labelNames: ['network', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await repo.outboxBacklog(db)) {
        this.set({ network: row.network, status: row.status }, row.value);
      }
    },
  });

  // Counted where the send happens, so `rate()` gives each node's send rate and failures per second.
  const deliveries = new Counter({
    name: 'otklik_outbox_deliveries_total',
    help: 'Delivery attempts of outgoing messages on this node, by network and result (sent, retry, failed)',
    labelNames: ['network', 'result'] as const,
    registers: [registry],
  });
  outbox.onDelivery((network, result) => deliveries.inc({ network, result }));

  new Gauge({
    name: 'otklik_mailing_recipients',
    help: 'Mailing e-mails not yet delivered, by state: the campaign queue',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await repo.mailingBacklog(db)) this.set({ status: row.status }, row.value);
    },
  });

  new Gauge({
    name: 'otklik_outbox_sent_last_hour',
    help: 'Messages delivered in the last hour, by network',
    labelNames: ['network'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await repo.sentSince(db, new Date(Date.now() - HOUR_MS))) {
        this.set({ network: row.network }, row.value);
      }
    },
  });

  new Gauge({
    name: 'otklik_requests',
    help: 'Requests whose legal term runs, per agency: open, overdue, due within 24 hours',
    labelNames: ['agency', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const now = new Date();
      for (const row of await repo.openRequests(db, now, new Date(now.getTime() + DAY_MS))) {
        this.set({ agency: row.agency, state: 'open' }, row.open);
        this.set({ agency: row.agency, state: 'overdue' }, row.overdue);
        this.set({ agency: row.agency, state: 'due_24h' }, row.dueSoon);
      }
    },
  });

  // ASVS 12.1.3: alert before an agency's uploads start being refused (used / quota ≥ 0.9).
  new Gauge({
    name: 'otklik_agency_file_bytes',
    help: "Bytes of each agency's stored files (state=used) and its quota (state=quota)",
    labelNames: ['agency', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await fileQuota.allAgencies()) {
        this.set({ agency: row.slug, state: 'used' }, row.usedBytes);
        this.set({ agency: row.slug, state: 'quota' }, row.quotaBytes);
      }
    },
  });

  new Gauge({
    name: 'otklik_job_last_finished_seconds',
    help: 'When each periodic job last finished (Unix time)',
    labelNames: ['job'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const job of await repo.jobStates(db)) {
        if (job.lastFinishedAt) this.set({ job: job.name }, job.lastFinishedAt.getTime() / 1000);
      }
    },
  });

  new Gauge({
    name: 'otklik_job_failing',
    help: '1 when the last run of the job failed',
    labelNames: ['job'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const job of await repo.jobStates(db)) this.set({ job: job.name }, job.failing ? 1 : 0);
    },
  });

  return {
    registry,
    /** Times every request by its route pattern, never its raw URL (ids would explode the labels). */
    observe(app: FastifyInstance) {
      app.addHook('onResponse', async (request, reply) => {
        const route = request.routeOptions.url;
        if (!route || route === '/metrics') return;
        httpDuration.observe(
          { method: request.method, route, status_code: String(reply.statusCode) },
          reply.elapsedTime / 1000,
        );
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
