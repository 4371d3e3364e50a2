import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import { loadConfig } from './config.js';
import { periodicJobs } from './jobs/periodic.js';
import { startScheduler } from './jobs/scheduler.js';
import { startSmtpListener } from './modules/channels/email-listener.js';

const config = loadConfig();
const started = await bootstrap(config);
const app = await buildApp(started.services);

if (started.createdAgencies.length > 0) {
  app.log.info({ agencies: started.createdAgencies }, 'preset agencies created');
}
if (started.generatedAdminPassword) {
  // Printed once, on the start that created the account; it is stored only as an argon2 hash.
  process.stdout.write(
    `\nАдминистратор создан / administrator created:\n  ${config.adminEmail}\n  пароль / password: ${started.generatedAdminPassword}\n\n`,
  );
}

const scheduler = startScheduler(started.database.db, periodicJobs(started.services, config), app.log);
started.services.outbox.start(config.outboxPollMs, app.log);
started.services.campaignSender.start(config.mailingPollMs, app.log);
started.services.vk.longPoll.start(app.log);
const smtpListener =
  config.smtpInPort === 0
    ? null
    : await startSmtpListener(started.services, {
        port: config.smtpInPort,
        host: config.host,
        maxBytes: config.smtpInMaxBytes,
        logger: app.log,
      });
started.services.ok.comments.start(app.log, { intervalMs: config.okCommentsPollMs });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down');
  const timer = setTimeout(() => process.exit(1), 10_000);
  timer.unref();
  try {
    await smtpListener?.close();
    await scheduler.stop();
    await started.services.vk.longPoll.stop();
    await started.services.ok.comments.stop();
    await started.services.telegram.poller.stop();
    await started.services.outbox.stop();
    await started.services.campaignSender.stop();
    await app.close();
    await started.database.close();
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ port: config.port, host: config.host });
// After listen: a webhook Telegram is told about must already answer.
started.services.telegram.poller.start(app.log);
app.log.info(`Отклик: http://localhost:${config.port}/ (консоль: /console/), база: ${started.database.kind}`);
if (smtpListener) app.log.info(`Входящая почта (SMTP): порт ${smtpListener.port}`);
