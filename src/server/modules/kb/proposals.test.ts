import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.js';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  login,
  type StaffClient,
  submitAppeal,
  uniqueEmail,
} from '../../testing/harness.js';
import { DEBT_CERTIFICATE, UNRELATED } from '../../testing/kb-questions.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';
import { hashPassword } from '../auth/passwords.js';
import { insertUser, replaceUserDepartments, upsertMembership } from '../auth/repo.js';
import { requests } from '../requests/schema.js';
import * as repo from './repo.js';
import { kbArticles, kbSections } from './schema.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const db = () => harness.services.database.db;

async function agencyWithDepartment() {
  const made = await agencyWithStaff(harness);
  const agencyId = (await harness.services.agencies.findBySlug(made.slug))?.id as string;
  const department = (
    await made.staff.request({
      method: 'POST',
      url: '/api/staff/departments',
      payload: { name: 'Отдел аренды' },
    })
  ).json() as { id: string };
  return { ...made, agencyId, departmentId: department.id };
}

/** Another member of the agency, with roles and departments of their own. */
async function colleague(
  agencyId: string,
  roles: Role[],
  departmentIds: string[] = [],
): Promise<StaffClient> {
  const email = uniqueEmail(roles.join('-'));
  const user = await insertUser(db(), {
    email,
    name: 'Коллега',
    passwordHash: await hashPassword('long password 1'),
  });
  await upsertMembership(db(), { agencyId, userId: user.id, roles, active: true });
  await replaceUserDepartments(db(), agencyId, user.id, departmentIds);
  return login(harness, email, 'long password 1');
}

/** Appeals through the portal; those about the certificate went to the department. */
async function ask(slug: string, texts: string[], departmentId: string | null = null) {
  const numbers: string[] = [];
  for (const text of texts) {
    const response = await submitAppeal(harness, slug, { text, name: 'Иванов Иван' });
    numbers.push(response.json().number);
  }
  // Numbers restart in every agency: the agency is part of what names a request.
  const agencyId = (await harness.services.agencies.findBySlug(slug))?.id as string;
  const these = and(eq(requests.agencyId, agencyId), inArray(requests.number, numbers));
  if (departmentId) await db().update(requests).set({ departmentId }).where(these);
  const rows = await db().select({ id: requests.id }).from(requests).where(these);
  return rows.map((row) => row.id);
}

const proposals = async (staff: StaffClient, status = '') =>
  (
    await staff.request({ method: 'GET', url: `/api/staff/kb/proposals${status && `?status=${status}`}` })
  ).json();

