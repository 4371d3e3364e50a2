import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KbKind } from '../../../common/kb.js';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  type StaffClient,
  submitAppeal,
} from '../../testing/harness.js';
import { insertArticles } from './repo.js';
import { kbArticleUses, kbSections } from './schema.js';
import {
  fleetingVowelVariants,
  informativeWords,
  MARK_END,
  MARK_START,
  splitHighlights,
  widenTsquery,
} from './search.text.js';
import { buildVocabulary, createVocabularyCache, editDistance } from './search.vocabulary.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

interface Fixture {
  title: string;
  kind: KbKind;
  text: string;
  section?: 'land' | 'heritage';
  active?: boolean;
  body?: string;
}

// A fixed Russian set: two land articles (the seed's example), a template and an FAQ on the same
// matter, a title match and a body match for «реставрация», an archived article, a call script.
const SET: Fixture[] = [
  {
    title: 'Предоставление земельного участка',
    kind: 'faq',
    text: 'Участок предоставляется в аренду или в собственность по заявлению гражданина.',
  },
  {
    title: 'Перечень документов',
    kind: 'legal_acts',
    text: 'Для оформления требуется: паспорт, схема расположения, выписка о земельный участок.',
  },
  {
    title: 'Ответ об аренде земельного участка',
    kind: 'template',
    text: 'Уважаемый(ая) {{клиент}}! По обращению № {{номер}} сообщаем порядок аренды земельного участка.',
  },
  {
    title: 'Реставрация фасадов',
    kind: 'services',
    text: 'Согласование работ на объекте культурного наследия.',
    section: 'heritage',
  },
  {
    title: 'Охранные обязательства собственника',
    kind: 'faq',
    text: 'Собственник обязан согласовать реставрация и ремонт объекта заранее.',
    section: 'heritage',
  },
  {
    title: 'Земельный участок под огород (устарело)',
    kind: 'faq',
    text: 'Старый порядок предоставления земельного участка.',
    active: false,
  },
  {
    title: 'Приветствие на линии консультаций',
    kind: 'call_script',
    text: 'Здравствуйте, вы позвонили на линию консультаций инспекции, чем могу помочь?',
    section: 'heritage',
  },
];

async function agencyWithKb(roles: Parameters<typeof agencyWithStaff>[1] = ['admin']) {
  const made = await agencyWithStaff(harness, roles);
  const agency = await harness.services.agencies.findBySlug(made.slug);
  if (!agency) throw new Error('no agency');
  const department = (
    await made.staff.request({
      method: 'POST',
      url: '/api/staff/departments',
      payload: { name: 'Земельный отдел' },
    })
  ).json();
  const db = harness.services.database.db;
  const sections = await db
    .insert(kbSections)
    .values([
      { agencyId: agency.id, title: 'Земля', departmentId: department.id, reviewDueOn: '2030-01-01' },
      { agencyId: agency.id, title: 'Наследие', departmentId: null, reviewDueOn: '2030-01-01' },
    ])
    .returning();
  const [land, heritage] = sections;
  if (!land || !heritage) throw new Error('no sections');
  const rows = await insertArticles(
    db,
    SET.map((a) => ({
      agencyId: agency.id,
      sectionId: a.section === 'heritage' ? heritage.id : land.id,
      kind: a.kind,
      title: a.title,
      body: a.body ?? `<p>${a.text}</p>`,
      searchText: a.text,
      active: a.active ?? true,
    })),
  );
  const idOf = (title: string) => {
    const row = rows.find((r) => r.title === title);
    if (!row) throw new Error(title);
    return row.id;
  };
  return { ...made, agencyId: agency.id, department, land, heritage, idOf };
}

interface Item {
  id: string;
  title: string;
  kind: string;
  sectionTitle: string;
  departmentName: string | null;
  snippet: string;
  highlights: [number, number][];
  usageCount: number;
}

const search = (staff: StaffClient, query: string) =>
  staff.request({ method: 'GET', url: `/api/staff/kb/search?${query}` });

