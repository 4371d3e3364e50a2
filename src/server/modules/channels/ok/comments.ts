import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../db/client.js';
import { readCursor, saveCursor } from '../accounts.repo.js';
import type { ChannelAccounts, OpenAccount } from '../accounts.service.js';
import type { SocialInbox } from '../social.service.js';
import { okRest, okRestMissing } from './rest.js';

/** How many of the group's latest topics are looked through for new comments. */
const RECENT_TOPICS = 20;
const PAGE_SIZE = 100;
const MAX_PAGES = 10;
/** A newly connected group brings the last day's comments, not its whole history. */
const FIRST_LOOK_BACK_MS = 24 * 3600_000;
/** Comments OK stamps a little before the last poll still arrive late; the dedup drops repeats. */
const OVERLAP_MS = 10 * 60_000;
const TITLE_LENGTH = 80;

interface OkTopic {
  id: string;
  media?: { type?: string; text?: string }[];
}

interface OkComment {
  id: string;
  text?: string;
  author_id?: string;
  author_name?: string;
  author_type?: string;
  created_ms?: number;
  /** "yyyy-MM-dd HH:mm:ss", Moscow time: what OK gives when `created_ms` is absent. */
  date?: string;
}

interface OkCommentsPage {
  comments?: OkComment[];
  entities?: { users?: { uid?: string; name?: string }[] };
  anchor?: string;
  has_more?: boolean;
}

const timeOf = (comment: OkComment) =>
  comment.created_ms ?? (comment.date ? Date.parse(`${comment.date.replace(' ', 'T')}+03:00`) : Number.NaN);

const topicText = (topic: OkTopic) =>
  (topic.media ?? []).find((block) => block.type === 'text' && block.text)?.text?.trim() ?? '';

/**
 * Comments under the group's topics for the social inbox (issue 5 p. 3). OK pushes no event for
 * them, so each node polls every enabled OK account that has REST credentials: the latest topics
 * (`mediatopic.getTopics`), then each topic's comments (`discussions.getComments`, GROUP_TOPIC).
 * The cursor (the newest comment time seen) is saved only after every comment read is stored;
 * a crash reads them again and the inbox keeps each OK comment id once. Field names follow OK's
 * REST responses as third-party clients read them; apiok.ru's own pages were not available.
 */
export function createOkComments(deps: {
  db: Db;
  channelAccounts: ChannelAccounts;
  socialInbox: SocialInbox;
}) {
  let timer: NodeJS.Timeout | null = null;
  let log: FastifyBaseLogger | null = null;
  let current: Promise<void> | null = null;

  async function commentsOf(account: OpenAccount, topicId: string) {
    const comments: OkComment[] = [];
    const names = new Map<string, string>();
    let anchor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await okRest<OkCommentsPage>(account, 'discussions.getComments', {
        discussionId: topicId,
        discussionType: 'GROUP_TOPIC',
        count: String(PAGE_SIZE),
        ...(anchor ? { anchor } : {}),
      });
      comments.push(...(result.comments ?? []));
      for (const user of result.entities?.users ?? []) {
        if (user.uid && user.name) names.set(user.uid, user.name);
      }
      if (!result.has_more || !result.anchor) break;
      anchor = result.anchor;
    }
    return { comments, names };
  }

  async function pollAccount(account: OpenAccount) {
    const groupId = account.settings.groupId as string;
    const saved = Number(await readCursor(deps.db, account.id));
    const since = saved > 0 ? saved - OVERLAP_MS : Date.now() - FIRST_LOOK_BACK_MS;
    let newest = saved > 0 ? saved : since;
    const { media_topics: topics = [] } = await okRest<{ media_topics?: OkTopic[] }>(
      account,
      'mediatopic.getTopics',
      { gid: groupId, count: String(RECENT_TOPICS) },
    );
    for (const topic of topics) {
      const { comments, names } = await commentsOf(account, topic.id);
      for (const comment of comments) {
        const at = timeOf(comment);
        if (!comment.id || !(at >= since)) continue;
        newest = Math.max(newest, at);
        const authorId = String(comment.author_id ?? '');
        // The group's own comments are the agency's answers, not something to answer.
        if (comment.author_type?.toUpperCase() === 'GROUP' || authorId === groupId) continue;
        await deps.socialInbox.ingest({
          agencyId: account.agencyId,
          accountId: account.id,
          network: 'ok',
          kind: 'comment',
          externalId: comment.id,
          threadId: topic.id,
          threadTitle: topicText(topic).slice(0, TITLE_LENGTH) || null,
          authorId,
          authorName:
            comment.author_name?.trim() || names.get(authorId) || `Пользователь Одноклассников ${authorId}`,
          text: comment.text?.trim() || 'Комментарий без текста',
          receivedAt: new Date(at),
        });
      }
    }
    await saveCursor(deps.db, account.id, String(newest));
  }

  /** One pass over every OK account with REST credentials; one failing does not stop the rest. */
  async function pollAll() {
    const accounts = (await deps.channelAccounts.enabledOf('ok')).filter((a) => !okRestMissing(a));
    for (const account of accounts) {
      try {
        await pollAccount(account);
      } catch (error) {
        log?.warn({ account: account.id, err: (error as Error).message }, 'ok comments poll failed');
        await deps.channelAccounts.recordHealth(account.id, `Комментарии: ${(error as Error).message}`);
      }
    }
  }

  /** Polls now; a pass already running is waited for instead of overlapping it. */
  function pollNow() {
    current ??= pollAll().finally(() => {
      current = null;
    });
    return current;
  }

  return {
    start(logger: FastifyBaseLogger, options: { intervalMs?: number } = {}) {
      log = logger;
      timer = setInterval(
        () => void pollNow().catch((error) => log?.error({ err: error }, 'ok comments poll stopped')),
        options.intervalMs ?? 60_000,
      );
      timer.unref();
    },

    /** Lets the pass in progress store what it read and save its cursor, then stops. */
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await current?.catch(() => undefined);
    },

    pollNow,
  };
}

export type OkComments = ReturnType<typeof createOkComments>;