describe('FAQ proposals', () => {
  it('proposes one FAQ entry for six similar requests, to their department, once however often it runs', async () => {
    const { slug, agencyId, departmentId, staff } = await agencyWithDepartment();
    const similar = await ask(slug, DEBT_CERTIFICATE, departmentId);
    await ask(slug, UNRELATED);
    expect(await harness.services.kbProposals.run(agencyId)).toEqual({ questions: 11, proposed: 1 });

    const [proposal, ...rest] = await proposals(staff, 'open');
    expect(rest).toEqual([]);
    expect(proposal).toMatchObject({ size: 6, status: 'open', departmentId, departmentName: 'Отдел аренды' });
    expect(proposal.terms).toEqual(expect.arrayContaining(['задолжен', 'отсутств', 'справк']));
    expect(proposal.requestIds.sort()).toEqual(similar.sort());
    expect(proposal.title).toBe('Где заказать справку об отсутствии задолженности?');

    // The same question again next day: the proposal grows, no second one appears.
    await ask(slug, ['Как оформить справку об отсутствии задолженности по аренде земли?'], departmentId);
    expect((await harness.services.kbProposals.run(agencyId)).proposed).toBe(0);
    const again = await proposals(staff);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ id: proposal.id, size: 7 });
  });

  it('counts the questions asked on the consult line with those written in requests', async () => {
    const { slug, agencyId, staff } = await agencyWithDepartment();
    const written = await ask(slug, DEBT_CERTIFICATE.slice(0, 3));
    const asked: string[] = [];
    for (const question of DEBT_CERTIFICATE.slice(3)) {
      const call = await staff.request({
        method: 'POST',
        url: '/api/staff/calls',
        payload: { caller: '+7 383 200-00-01', startedAt: new Date().toISOString(), answered: true },
      });
      asked.push(call.json().id);
      await staff.request({
        method: 'PATCH',
        url: `/api/staff/calls/${call.json().id}`,
        payload: { question },
      });
    }
    // A call with no question written down adds nothing.
    await staff.request({
      method: 'POST',
      url: '/api/staff/calls',
      payload: { caller: '+7 383 200-00-02', startedAt: new Date().toISOString(), answered: false },
    });
    expect(await harness.services.kbProposals.run(agencyId)).toEqual({ questions: 6, proposed: 1 });
    const [proposal] = await proposals(staff, 'open');
    expect(proposal.size).toBe(6);
    expect(proposal.requestIds.sort()).toEqual(written.sort());
    expect(proposal.callIds.sort()).toEqual(asked.sort());
  });

  it('proposes nothing when an active FAQ already answers the question, and ignores requests older than 90 days', async () => {
    const { slug, agencyId, staff } = await agencyWithDepartment();
    await ask(slug, DEBT_CERTIFICATE);
    const sectionId = await repo.templateSectionOf(db(), agencyId, null, '2030-01-01');
    const [faq] = await repo.insertArticles(db(), [
      {
        agencyId,
        sectionId,
        kind: 'faq',
        title: 'Как получить справку об отсутствии задолженности по аренде',
        body: '<p>Закажите её через портал.</p>',
        searchText: 'Закажите её через портал.',
      },
    ]);
    expect(await harness.services.kbProposals.run(agencyId)).toMatchObject({ proposed: 0 });
    // An archived article answers nobody.
    await db()
      .update(kbArticles)
      .set({ active: false })
      .where(eq(kbArticles.id, faq?.id as string));
    const inFourMonths = new Date(Date.now() + 120 * 24 * 3600 * 1000);
    expect(await harness.services.kbProposals.run(agencyId, inFourMonths)).toEqual({
      questions: 0,
      proposed: 0,
    });
    expect(await harness.services.kbProposals.run(agencyId)).toMatchObject({ proposed: 1 });
    expect(await proposals(staff)).toHaveLength(1);
  });

  it('accepting makes a draft FAQ in the department’s section, for its staff and kb editors only', async () => {
    const { slug, agencyId, departmentId, staff } = await agencyWithDepartment();
    await ask(slug, DEBT_CERTIFICATE, departmentId);
    await harness.services.kbProposals.run(agencyId);
    const [proposal] = await proposals(staff);

    const outsider = await colleague(agencyId, ['operator']);
    expect((await proposals(outsider)).map((p: { id: string }) => p.id)).toEqual([proposal.id]);
    const refused = await outsider.request({
      method: 'POST',
      url: `/api/staff/kb/proposals/${proposal.id}/accept`,
    });
    expect(refused.statusCode).toBe(403);

    const owner = await colleague(agencyId, ['operator'], [departmentId]);
    const accepted = await owner.request({
      method: 'POST',
      url: `/api/staff/kb/proposals/${proposal.id}/accept`,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', articleId: expect.any(String) });
    const [draft] = await db().select().from(kbArticles).where(eq(kbArticles.id, accepted.json().articleId));
    expect(draft).toMatchObject({
      kind: 'faq',
      active: false,
      visibility: 'internal',
      title: proposal.title,
    });
    const [section] = await db()
      .select()
      .from(kbSections)
      .where(eq(kbSections.id, draft?.sectionId as string));
    expect(section).toMatchObject({ departmentId, title: 'Вопросы и ответы: Отдел аренды' });

    const twice = await staff.request({
      method: 'POST',
      url: `/api/staff/kb/proposals/${proposal.id}/dismiss`,
    });
    expect(twice.statusCode).toBe(409);
    const audit = await staff.request({ method: 'GET', url: '/api/staff/audit?entity=kb_proposal' });
    expect(audit.json().total).toBe(1);
  });

  it('a dismissed question is not proposed again', async () => {
    const { slug, agencyId, staff } = await agencyWithDepartment();
    await ask(slug, DEBT_CERTIFICATE);
    await harness.services.kbProposals.run(agencyId);
    const [proposal] = await proposals(staff);
    const editor = await colleague(agencyId, ['kb_editor']);
    const dismissed = await editor.request({
      method: 'POST',
      url: `/api/staff/kb/proposals/${proposal.id}/dismiss`,
    });
    expect(dismissed.json()).toMatchObject({ status: 'dismissed' });
    await ask(slug, ['Справка об отсутствии задолженности нужна срочно']);
    expect((await harness.services.kbProposals.run(agencyId)).proposed).toBe(0);
    expect(await proposals(staff, 'open')).toEqual([]);
    expect(await proposals(staff, 'dismissed')).toHaveLength(1);
  });

  it('keeps proposals within their agency', async () => {
    await expectTenantIsolation(harness, {
      create: async (staffOfA) => {
        const agency = await harness.services.agencies.findBySlug(
          (await staffOfA.request({ method: 'GET', url: '/api/staff/agency' })).json().slug,
        );
        await ask(agency?.slug as string, DEBT_CERTIFICATE);
        await harness.services.kbProposals.run(agency?.id as string);
        return (await proposals(staffOfA))[0].id;
      },
      requests: (id) => [
        { method: 'POST', url: `/api/staff/kb/proposals/${id}/accept` },
        { method: 'POST', url: `/api/staff/kb/proposals/${id}/dismiss` },
      ],
      lists: ['/api/staff/kb/proposals'],
    });
  });
});
