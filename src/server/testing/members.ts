import type { Role } from '../../common/roles.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { insertUser, listMembershipsOfUser, upsertMembership } from '../modules/auth/repo.js';
import { type Harness, uniqueEmail } from './harness.js';

export const MEMBER_PASSWORD = 'correct horse battery';

/** The first agency a person works in (the one `agencyWithStaff` made for them). */
export const agencyIdOf = async (harness: Harness, userId: string) =>
  (await listMembershipsOfUser(harness.services.database.db, userId))[0]?.agencyId ?? '';

/** A new person without 2FA holding `roles` in each of `agencyIds`, with MEMBER_PASSWORD; not signed in. */
export async function addMember(harness: Harness, agencyIds: string[], roles: Role[] = ['admin']) {
  const email = uniqueEmail('colleague');
  const user = await insertUser(harness.services.database.db, {
    email,
    name: 'Коллега',
    passwordHash: await hashPassword(MEMBER_PASSWORD),
  });
  for (const agencyId of agencyIds) {
    await upsertMembership(harness.services.database.db, { agencyId, userId: user.id, roles, active: true });
  }
  return { userId: user.id, email };
}
