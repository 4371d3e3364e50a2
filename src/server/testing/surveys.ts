import type { Role } from '../../common/roles.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { insertUser, upsertMembership } from '../modules/auth/repo.js';
import { type Harness, login, uniqueEmail } from './harness.js';

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
