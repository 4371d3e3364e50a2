import type { Db } from '../../db/client.js';
import type { Mailer } from '../../lib/mail.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { SmsSender } from '../channels/sms.transport.js';
import { createReceptionBookings } from './bookings.service.js';
import { createReceptionSchedule } from './schedule.service.js';

export type { Contact } from './bookings.service.js';

/** Personal reception (seed 003 p. 28, 35.1): the schedule of officials, slots and bookings. */
export function createReceptionService(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  calendar: CalendarService;
  mailer: Mailer;
  sms: SmsSender;
  publicUrl: string;
}) {
  return { ...createReceptionSchedule(deps), ...createReceptionBookings(deps) };
}

export type ReceptionService = ReturnType<typeof createReceptionService>;