async function titles(staff: StaffClient, query: string) {
  const response = await search(staff, query);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as Item[]).map((item) => item.title);
}

const q = (text: string) => `q=${encodeURIComponent(text)}`;

describe('search text helpers', () => {
  it('widens a parsed query so a fleeting vowel does not split «участок» from «участка»', () => {
    const widen = (text: string) => widenTsquery(text, fleetingVowelVariants);
    expect(widen("'земельн' & 'участк'")).toBe("'земельн' & ( 'участк' | 'участок' | 'участек' )");
    expect(widen("'участок' <-> !'конец'")).toBe("( 'участок' | 'участк' ) <-> !( 'конец' | 'конц' )");
    expect(widen("'реставрац' | 'o''brien' & 'a\\\\b'")).toBe("'реставрац' | 'o''brien' & 'a\\\\b'");
    // Alternatives to a quoted lexeme are quoted as tsquery quotes them.
    expect(widenTsquery("'o''brien':*", () => ["o'brian", 'a\\b'])).toBe(
      "( 'o''brien':* | 'o''brian':* | 'a\\\\b':* )",
    );
  });

  it('corrects a misspelt stem to the nearest known ones, fewest edits then commonest first', () => {
    const vocabulary = buildVocabulary([
      'участок',
      'земельн',
      'участк',
      'зелен',
      'фасад',
      'памятник',
      'учет',
    ]);
    expect(vocabulary.closest('учасок', 2)).toEqual(['участок', 'участк']);
    expect(vocabulary.closest('земелн', 1)).toEqual(['земельн']);
    expect(vocabulary.closest('фосад', 2)).toEqual(['фасад']);
    expect(vocabulary.closest('памятнек', 2)).toEqual(['памятник']);
    // One letter off is all a five-letter stem may be: «фосат» is two.
    expect(vocabulary.closest('фосат', 2)).toEqual([]);
    expect(vocabulary.closest('реставрац', 2)).toEqual([]);
    expect(vocabulary.has('участк')).toBe(true);
  });

  it('measures edits as Levenshtein does, giving up past the limit', () => {
    expect(editDistance('фосад', 'фасад', 2)).toBe(1);
    expect(editDistance('учасок', 'участок', 2)).toBe(1);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(editDistance('а', 'абвгд', 2)).toBe(3);
  });

  it('serves an outdated vocabulary while the next one loads', async () => {
    const loads: string[][] = [['первое'], ['второе']];
    let calls = 0;
    const vocabularyOf = createVocabularyCache(async () => loads[calls++] ?? [], 0);
    expect((await vocabularyOf('a')).has('первое')).toBe(true);
    expect((await vocabularyOf('a')).has('первое')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await vocabularyOf('a')).has('второе')).toBe(true);
    expect(calls).toBe(3);
  });

  it('keeps the words a letter is about and drops its courtesy', () => {
    const letter =
      'Здравствуйте! Прошу подсказать, пожалуйста: как оформить аренду земельного участка? Участок под огород, аренда на 5 лет.';
    const words = informativeWords(letter);
    expect(words.slice(0, 2).sort()).toEqual(['аренду', 'участка']);
    expect(words).toEqual(expect.arrayContaining(['земельного', 'огород', 'оформить']));
    expect(words).not.toEqual(expect.arrayContaining(['здравствуйте']));
    expect(words.filter((w) => w.startsWith('аренд'))).toHaveLength(1);
    expect(words).not.toContain('5');
  });

  it('turns ts_headline marks into plain text and ranges', () => {
    expect(splitHighlights(`о ${MARK_START}участке${MARK_END} и ${MARK_START}земле${MARK_END}`)).toEqual({
      snippet: 'о участке и земле',
      highlights: [
        [2, 9],
        [12, 17],
      ],
    });
  });
});

