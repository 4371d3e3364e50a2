import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir } from '../../config.js';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { type AgencyPreset, readAgencyPresets } from '../agencies/presets.js';
import * as agencyRepo from '../agencies/repo.js';
import { loadTemplatePresets, readTemplatePresets } from './presets.js';
import { kbArticles, kbSections } from './schema.js';
import { articlesFor, loadStarterKb, readStarterPresets, type StarterPresets } from './starter.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const starter = readStarterPresets(join(rootDir, 'presets', 'kb', 'starter.json'));
const agencyPresets = readAgencyPresets(join(rootDir, 'presets', 'agencies'));
const PRESET_SLUGS = agencyPresets.map((p) => p.slug);

/** The starter presets with one preset agency's own entries given to a test agency instead. */
function asAgency(presets: StarterPresets, presetSlug: string, slug: string): StarterPresets {
  return {
    ...presets,
    articles: presets.articles.map((a) => ({
      ...a,
      agencies: a.agencies.map((s) => (s === presetSlug ? slug : s)),
    })),
  };
}

/** A fresh agency with the departments and touchpoints of a preset agency. */
async function likePreset(presetSlug: string) {
  const preset = agencyPresets.find((p) => p.slug === presetSlug) as AgencyPreset;
  const made = await agencyWithStaff(harness);
  const db = harness.services.database.db;
  const agencyId = (await harness.services.agencies.findBySlug(made.slug))?.id as string;
  await agencyRepo.insertDepartments(db, agencyId, preset.departments);
  await agencyRepo.insertTouchpoints(db, agencyId, preset.touchpoints);
  return { ...made, agencyId, presets: asAgency(starter, presetSlug, made.slug) };
}

const load = (presets: StarterPresets, slug: string) =>
  loadStarterKb(harness.services.database.db, harness.services.agencies, presets, [slug]);

async function articlesOf(agencyId: string) {
  return harness.services.database.db
    .select({ article: kbArticles, section: kbSections })
    .from(kbArticles)
    .innerJoin(kbSections, eq(kbSections.id, kbArticles.sectionId))
    .where(eq(kbArticles.agencyId, agencyId));
}

const byTitle = async (agencyId: string, title: string) =>
  (await articlesOf(agencyId)).find((row) => row.article.title === title);

describe('starter presets', () => {
  it('cite a seed point for every section and article', () => {
    for (const item of [...starter.sections, ...starter.articles]) {
      expect(item.source, item.key).toMatch(/seeds\/00[0-4]/);
    }
  });

  it('give every preset agency contacts, the reception order, both scripts and the survey questions', () => {
    for (const slug of PRESET_SLUGS) {
      const keys = articlesFor(starter, slug).map((a) => a.key);
      expect(keys, slug).toEqual(
        expect.arrayContaining([
          'contacts.consultation',
          'reception.schedule',
          'scripts.greeting',
          'scripts.farewell',
          'scripts.survey',
        ]),
      );
      expect(new Set(keys).size, `${slug}: one entry per key`).toBe(keys.length);
    }
    // The agency's own entry replaces the common one of the same key.
    const farewell = articlesFor(starter, 'dizo-nso').find((a) => a.key === 'scripts.farewell');
    expect(farewell?.body).toContain('QR-код на сайте департамента');
  });

  it('refuse a body with markup the portal must not get', () => {
    const bad = {
      sections: starter.sections,
      articles: [
        { ...(starter.articles[0] as StarterPresets['articles'][0]), body: '<p onclick="x()">a</p>' },
      ],
    };
    const file = join(harness.config.dataDir, 'bad-starter.json');
    writeFileSync(file, JSON.stringify(bad));
    expect(() => readStarterPresets(file)).toThrow(/not sanitised/);
  });
});

