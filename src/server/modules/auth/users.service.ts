import { randomBytes } from 'node:crypto';
import type { Role } from '../../../common/roles.js';
import type { Page, StaffUser } from '../../../common/types.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import { type PageRequest, pageWindow, toPage } from '../../lib/paging.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import { assertStrongPassword, hashPassword } from './passwords.js';
import * as repo from './repo.js';
import type { SessionService } from './session.service.js';

export interface NewStaffUser {
  email: string;
  name: string;
  roles: Role[];
  departmentIds: string[];
}

export interface StaffUserPatch {
  name?: string;
  roles?: Role[];
  departmentIds?: string[];
  active?: boolean;
}

const userNotFound = () => new NotFound('user_not_found', 'Сотрудник не найден');

export function createUserService(
  db: Db,
  audit: AuditService,
  agencies: AgencyService,
  sessions: SessionService,
) {
  async function findStaff(db: Executor, agencyId: string, userId: string): Promise<StaffUser | undefined> {
    const { rows } = await repo.listAgencyStaff(db, agencyId, { userId }, 1, 0);
    const row = rows[0];
    return row && { ...row, lastLoginAt: row.lastLoginAt?.toISOString() ?? null };
  }

  async function assertDepartmentsOfAgency(agencyId: string, ids: string[]) {
    if (ids.length === 0) return;
    const known = new Set(await agencies.departmentIdsOf(agencyId));
    const index = ids.findIndex((id) => !known.has(id));
    if (index >= 0) throw new Invalid(`body.departmentIds.${index}`, 'Такого подразделения в ведомстве нет');
  }

  return {
    async list(actor: Actor, filter: repo.StaffFilter & PageRequest): Promise<Page<StaffUser>> {
      const { page, limit, offset } = pageWindow(filter);
      const { total, rows } = await repo.listAgencyStaff(db, actor.agencyId, filter, limit, offset);
      const items = rows.map((row) => ({ ...row, lastLoginAt: row.lastLoginAt?.toISOString() ?? null }));
      return toPage(items, total, page, limit);
    },

    /** Adds a person to the agency; a new account gets an invitation link to set its password. */
    async create(actor: Actor, input: NewStaffUser): Promise<StaffUser> {
      await assertDepartmentsOfAgency(actor.agencyId, input.departmentIds);
      const email = input.email.trim().toLowerCase();
      const { user, isNew } = await db.transaction(async (tx) => {
        const existing = await repo.findUserByEmail(tx, email);
        const user = existing ?? (await repo.insertUser(tx, { email, name: input.name.trim() }));
        await repo.upsertMembership(tx, {
          agencyId: actor.agencyId,
          userId: user.id,
          roles: input.roles,
          active: true,
        });
        await repo.replaceUserDepartments(tx, actor.agencyId, user.id, input.departmentIds);
        const after = await findStaff(tx, actor.agencyId, user.id);
        await audit.record(tx, actor, 'user', user.id, { after });
        return { user, isNew: !existing?.passwordHash };
      });
      if (isNew) await sessions.requestPasswordReset(user.email, 'invite');
      const created = await findStaff(db, actor.agencyId, user.id);
      if (!created) throw userNotFound();
      return created;
    },

    async update(actor: Actor, userId: string, patch: StaffUserPatch): Promise<StaffUser> {
      const before = await findStaff(db, actor.agencyId, userId);
      if (!before) throw userNotFound();
      if (patch.departmentIds) await assertDepartmentsOfAgency(actor.agencyId, patch.departmentIds);
      if (
        userId === actor.userId &&
        (patch.active === false || (patch.roles && !patch.roles.includes('admin')))
      ) {
        throw new Invalid(
          'body.roles',
          'Нельзя снять с себя роль администратора или отключить свою учётную запись',
        );
      }
      return db.transaction(async (tx) => {
        if (patch.name !== undefined) await repo.updateUser(tx, userId, { name: patch.name.trim() });
        if (patch.roles !== undefined || patch.active !== undefined) {
          await repo.upsertMembership(tx, {
            agencyId: actor.agencyId,
            userId,
            roles: patch.roles ?? before.roles,
            active: patch.active ?? before.active,
          });
        }
        if (patch.departmentIds)
          await repo.replaceUserDepartments(tx, actor.agencyId, userId, patch.departmentIds);
        const after = await findStaff(tx, actor.agencyId, userId);
        await audit.record(tx, actor, 'user', userId, { before, after });
        if (!after) throw userNotFound();
        return after;
      });
    },

    /**
     * Who answers for a department: its heads; without any, the agency's heads; without those,
     * its administrators — an escalation always reaches someone.
     */
    async headsOf(agencyId: string, departmentId: string | null) {
      const heads = await repo.listActiveWithRole(db, agencyId, 'head');
      const ofDepartment = departmentId ? heads.filter((h) => h.departmentIds.includes(departmentId)) : [];
      const chosen = ofDepartment.length > 0 ? ofDepartment : heads;
      const people = chosen.length > 0 ? chosen : await repo.listActiveWithRole(db, agencyId, 'admin');
      return people.map(({ id, email, name }) => ({ id, email, name }));
    },

    /** Who keeps a department's part of the knowledge base (seed 003 p. 39): its active staff. */
    departmentStaff: (agencyId: string, departmentId: string) =>
      repo.listActiveInDepartment(db, agencyId, departmentId),

    async withRole(agencyId: string, role: Role) {
      const people = await repo.listActiveWithRole(db, agencyId, role);
      return people.map(({ id, email, name }) => ({ id, email, name }));
    },

    activeMembers: (agencyId: string, ids: string[]) => repo.listActiveMembers(db, agencyId, ids),
    activeStaff: (agencyId: string) => repo.listActiveStaff(db, agencyId),

    departmentIdsOf: (agencyId: string, userId: string) => repo.listUserDepartmentIds(db, agencyId, userId),
    /** The signature a staff member puts under answers (seed 004 p. 3); null when none is set. */
    async signatureOf(userId: string): Promise<string | null> {
      return (await repo.findUserById(db, userId))?.signature ?? null;
    },

    async emailOf(userId: string): Promise<string | null> {
      return (await repo.findUserById(db, userId))?.email ?? null;
    },

    async nameOf(userId: string): Promise<string | null> {
      return (await repo.findUserById(db, userId))?.name ?? null;
    },

    async setOwnSignature(actor: Actor, signature: string): Promise<string | null> {
      const value = signature.trim() || null;
      return db.transaction(async (tx) => {
        const before = (await repo.findUserById(tx, actor.userId))?.signature ?? null;
        await repo.updateUser(tx, actor.userId, { signature: value });
        await audit.record(tx, actor, 'user', actor.userId, {
          before: { signature: before },
          after: { signature: value },
        });
        return value;
      });
    },

    async isActiveMember(agencyId: string, userId: string): Promise<boolean> {
      const membership = await repo.findMembership(db, agencyId, userId);
      return membership?.active === true;
    },

    /** Gives the person the admin role in an agency unless they already have a membership there. */
    async grantAdminIfAbsent(tx: Executor, agencyId: string, userId: string): Promise<void> {
      if (await repo.findMembership(tx, agencyId, userId)) return;
      await repo.upsertMembership(tx, { agencyId, userId, roles: ['admin'], active: true });
    },

    /**
     * The region administrator from ADMIN_EMAIL/ADMIN_PASSWORD. Returns the generated password
     * when the account was created without one, so the caller can print it exactly once.
     */
    async ensureAdministrator(email: string, password: string | null): Promise<string | null> {
      const existing = await repo.findUserByEmail(db, email);
      if (!existing && password) assertStrongPassword(password, 'ADMIN_PASSWORD');
      const generated = existing || password ? null : randomBytes(12).toString('base64url');
      const user =
        existing ??
        (await repo.insertUser(db, {
          email,
          name: 'Администратор',
          isRegionAdmin: true,
          passwordHash: await hashPassword(password ?? generated ?? ''),
        }));
      for (const agencyId of await agencies.allAgencyIds()) {
        await this.grantAdminIfAbsent(db, agencyId, user.id);
      }
      return generated;
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