describe('knowledge base search', () => {
  it('finds «земельный участок» by any of its forms, with highlighted plain-text snippets', async () => {
    const { staff, department } = await agencyWithKb();
    const response = await search(staff, q('земельного участка'));
    const body = response.json();
    const found = (body.items as Item[]).map((item) => item.title);
    expect(found).toEqual(
      expect.arrayContaining([
        'Предоставление земельного участка',
        'Перечень документов',
        'Ответ об аренде земельного участка',
      ]),
    );
    expect(found).not.toContain('Земельный участок под огород (устарело)');
    expect(body).toMatchObject({ total: 3, pages: 1, page: 1 });
    const documents = (body.items as Item[]).find((item) => item.title === 'Перечень документов');
    expect(documents).toMatchObject({
      sectionTitle: 'Земля',
      departmentName: department.name,
      kind: 'legal_acts',
    });
    const marked = documents?.highlights.map(([start, end]) => documents.snippet.slice(start, end));
    expect(marked).toEqual(['земельный', 'участок']);
    expect(documents?.snippet).not.toContain('<');
  });

  it('ranks a title match above a body match', async () => {
    const { staff } = await agencyWithKb();
    expect(await titles(staff, q('реставрация'))).toEqual([
      'Реставрация фасадов',
      'Охранные обязательства собственника',
    ]);
  });

  it('still finds the article when the words are misspelt', async () => {
    const { staff } = await agencyWithKb();
    const found = await titles(staff, q('земелный учасок'));
    expect(found.slice(0, 2).sort()).toEqual([
      'Ответ об аренде земельного участка',
      'Предоставление земельного участка',
    ]);
    expect(found).toContain('Перечень документов');
    expect(found).not.toContain('Земельный участок под огород (устарело)');
    expect(found).not.toContain('Реставрация фасадов');
  });

  it('filters by kind, section and the owning department, and pages the results', async () => {
    const { staff, heritage, department } = await agencyWithKb();
    const both = q('земельного участка');
    expect(await titles(staff, `${both}&kind=faq`)).toEqual(['Предоставление земельного участка']);
    expect((await titles(staff, `${both}&kind=faq&kind=template`)).sort()).toEqual([
      'Ответ об аренде земельного участка',
      'Предоставление земельного участка',
    ]);
    expect(await titles(staff, `${q('реставрация')}&sectionId=${heritage.id}`)).toHaveLength(2);
    expect(await titles(staff, `${q('реставрация')}&departmentId=${department.id}`)).toEqual([]);
    expect(await titles(staff, `${both}&departmentId=${department.id}`)).toHaveLength(3);
    const second = (await search(staff, `${both}&limit=2&page=2`)).json();
    expect(second).toMatchObject({ total: 3, pages: 2, page: 2 });
    expect(second.items).toHaveLength(1);
  });

  it('refuses an empty or too long query and a page past 1000 in Russian', async () => {
    const { staff } = await agencyWithKb();
    for (const query of ['q=', 'q=%20%20', '', q('а'.repeat(201)), `${q('участок')}&page=1001`]) {
      const response = await search(staff, query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().message).toMatch(/[а-яё]/i);
    }
  });

  it('answers hostile input without a server error', async () => {
    const { staff } = await agencyWithKb();
    const hostile = [
      '!(&|',
      "'; drop table kb_articles; --",
      '"земельного',
      'участок:* & !земля | <-> <2>',
      '\\',
      '%_',
      'ё'.repeat(200),
      Array.from({ length: 25 }, (_, i) => `слово${i}`).join(' '),
    ];
    for (const text of hostile) {
      const response = await search(staff, q(text));
      expect(response.statusCode, text).toBe(200);
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 200, unit: 'binary' }), async (text) => {
        const response = await search(staff, q(text));
        expect([200, 400], `${response.statusCode} ${response.body}`).toContain(response.statusCode);
      }),
      { numRuns: 100 },
    );
    const nul = await search(staff, 'q=%00участок');
    expect(nul.statusCode).toBe(400);
    const suggestion = await staff.request({
      method: 'POST',
      url: '/api/staff/kb/suggestions',
      payload: { text: '!(&|) \' " <-> участок:*' },
    });
    expect(suggestion.statusCode).toBe(200);
  });
});

