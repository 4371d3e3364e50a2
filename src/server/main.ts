import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import { loadConfig } from './config.js';
import { startScheduler } from './jobs/scheduler.js';

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

const scheduler =
  config.deadlineSweepMinutes > 0
    ? startScheduler(
        started.database.db,
        [
          {
            name: 'deadline-sweep',
            everyMinutes: config.deadlineSweepMinutes,
            run: (now) => started.services.reminders.sweep(now),
          },
        ],
        app.log,
      )
    : null;

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down');
  const timer = setTimeout(() => process.exit(1), 10_000);
  timer.unref();
  try {
    await scheduler?.stop();
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
app.log.info(`Отклик: http://localhost:${config.port}/ (консоль: /console/), база: ${started.database.kind}`);
