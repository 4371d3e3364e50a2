import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  OWN_HARNESS_TIMEOUT_MS,
} from '../../testing/harness.js';
import type { NewArticle } from './repo.js';
import * as repo from './repo.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

/** An agency with articles stored as given, past any editor: what the portal gets is the point. */
async function agencyWithArticles(articles: Omit<NewArticle, 'agencyId' | 'sectionId'>[]) {
  const { slug } = await agencyWithStaff(harness);
  const db = harness.services.database.db;
  const agencyId = (await harness.services.agencies.findBySlug(slug))?.id as string;
  const sectionId = await repo.templateSectionOf(db, agencyId, null, '2030-01-01');
  const rows = await repo.insertArticles(
    db,
    articles.map((a) => ({ agencyId, sectionId, ...a })),
  );
  return { slug, ids: rows.map((row) => row.id) };
}

const published = (slug: string) => harness.app.inject({ method: 'GET', url: `/api/public/${slug}/kb` });

describe('GET /api/public/:agency/kb', () => {
  it('gives the active public FAQ and contacts only, nothing internal, archived or of another kind', async () => {
    const { slug, ids } = await agencyWithArticles([
      { kind: 'faq', title: 'Как записаться на приём?', body: '<p>По телефону.</p>', visibility: 'public' },
      { kind: 'contacts', title: 'Контакты', body: '<ul><li>110</li></ul>', visibility: 'public' },
      { kind: 'faq', title: 'Внутренний вопрос', body: '<p>Для сотрудников.</p>', visibility: 'internal' },
      { kind: 'faq', title: 'Снятый вопрос', body: '<p>Устарел.</p>', visibility: 'public', active: false },
      // A kind that is never published, even if marked public by mistake.
      { kind: 'template', title: 'Шаблон', body: 'Уважаемый {{клиент}}', visibility: 'public' },
    ]);
    const response = await published(slug);
    expect(response.statusCode).toBe(200);
    const items = response.json();
    expect(items).toEqual([
      {
        id: ids[0],
        kind: 'faq',
        title: 'Как записаться на приём?',
        html: '<p>По телефону.</p>',
        updatedAt: expect.any(String),
      },
      {
        id: ids[1],
        kind: 'contacts',
        title: 'Контакты',
        html: '<ul><li>110</li></ul>',
        updatedAt: expect.any(String),
      },
    ]);
  });

  it('never sends a script or an event handler, even when one was stored', async () => {
    const { slug } = await agencyWithArticles([
      {
        kind: 'faq',
        title: 'Вопрос',
        body: '<p onclick="steal()">Ответ<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">ссылка</a> <a href="https://nso.ru">сайт</a></p>',
        visibility: 'public',
      },
    ]);
    const [item] = (await published(slug)).json();
    expect(item.html).toBe('<p>Ответ<a>ссылка</a> <a href="https://nso.ru">сайт</a></p>');
  });

  it('answers 404 for an unknown agency and shows an agency only its own articles', async () => {
    expect((await published('no-such-agency')).statusCode).toBe(404);
    const a = await agencyWithArticles([
      { kind: 'faq', title: 'Вопрос А', body: '<p>А</p>', visibility: 'public' },
    ]);
    const b = await agencyWithArticles([]);
    expect((await published(b.slug)).json()).toEqual([]);
    expect((await published(a.slug)).json()).toHaveLength(1);
  });

  it(
    'is rate-limited like the other public routes',
    async () => {
      const limited = await createHarness({ PUBLIC_RATE_PER_MINUTE: '3' });
      try {
        const codes: number[] = [];
        for (let i = 0; i < 4; i++) {
          codes.push((await limited.app.inject({ method: 'GET', url: '/api/public/no-such/kb' })).statusCode);
        }
        expect(codes).toEqual([404, 404, 404, 429]);
      } finally {
        await limited.close();
      }
    },
    OWN_HARNESS_TIMEOUT_MS,
  );
});