describe('suggestions while answering', () => {
  it('puts the matching template first for a request, then FAQ, from a long letter', async () => {
    const { slug, staff } = await agencyWithKb();
    const filler = 'Я давно живу в этом районе и много лет пишу в разные инстанции. '.repeat(40);
    const sent = await submitAppeal(harness, slug, {
      name: 'Орлова Вера',
      text: `Здравствуйте! ${filler} Прошу разъяснить, как оформить аренду земельного участка под огород.`,
    });
    const number = sent.json().number;
    const list = (await staff.request({ method: 'GET', url: `/api/staff/requests?q=${number}` })).json();
    const response = await staff.request({
      method: 'GET',
      url: `/api/staff/requests/${list.items[0].id}/kb-suggestions`,
    });
    expect(response.statusCode, response.body).toBe(200);
    const found = (response.json() as Item[]).map((item) => item.title);
    expect(found.slice(0, 2)).toEqual([
      'Ответ об аренде земельного участка',
      'Предоставление земельного участка',
    ]);
    expect(found).not.toContain('Земельный участок под огород (устарело)');
    expect(found).not.toContain('Приветствие на линии консультаций');
  });

  it('uses the request topic when the text alone says little', async () => {
    const { slug, staff } = await agencyWithKb();
    const topic = (
      await staff.request({ method: 'POST', url: '/api/staff/topics', payload: { name: 'Реставрация' } })
    ).json();
    const number = (
      await submitAppeal(harness, slug, { name: 'Орлов', text: 'Что нам делать с домом?' })
    ).json().number;
    const { id } = (await staff.request({ method: 'GET', url: `/api/staff/requests?q=${number}` })).json()
      .items[0];
    const url = `/api/staff/requests/${id}/kb-suggestions`;
    expect((await staff.request({ method: 'GET', url })).json()).toEqual([]);
    const classified = await staff.request({
      method: 'PUT',
      url: `/api/staff/requests/${id}/classification`,
      payload: { topicId: topic.id, typicalNeedId: null, requestType: 'statement', urgent: false },
    });
    expect(classified.statusCode, classified.body).toBe(200);
    const found = ((await staff.request({ method: 'GET', url })).json() as Item[]).map((item) => item.title);
    expect(found).toEqual(['Охранные обязательства собственника', 'Реставрация фасадов']);
  });

  it('suggests FAQ and call scripts for a call, and keeps to the asked kinds', async () => {
    const { staff } = await agencyWithKb();
    const suggest = (payload: object) =>
      staff.request({ method: 'POST', url: '/api/staff/kb/suggestions', payload });
    const call = await suggest({
      text: 'звонок на линию консультаций: собственник спрашивает про реставрацию',
    });
    expect(call.statusCode, call.body).toBe(200);
    const kinds = (call.json() as Item[]).map((item) => item.kind);
    expect(kinds.slice(0, 2).sort()).toEqual(['call_script', 'faq']);
    expect(kinds.slice(2)).toEqual(['services']);
    const scripts = await suggest({ text: 'линия консультаций, реставрация', kinds: ['call_script'] });
    expect((scripts.json() as Item[]).map((item) => item.title)).toEqual([
      'Приветствие на линии консультаций',
    ]);
    const empty = await suggest({ text: '   ' });
    expect(empty.statusCode).toBe(400);
  });
});