describe('starter knowledge base', () => {
  it('builds the sections and articles from the agency’s own data, marked as starter content', async () => {
    const { agencyId, slug, presets } = await likePreset('dizo-nso');
    await load(presets, slug);
    const rows = await articlesOf(agencyId);
    expect(rows.every((row) => row.article.starter && row.section.starter)).toBe(true);
    const [department] = await agencyRepo.listDepartments(harness.services.database.db, agencyId);
    expect(department?.name).toBe('Отдел организационной и кадровой работы');
    expect(new Set(rows.map((row) => row.section.title))).toEqual(
      new Set([
        'Контакты и каналы связи',
        'Порядок приёма',
        'Скрипты консультационной линии',
        'Вопросы и ответы',
      ]),
    );
    expect(rows.every((row) => row.section.departmentId === department?.id)).toBe(true);

    const contacts = await byTitle(agencyId, 'Контакты для консультаций');
    expect(contacts?.article).toMatchObject({ kind: 'contacts', visibility: 'public' });
    for (const number of ['+7 (383) 238-60-02', '+7 (383) 238-60-62', '110']) {
      expect(contacts?.article.body).toContain(number);
    }
    // ЕКЦ 110 keeps its own hours from the registry (seed 003 p. 27.4).
    expect(contacts?.article.body).toContain(
      'Единый контактный центр Новосибирской области (ЕКЦ):</strong> 110 (Пн–Чт 09:00–18:00, Пт 09:00–17:00; выходные: Сб, Вс)',
    );
    // Touchpoints not open to the public (no address yet) stay off a public article.
    expect(contacts?.article.body).not.toContain('МЭДО');

    const schedule = await byTitle(agencyId, 'График и порядок приёма');
    expect(schedule?.article.body).toContain(
      'Рабочие часы: Пн–Чт 09:00–18:00, Пт 09:00–17:00, перерыв 13:00–13:48',
    );
    expect(schedule?.article.body).toContain('по телефонам 238-60-02, 238-60-62 в рабочие часы департамента');
    expect(schedule?.article.searchText).not.toMatch(/<\w/);

    const survey = await byTitle(agencyId, 'Вопросы заявителю после консультации');
    expect(survey?.article).toMatchObject({
      kind: 'call_script',
      scriptStage: 'farewell',
      visibility: 'internal',
    });
    expect(survey?.article.body).toContain('«Получен ли ответ на Ваш вопрос?» (ответы: «да» / «нет»)');
    expect(survey?.article.body).toContain(
      '«Оцените качество работы консультанта» (ответы: «удовлетворен» / «частично удовлетворен» / «не удовлетворен»)',
    );
    const greeting = await byTitle(agencyId, 'Скрипт приветствия');
    expect(greeting?.article.scriptStage).toBe('greeting');
    expect(greeting?.article.body).toContain(`Здравствуйте! Тестовое ведомство ${slug}.`);
    expect((await byTitle(agencyId, 'Как записаться на личный приём?'))?.article.visibility).toBe('public');
  });

  it('keeps an empty contacts list off the portal and leaves a section without owner to the editors', async () => {
    const { agencyId, slug, presets } = await likePreset('minkpo-perm');
    await load(presets, slug);
    const contacts = await byTitle(agencyId, 'Контакты для консультаций');
    expect(contacts?.article.visibility).toBe('internal');
    expect(contacts?.article.body).toContain('Внесите их в реестр');
    expect(contacts?.section.departmentId).toBeNull();
    const giookn = await likePreset('giookn-nso');
    await load(giookn.presets, giookn.slug);
    const reception = await byTitle(giookn.agencyId, 'График и порядок приёма');
    expect(reception?.article.body).toContain('Личный приём: г. Новосибирск, ул. Мичурина, 6.');
  });

  it('loads each item once: what staff changed or removed stays so, new preset items still arrive', async () => {
    const { agencyId, slug, presets } = await likePreset('dizo-nso');
    const db = harness.services.database.db;
    // An install from before the starter: it has its templates already.
    const agency = await harness.services.agencies.findBySlug(slug);
    const templates = readTemplatePresets(join(rootDir, 'presets', 'kb', 'answer-templates.json'));
    await loadTemplatePresets(db, agency ? [agency] : [], templates);
    const before = (await articlesOf(agencyId)).length;

    await load(presets, slug);
    const loaded = await articlesOf(agencyId);
    expect(loaded.length - before).toBe(articlesFor(presets, slug).length);

    const greeting = loaded.find((row) => row.article.title === 'Скрипт приветствия');
    const faq = loaded.find((row) => row.article.title === 'Как записаться на личный приём?');
    await db
      .update(kbArticles)
      .set({ active: false })
      .where(eq(kbArticles.id, greeting?.article.id as string));
    await db.delete(kbArticles).where(eq(kbArticles.id, faq?.article.id as string));
    const added = {
      ...presets,
      articles: [
        ...presets.articles,
        {
          key: 'faq.added-later',
          agencies: ['*'],
          section: 'section.faq',
          kind: 'faq' as const,
          visibility: 'public' as const,
          title: 'Добавлен в пресеты позже',
          body: '<p>Ответ.</p>',
          source: 'seeds/004 п. 10',
        },
      ],
    };
    await load(added, slug);

    const after = await articlesOf(agencyId);
    expect(after.length).toBe(loaded.length);
    expect(after.find((row) => row.article.id === greeting?.article.id)?.article.active).toBe(false);
    expect(after.some((row) => row.article.title === 'Как записаться на личный приём?')).toBe(false);
    const later = after.find((row) => row.article.title === 'Добавлен в пресеты позже');
    expect(later?.section.id).toBe(faq?.section.id);
  });

  it('does not make a deleted starter section again', async () => {
    const { agencyId, slug, presets } = await likePreset('giookn-nso');
    const db = harness.services.database.db;
    await load(presets, slug);
    const faqSection = (await articlesOf(agencyId)).find((row) => row.section.title === 'Вопросы и ответы');
    await db.delete(kbArticles).where(eq(kbArticles.sectionId, faqSection?.section.id as string));
    await db.delete(kbSections).where(eq(kbSections.id, faqSection?.section.id as string));
    const added = {
      ...presets,
      articles: [
        ...presets.articles,
        {
          ...(presets.articles.find((a) => a.key === 'faq.feedback') as StarterPresets['articles'][0]),
          key: 'faq.new',
          agencies: ['*'],
        },
      ],
    };
    await load(added, slug);
    const sections = await db
      .select()
      .from(kbSections)
      .where(and(eq(kbSections.agencyId, agencyId), eq(kbSections.title, 'Вопросы и ответы')));
    expect(sections).toEqual([]);
  });
});
