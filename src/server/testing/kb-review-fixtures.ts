import type { Role } from '../../common/roles.js';
import type { Actor } from '../lib/actor.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { insertUser, replaceUserDepartments, upsertMembership } from '../modules/auth/repo.js';
import { insertSection } from '../modules/kb/review.repo.js';
import { agencyWithStaff, type Harness, login, uniqueEmail } from './harness.js';

const PASSWORD = 'correct horse battery';

/**
 * An agency of its own for a knowledge-base review test: its administrator, and helpers that add
 * departments, staff members in them (logged in) and sections with a given due date — sections
 * are written straight to the table, the way the KB editor would leave them.
 */
export async function kbReviewAgency(harness: Harness) {
  const { services } = harness;
  const { db } = services.database;
  const owner = await agencyWithStaff(harness, ['admin']);
  const agency = await services.agencies.findBySlug(owner.slug);
  if (!agency) throw new Error('agency not created');
  const adminActor: Actor = {
    userId: owner.userId,
    agencyId: agency.id,
    roles: ['admin'],
    isRegionAdmin: false,
  };

  return {
    ...owner,
    agency,
    adminActor,
    department: async (name: string) => (await services.agencies.createDepartment(adminActor, name)).id,

    async colleague(roles: Role[], departmentIds: string[] = [], name = `Сотрудник ${roles.join(', ')}`) {
      const email = uniqueEmail(roles.join('-'));
      const user = await insertUser(db, { email, name, passwordHash: await hashPassword(PASSWORD) });
      await upsertMembership(db, { agencyId: agency.id, userId: user.id, roles, active: true });
      await replaceUserDepartments(db, agency.id, user.id, departmentIds);
      const actor: Actor = { userId: user.id, agencyId: agency.id, roles, isRegionAdmin: false };
      return { id: user.id, email, name, actor, staff: await login(harness, email, PASSWORD) };
    },

    section: (title: string, departmentId: string | null, reviewDueOn: string, reviewIntervalDays = 90) =>
      insertSection(db, { agencyId: agency.id, title, departmentId, reviewDueOn, reviewIntervalDays }),
  };
}