describe('article usage', () => {
  const use = (staff: StaffClient, id: string, payload: object) =>
    staff.request({ method: 'POST', url: `/api/staff/kb/articles/${id}/uses`, payload });

  it('counts a use once per person, article and subject within ten minutes', async () => {
    const { staff, idOf } = await agencyWithKb();
    const id = idOf('Предоставление земельного участка');
    const subject = '00000000-0000-4000-8000-000000000001';
    expect((await use(staff, id, { context: 'request', subjectId: subject })).json()).toEqual({
      counted: true,
      usageCount: 1,
    });
    expect((await use(staff, id, { context: 'request', subjectId: subject })).json()).toEqual({
      counted: false,
      usageCount: 1,
    });
    expect((await use(staff, id, { context: 'call' })).json()).toEqual({ counted: true, usageCount: 2 });
    expect((await use(staff, id, { context: 'call' })).json()).toEqual({ counted: false, usageCount: 2 });
    // Eleven minutes later the same subject counts again.
    await harness.services.database.db
      .update(kbArticleUses)
      .set({ at: new Date(Date.now() - 11 * 60_000) })
      .where(eq(kbArticleUses.articleId, id));
    expect((await use(staff, id, { context: 'request', subjectId: subject })).json()).toEqual({
      counted: true,
      usageCount: 3,
    });

    const colleague = await agencyWithStaff(harness, ['operator']);
    expect((await use(colleague.staff, id, { context: 'request' })).statusCode).toBe(404);

    const found = (await search(staff, q('земельного участка'))).json().items as Item[];
    expect(found.find((item) => item.id === id)?.usageCount).toBe(3);
    const top = await staff.request({ method: 'GET', url: '/api/staff/kb/usage?period=week' });
    expect(top.json()).toEqual([expect.objectContaining({ id, uses: 3, users: 1, active: true })]);
    expect((await use(staff, id, { context: 'elsewhere' })).statusCode).toBe(400);
  });

  it('records a use from a service call inside the caller’s transaction', async () => {
    const { staff, agencyId, userId, idOf } = await agencyWithKb();
    const id = idOf('Ответ об аренде земельного участка');
    const { kbSearch, database } = harness.services;
    const actor = { agencyId, userId };
    const counted = await database.db.transaction(async (tx) => [
      await kbSearch.recordUse(tx, actor, id, 'request', null),
      await kbSearch.recordUse(tx, actor, id, 'request', null),
    ]);
    expect(counted).toEqual([true, false]);
    const top = (await staff.request({ method: 'GET', url: '/api/staff/kb/usage' })).json();
    expect(top).toEqual([expect.objectContaining({ id, uses: 1 })]);
  });
});

describe('knowledge base search across agencies', () => {
  it('never finds another agency’s articles, nor counts their use, nor suggests for its requests', async () => {
    const a = await agencyWithKb();
    const b = await agencyWithKb();
    const ofA = a.idOf('Предоставление земельного участка');
    const asB = (await search(b.staff, q('земельного участка'))).json();
    expect(asB.total).toBe(3);
    expect(JSON.stringify(asB)).not.toContain(ofA);
    expect(JSON.stringify((await search(b.staff, q('земелный учасок'))).json())).not.toContain(ofA);
    const suggested = await b.staff.request({
      method: 'POST',
      url: '/api/staff/kb/suggestions',
      payload: { text: 'аренда земельного участка' },
    });
    expect(suggested.body).not.toContain(ofA);
    const used = await b.staff.request({
      method: 'POST',
      url: `/api/staff/kb/articles/${ofA}/uses`,
      payload: { context: 'search' },
    });
    expect(used.statusCode).toBe(404);

    const number = (
      await submitAppeal(harness, a.slug, { name: 'Орлов', text: 'Аренда земельного участка' })
    ).json().number;
    const { id } = (await a.staff.request({ method: 'GET', url: `/api/staff/requests?q=${number}` })).json()
      .items[0];
    const foreign = await b.staff.request({ method: 'GET', url: `/api/staff/requests/${id}/kb-suggestions` });
    expect(foreign.statusCode).toBe(404);
    const own = await a.staff.request({ method: 'GET', url: `/api/staff/requests/${id}/kb-suggestions` });
    expect((own.json() as Item[]).map((item) => item.id)).toContain(ofA);
  });
});
