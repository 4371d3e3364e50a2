import { type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Invalid } from '../../lib/errors.js';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { randomToken, sha256 } from '../../lib/tokens.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { createOutbox } from '../channels/outbox.js';
import type { SmsSender } from '../channels/sms.transport.js';
import { type PollChannel, surveyPollRecipients, surveyPolls, surveyTokens } from './schema.js';
import type { SurveyService } from './service.js';

type Outbox = ReturnType<typeof createOutbox>;

const rowsOf = async <T>(db: Executor, query: SQL) =>
  ((await db.execute(query)) as unknown as { rows: T[] }).rows;

interface Recipient {
  clientId: string;
  contact: string;
}

/**
 * E-mail and SMS polls (issue 8 p. 3): each client with a contact of the channel whose latest
 * mailing consent is «given» gets one one-time link. The invitations are queued in the outbox in
 * the same transaction that records the poll, so a crash sends either all of them or none.
 */
export function createSurveyPolls(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  surveys: SurveyService;
  outbox: Outbox;
  sms: SmsSender;
  publicUrl: string;
}) {
  const { db, audit, agencies, surveys, outbox, sms } = deps;

  /** Who would get the poll now; consent is read at send time, so a withdrawal made a minute ago counts. */
  async function audience(executor: Executor, agencyId: string, channel: PollChannel): Promise<Recipient[]> {
    const kind = channel === 'email' ? 'email' : 'phone';
    const rows = await rowsOf<{ client_id: string; value: string }>(
      executor,
      sql`select ct.client_id, ct.value from client_contacts ct
          where ct.agency_id = ${agencyId} and ct.kind = ${kind} and ct.bounced_at is null
            and (select e.action from client_consent_events e
                 where e.agency_id = ${agencyId} and e.client_id = ct.client_id and e.purpose = 'mailing'
                 order by e.at desc, e.id desc limit 1) = 'given'
          order by ct.client_id, ct.verified desc, ct.created_at`,
    );
    const chosen = new Map<string, string>();
    for (const row of rows) {
      if (chosen.has(row.client_id)) continue;
      // Raw SQL reads the sealed column as stored.
      const contact = fieldCrypto().open(row.value);
      if (channel === 'sms' && !sms.canReceive(contact)) continue;
      chosen.set(row.client_id, contact);
    }
    return [...chosen].map(([clientId, contact]) => ({ clientId, contact }));
  }

  async function invitation(agencyId: string, surveyId: string) {
    const survey = await surveys.requireSurvey(agencyId, surveyId);
    if (!survey.published)
      throw new Invalid('params.id', 'Опрос не опубликован: опубликуйте его перед рассылкой');
    const version = await surveys.requireCurrent(agencyId, surveyId);
    const agency = await agencies.byId(agencyId);
    return {
      agency,
      title: version.definition.title,
      link: (token: string) => `${deps.publicUrl}/${agency.slug}/surveys/${survey.slug}#token=${token}`,
    };
  }

  /** How many invitations left, failed or still wait in the outbox. */
  async function progress(agencyId: string, surveyId: string, pollId?: string) {
    const rows = await rowsOf<{
      id: string;
      channel: PollChannel;
      audience: number;
      created_at: string | Date;
      sent: number;
      failed: number;
    }>(
      db,
      sql`select p.id, p.channel, p.audience, p.created_at,
            count(*) filter (where o.status = 'sent')::int as sent,
            count(*) filter (where o.status = 'failed')::int as failed
          from survey_polls p
          left join survey_poll_recipients r on r.poll_id = p.id
          left join outbound_messages o on o.id = r.outbound_id
          where p.agency_id = ${agencyId} and p.survey_id = ${surveyId}
            ${pollId ? sql`and p.id = ${pollId}` : sql``}
          group by p.id order by p.created_at desc`,
    );
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      audience: r.audience,
      sent: r.sent,
      failed: r.failed,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  return {
    async list(actor: Actor, surveyId: string) {
      await surveys.requireSurvey(actor.agencyId, surveyId);
      return progress(actor.agencyId, surveyId);
    },

    async audienceCount(actor: Actor, surveyId: string, channel: PollChannel) {
      await surveys.requireSurvey(actor.agencyId, surveyId);
      return { count: (await audience(db, actor.agencyId, channel)).length };
    },

    async send(actor: Actor, surveyId: string, channel: PollChannel) {
      const { agency, title, link } = await invitation(actor.agencyId, surveyId);
      const poll = await db.transaction(async (tx) => {
        const recipients = await audience(tx, actor.agencyId, channel);
        if (recipients.length === 0)
          throw new Invalid(
            'body.channel',
            'Некому отправить: нет клиентов с таким контактом и согласием на рассылку',
          );
        const [created] = await tx
          .insert(surveyPolls)
          .values({
            agencyId: actor.agencyId,
            surveyId,
            channel,
            audience: recipients.length,
            createdBy: actor.userId,
          })
          .returning();
        if (!created) throw new Error('poll not stored');
        for (const recipient of recipients) {
          const token = randomToken();
          await tx.insert(surveyTokens).values({
            agencyId: actor.agencyId,
            surveyId,
            tokenHash: sha256(token),
            channel,
            createdBy: actor.userId,
          });
          const outboundId =
            channel === 'email'
              ? await outbox.enqueue(tx, {
                  network: 'email',
                  agencyId: actor.agencyId,
                  clientId: recipient.clientId,
                  recipient: recipient.contact,
                  subject: `Опрос: ${title}`,
                  body: [
                    'Здравствуйте!',
                    `${agency.name} просит Вас ответить на вопросы анкеты «${title}».`,
                    `Ссылка действует один раз: ${link(token)}`,
                    'Спасибо за участие.',
                  ].join('\n\n'),
                  attachments: [],
                })
              : await sms.send(
                  {
                    to: recipient.contact,
                    agencyId: actor.agencyId,
                    clientId: recipient.clientId,
                    text: `${agency.shortName}: оцените нашу работу ${link(token)}`,
                  },
                  tx,
                );
          await tx.insert(surveyPollRecipients).values({
            pollId: created.id,
            agencyId: actor.agencyId,
            clientId: recipient.clientId,
            outboundId,
          });
        }
        await audit.record(tx, actor, 'survey_poll', created.id, {
          after: { surveyId, channel, audience: recipients.length },
        });
        return created;
      });
      outbox.kick();
      const [sent] = await progress(actor.agencyId, surveyId, poll.id);
      if (!sent) throw new Error('poll vanished after commit');
      return sent;
    },
  };
}

export type SurveyPollService = ReturnType<typeof createSurveyPolls>;
