import { expect } from 'vitest';
import type { Role } from '../../common/roles.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { insertUser, replaceUserDepartments, upsertMembership } from '../modules/auth/repo.js';
import { type Harness, login, type StaffClient, uniqueEmail } from './harness.js';

/** Another member of `owner`'s agency, in `departmentIds`, logged in. */
export async function colleague(
  harness: Harness,
  owner: StaffClient,
  roles: Role[],
  departmentIds: string[] = [],
): Promise<StaffClient> {
  const db = harness.services.database.db;
  const agencyId = (await harness.services.agencies.findBySlug(owner.info.currentAgency ?? ''))?.id;
  if (!agencyId) throw new Error('the owner has no current agency');
  const email = uniqueEmail(roles.join('-'));
  const password = 'colleague passphrase 1';
  const user = await insertUser(db, {
    email,
    name: `Коллега ${roles.join(', ')}`,
    passwordHash: await hashPassword(password),
  });
  await upsertMembership(db, { agencyId, userId: user.id, roles, active: true });
  await replaceUserDepartments(db, agencyId, user.id, departmentIds);
  return login(harness, email, password);
}

export async function department(admin: StaffClient, name: string): Promise<string> {
  const response = await admin.request({ method: 'POST', url: '/api/staff/departments', payload: { name } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

export async function kbSection(
  staff: StaffClient,
  payload: { title?: string; departmentId?: string | null; reviewIntervalDays?: number } = {},
): Promise<string> {
  const response = await staff.request({
    method: 'POST',
    url: '/api/staff/kb/sections',
    payload: {
      title: `Раздел ${Math.random().toString(36).slice(2, 8)}`,
      departmentId: null,
      reviewIntervalDays: 90,
      ...payload,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

export const createArticle = (staff: StaffClient, payload: Record<string, unknown>) =>
  staff.request({
    method: 'POST',
    url: '/api/staff/kb/articles',
    payload: { kind: 'faq', title: 'Как записаться на приём', body: '<p>По телефону.</p>', ...payload },
  });

export async function kbArticle(staff: StaffClient, payload: Record<string, unknown>): Promise<string> {
  const response = await createArticle(staff, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}
