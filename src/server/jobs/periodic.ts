import type { Config } from '../config.js';
import { createImapPolling } from '../modules/channels/email-imap.js';
import { runDailyRetention } from '../modules/history/retention.js';
import type { Services } from '../services.js';
import type { PeriodicJob } from './scheduler.js';

const DAY_MINUTES = 24 * 60;

/** What every node runs in the background; the scheduler makes sure one node runs each at a time. */
export function periodicJobs(services: Services, config: Config): PeriodicJob[] {
  const jobs: PeriodicJob[] = [
    // ARCHITECTURE §3: five years after the last interaction, per agency, legal holds kept.
    {
      name: 'retention-purge',
      everyMinutes: DAY_MINUTES,
      run: (now) => runDailyRetention(services.retention, now),
    },
    // Seed 003 p. 41: questions asked often without an answer in the knowledge base.
    { name: 'kb-proposals', everyMinutes: DAY_MINUTES, run: (now) => services.kbProposals.runAll(now) },
    // Issue 7 p. 5: a reminder e-mail the day before a personal reception, once per booking.
    { name: 'reception-reminders', everyMinutes: 15, run: (now) => services.reception.remindAll(now) },
    // Issue 11 p. 4: «Мониторинг» by e-mail, weekly or monthly, once per period and person.
    { name: 'dashboard-reports', everyMinutes: 60, run: (now) => services.dashboardReports.sendDue(now) },
  ];
  if (config.deadlineSweepMinutes > 0) {
    jobs.push({
      name: 'deadline-sweep',
      everyMinutes: config.deadlineSweepMinutes,
      run: (now) => services.reminders.sweep(now),
    });
  }
  if (config.kbReviewSweepMinutes > 0) {
    // Seed 003 p. 41: a reminder before a section's review is due, an escalation after it.
    jobs.push({
      name: 'kb-review-sweep',
      everyMinutes: config.kbReviewSweepMinutes,
      run: (now) => services.kbReviewSweep.sweep(now),
    });
    // Seed 000 p. 7.1: the same cycle for the public site's sections and pages.
    jobs.push({
      name: 'site-review-sweep',
      everyMinutes: config.kbReviewSweepMinutes,
      run: (now) => services.siteReviewSweep.sweep(now),
    });
  }
  if (config.imapPollMinutes > 0) {
    const imap = createImapPolling(services);
    jobs.push({ name: 'imap-poll', everyMinutes: config.imapPollMinutes, run: () => imap.pollAll() });
  }
  return jobs;
}
