import { asc, eq } from 'drizzle-orm';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { insertTouchpoints } from '../modules/agencies/repo.js';
import { requestAttachments, requestEvents, requests } from '../modules/requests/schema.js';
import { agencyWithStaff, type Harness } from './harness.js';

/** An agency of its own with an e-mail touchpoint: letters to `address` are its requests. */
export async function mailAgency(harness: Harness) {
  const staff = await agencyWithStaff(harness, ['admin']);
  const address = `priem@${staff.slug}.test`;
  const agency = await harness.services.agencies.findBySlug(staff.slug);
  if (!agency) throw new Error('agency not created');
  await insertTouchpoints(harness.services.database.db, agency.id, [
    {
      kind: 'email',
      mode: 'digital',
      title: 'Электронная приёмная',
      value: address,
      isPublic: true,
      sortOrder: 0,
    },
  ]);
  return { ...staff, agency, address };
}

/** A real SMTP client (nodemailer) sending to the listener on loopback, one connection a letter. */
export function smtpClient(port: number) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: false,
    // A stalled dialogue fails the send (as an MTA would defer it) instead of hanging the test.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } satisfies SMTPTransport.Options);
}

/** The SMTP reply code a send ended with: 250 when accepted, else the refusal's code. */
export async function sendCode(
  transport: ReturnType<typeof smtpClient>,
  mail: SendMailOptions,
): Promise<number> {
  try {
    const info = await transport.sendMail(mail);
    return Number(/^(\d{3})/.exec(info.response)?.[1]);
  } catch (error) {
    return (error as { responseCode?: number }).responseCode ?? -1;
  }
}

export function requestsOf(harness: Harness, agencyId: string) {
  return harness.services.database.db
    .select()
    .from(requests)
    .where(eq(requests.agencyId, agencyId))
    .orderBy(asc(requests.registeredAt));
}

export function eventsOf(harness: Harness, requestId: string) {
  return harness.services.database.db
    .select()
    .from(requestEvents)
    .where(eq(requestEvents.requestId, requestId))
    .orderBy(asc(requestEvents.at), asc(requestEvents.id));
}

export function filesOf(harness: Harness, requestId: string) {
  return harness.services.database.db
    .select()
    .from(requestAttachments)
    .where(eq(requestAttachments.requestId, requestId));
}
