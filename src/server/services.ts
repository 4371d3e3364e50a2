import { join } from 'node:path';
import { type Config, rootDir } from './config.js';
import type { Database } from './db/client.js';
import { loadCalendarYears } from './lib/calendar.js';
import { createMailer, type Mailer } from './lib/mail.js';
import { createCalendarService } from './modules/agencies/calendar.service.js';
import { createAgencyService } from './modules/agencies/service.js';
import { createTouchpointService } from './modules/agencies/touchpoints.service.js';
import { createAuditService } from './modules/audit/service.js';
import { createSessionService } from './modules/auth/session.service.js';
import { createUserService } from './modules/auth/users.service.js';

/** Wires every capability's service once; routes and jobs receive this object. */
export function createServices(database: Database, config: Config, mailer?: Mailer) {
  const { db } = database;
  const mail =
    mailer ??
    createMailer({
      smtpUrl: config.smtpUrl,
      from: config.mailFrom,
      outboxDir: join(config.dataDir, 'outbox'),
    });
  const audit = createAuditService(db);
  const agencies = createAgencyService(db, audit);
  const sessions = createSessionService(db, config, mail);
  return {
    database,
    config,
    audit,
    agencies,
    touchpoints: createTouchpointService(db, audit),
    calendar: createCalendarService(db, audit, loadCalendarYears(join(rootDir, 'presets', 'calendar'))),
    sessions,
    users: createUserService(db, audit, agencies, sessions),
  };
}

export type Services = ReturnType<typeof createServices>;
