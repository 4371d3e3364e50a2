import type { MailingTopic } from '../../../common/mailings.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/service.js';
import * as repo from './repo.js';

/** What a new agency mails about until its staff change it. */
const PRESET_TOPICS = [
  { title: 'Новости ведомства', description: 'Главные события и решения ведомства' },
  { title: 'Приём граждан', description: 'Графики и изменения в порядке личного приёма' },
  {
    title: 'Государственные услуги',
    description: 'Изменения в порядке предоставления услуг и исполнения функций',
  },
];

export const toTopic = (row: repo.TopicRow): MailingTopic => ({
  id: row.id,
  title: row.title,
  description: row.description,
  archived: row.archived,
});

const duplicateTitle = () => new Conflict('topic_exists', 'Тема с таким названием уже есть', 'body.title');

/** The topics of an agency's mailings; archived ones stay for the ledger and old campaigns. */
export function createMailingTopics(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function all(agencyId: string) {
    let rows = await repo.listTopics(db, agencyId);
    if (rows.length === 0) {
      await repo.insertPresetTopics(db, agencyId, PRESET_TOPICS);
      rows = await repo.listTopics(db, agencyId);
    }
    return rows;
  }

  return {
    all,

    async list(actor: Actor) {
      return (await all(actor.agencyId)).map(toTopic);
    },

    /** Topic ids a subscriber or a campaign may choose: known and not archived. */
    async chosen(agencyId: string, ids: string[] | undefined, field: string) {
      const live = (await all(agencyId)).filter((row) => !row.archived);
      if (ids === undefined) return live;
      const picked = live.filter((row) => ids.includes(row.id));
      if (picked.length !== new Set(ids).size) {
        throw new Invalid(field, 'Выбрана неизвестная или архивная тема рассылки', 'unknown_topic');
      }
      if (picked.length === 0) throw new Invalid(field, 'Выберите хотя бы одну тему рассылки', 'no_topics');
      return picked;
    },

    async create(actor: Actor, input: { title: string; description?: string }) {
      const existing = await all(actor.agencyId);
      return db.transaction(async (tx) => {
        const row = await repo.insertTopic(tx, {
          agencyId: actor.agencyId,
          title: input.title.trim(),
          description: input.description?.trim() ?? '',
          position: existing.length,
        });
        if (!row) throw duplicateTitle();
        await audit.record(tx, actor, 'mailing_topic', row.id, { after: toTopic(row) });
        return toTopic(row);
      });
    },

    async update(
      actor: Actor,
      id: string,
      patch: { title?: string; description?: string; archived?: boolean },
    ) {
      const before = (await all(actor.agencyId)).find((row) => row.id === id);
      if (!before) throw new NotFound('topic_not_found', 'Тема рассылки не найдена');
      const title = patch.title?.trim();
      if (title && title !== before.title && (await all(actor.agencyId)).some((row) => row.title === title)) {
        throw duplicateTitle();
      }
      return db.transaction(async (tx) => {
        const row = await repo.updateTopic(tx, actor.agencyId, id, {
          ...patch,
          title,
          description: patch.description?.trim(),
        });
        if (!row) throw new NotFound('topic_not_found', 'Тема рассылки не найдена');
        await audit.record(tx, actor, 'mailing_topic', id, { before: toTopic(before), after: toTopic(row) });
        return toTopic(row);
      });
    },
  };
}

export type MailingTopics = ReturnType<typeof createMailingTopics>;
