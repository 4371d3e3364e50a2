import { type SQL, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Role } from '../../common/roles.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { insertUser, upsertMembership } from '../modules/auth/repo.js';
import { agencyWithStaff, type Harness, login, uniqueEmail } from './harness.js';

/** Another staff member of an existing agency, holding `roles` there, logged in. */
export async function colleague(harness: Harness, agencySlug: string, roles: Role[]) {
  const agencyId = await harness.services.agencies.idBySlug(agencySlug);
  const email = uniqueEmail(roles.join('-'));
  const password = 'correct horse battery';
  const db = harness.services.database.db;
  const user = await insertUser(db, { email, name: 'Коллега', passwordHash: await hashPassword(password) });
  await upsertMembership(db, { agencyId, userId: user.id, roles, active: true });
  return login(harness, email, password);
}

/** The id of a survey of the agency by its slug, as staff see it. */
export async function surveyId(staff: Awaited<ReturnType<typeof login>>, slug: string): Promise<string> {
  const list = (await staff.request({ method: 'GET', url: '/api/staff/surveys' })).json<
    { id: string; slug: string }[]
  >();
  const found = list.find((s) => s.slug === slug);
  if (!found) throw new Error(`survey ${slug} not found`);
  return found.id;
}

/** A citizen's answer through the public API. */
export const answerSurvey = (
  harness: Harness,
  agency: string,
  slug: string,
  payload: Record<string, unknown>,
  headers = {},
) =>
  harness.app.inject({
    method: 'POST',
    url: `/api/public/${agency}/surveys/${slug}/responses`,
    payload,
    headers,
  });

/** An agency with the seed-001 form started from its template and published. */
export async function withSeedForm(harness: Harness, roles: Role[] = ['admin']) {
  const made = await agencyWithStaff(harness, roles);
  const created = await made.staff.request({
    method: 'POST',
    url: '/api/staff/surveys',
    payload: { template: 'mer-nso-appendix-1', slug: 'informatsiya' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const published = await made.staff.request({
    method: 'PATCH',
    url: `/api/staff/surveys/${id}`,
    payload: { published: true },
  });
  expect(published.statusCode).toBe(200);
  return { ...made, surveyId: id };
}

export const rowsOf = async <T>(harness: Harness, query: SQL) =>
  ((await harness.services.database.db.execute(query)) as unknown as { rows: T[] }).rows;

export const storedCount = async (harness: Harness, id: string) =>
  (
    await rowsOf<{ n: number }>(
      harness,
      sql`select count(*)::int as n from survey_responses where survey_id = ${id}`,
    )
  )[0]?.n;
