import type {
  Department,
  PortalAgency,
  PublicAgency,
  StaffAgency,
  WorkingHours,
} from '../../../common/types.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import { createLookupCache } from '../../lib/lookup-cache.js';
import type { AuditService } from '../audit/service.js';
import * as repo from './repo.js';
import { toTouchpoint } from './touchpoints.service.js';
import { assertTimeZone, assertWorkingHours } from './working-hours.js';

export const agencyNotFound = () => new NotFound('agency_not_found', 'Ведомство не найдено');
const departmentNotFound = () => new NotFound('department_not_found', 'Подразделение не найдено');

export const toPublicAgency = (row: repo.AgencyRow): PublicAgency => ({
  slug: row.slug,
  name: row.name,
  shortName: row.shortName,
  timezone: row.timezone,
});

const toStaffAgency = (row: repo.AgencyRow): StaffAgency => ({
  ...toPublicAgency(row),
  workingHours: row.workingHours,
  requestNumberPrefix: row.requestNumberPrefix,
  reminderLeadDays: row.reminderLeadDays,
  retentionYears: row.retentionYears,
  requireTwoFactorForAdmins: row.requireTwoFactorForAdmins,
});

export interface AgencyPatch {
  name?: string;
  shortName?: string;
  timezone?: string;
  workingHours?: WorkingHours;
  requestNumberPrefix?: string;
  reminderLeadDays?: number[];
  retentionYears?: number;
  requireTwoFactorForAdmins?: boolean;
}

export function createAgencyService(db: Db, audit: AuditService) {
  // The portal looks its agency up on every request; see LOOKUP_TTL_MS for how stale it may be.
  const bySlug = createLookupCache<string, repo.AgencyRow | undefined>();
  /** What other capabilities give a new agency (its survey forms), in the agency's transaction. */
  const createdListeners: ((tx: Executor, agency: { id: string; slug: string }) => Promise<void>)[] = [];

  async function requireAgency(agencyId: string) {
    const row = await repo.findAgencyById(db, agencyId);
    if (!row) throw agencyNotFound();
    return row;
  }

  async function requireDepartment(agencyId: string, id: string) {
    const row = await repo.findDepartment(db, agencyId, id);
    if (!row) throw departmentNotFound();
    return row;
  }

  async function assertDepartmentNameFree(agencyId: string, name: string, exceptId?: string) {
    if (await repo.departmentNameTaken(db, agencyId, name, exceptId)) {
      throw new Conflict('department_exists', 'Подразделение с таким названием уже есть', 'body.name');
    }
  }

  return {
    onCreated(listener: (tx: Executor, agency: { id: string; slug: string }) => Promise<void>) {
      createdListeners.push(listener);
    },

    async listPublic(): Promise<PublicAgency[]> {
      return (await repo.listAgencies(db)).map(toPublicAgency);
    },

    /** Cached for LOOKUP_TTL_MS; a miss is not kept, so an agency just added is found at once. */
    async findBySlug(slug: string): Promise<repo.AgencyRow | undefined> {
      const row = await bySlug.get(slug, () => repo.findAgencyBySlug(db, slug));
      if (!row) bySlug.invalidate(slug);
      return row;
    },

    /** The id of the agency a public URL names; an unknown slug is a 404. */
    async idBySlug(slug: string): Promise<string> {
      const row = await bySlug.get(slug, () => repo.findAgencyBySlug(db, slug));
      if (!row) {
        bySlug.invalidate(slug);
        throw agencyNotFound();
      }
      return row.id;
    },

    /**
     * A region administrator adds an agency; `grantCreator` runs in the same transaction so the
     * creator can administer it at once (the membership lives in the auth module).
     */
    async createAgency(
      actor: Pick<Actor, 'userId'>,
      input: PublicAgency & { workingHours: WorkingHours },
      grantCreator: (tx: Executor, agencyId: string) => Promise<void>,
    ): Promise<PublicAgency> {
      assertTimeZone(input.timezone, 'body.timezone');
      return db.transaction(async (tx) => {
        const row = await repo.insertAgencyIfAbsent(tx, input);
        if (!row) throw new Conflict('agency_exists', 'Ведомство с таким адресом уже есть', 'body.slug');
        await grantCreator(tx, row.id);
        for (const listener of createdListeners) await listener(tx, row);
        await audit.record(tx, { agencyId: row.id, userId: actor.userId }, 'agency', row.id, {
          after: toStaffAgency(row),
        });
        return toPublicAgency(row);
      });
    },

    async portal(slug: string): Promise<PortalAgency> {
      const row = await repo.findAgencyBySlug(db, slug);
      if (!row) throw agencyNotFound();
      const [touchpoints, departments] = await Promise.all([
        repo.listTouchpoints(db, row.id, { publicOnly: true }),
        repo.listDepartments(db, row.id),
      ]);
      return {
        ...toStaffAgency(row),
        touchpoints: touchpoints.map(toTouchpoint),
        departments: departments.map(({ id, name }) => ({ id, name })),
      };
    },

    async byId(agencyId: string): Promise<StaffAgency> {
      return toStaffAgency(await requireAgency(agencyId));
    },

    async get(actor: Actor): Promise<StaffAgency> {
      return toStaffAgency(await requireAgency(actor.agencyId));
    },

    /** `ownTwoFactorEnabled` answers for the actor: who turns the 2FA policy on must not lock themselves out. */
    async update(
      actor: Actor,
      patch: AgencyPatch,
      ownTwoFactorEnabled: () => Promise<boolean>,
    ): Promise<StaffAgency> {
      if (patch.workingHours) assertWorkingHours(patch.workingHours, 'body.workingHours');
      if (patch.timezone) assertTimeZone(patch.timezone, 'body.timezone');
      for (const field of ['name', 'shortName'] as const) {
        if (patch[field] !== undefined && !patch[field]?.trim()) {
          throw new Invalid(`body.${field}`, 'Поле не должно быть пустым');
        }
      }
      if (
        patch.requireTwoFactorForAdmins &&
        !(await requireAgency(actor.agencyId)).requireTwoFactorForAdmins
      ) {
        if (!(await ownTwoFactorEnabled())) {
          throw new Invalid(
            'body.requireTwoFactorForAdmins',
            'Сначала подключите двухфакторную аутентификацию себе: иначе после включения требования вы потеряете доступ',
            'own_two_factor_required',
          );
        }
      }
      const updated = await db.transaction(async (tx) => {
        const before = await repo.findAgencyById(tx, actor.agencyId);
        if (!before) throw agencyNotFound();
        const leadDays = patch.reminderLeadDays && [...patch.reminderLeadDays].sort((a, b) => b - a);
        const after = await repo.updateAgency(tx, actor.agencyId, { ...patch, reminderLeadDays: leadDays });
        await audit.record(tx, actor, 'agency', actor.agencyId, {
          before: toStaffAgency(before),
          after: toStaffAgency(after),
        });
        return toStaffAgency(after);
      });
      // After the commit: the next intake on this node numbers with the new prefix at once.
      bySlug.clear();
      return updated;
    },

    /** Each agency's retention period, for the retention job. */
    async retentionSettings(): Promise<{ id: string; retentionYears: number }[]> {
      return (await repo.listAgencies(db)).map(({ id, retentionYears }) => ({ id, retentionYears }));
    },

    async allAgencyIds(): Promise<string[]> {
      return (await repo.listAgencies(db)).map((row) => row.id);
    },

    async departmentIdsOf(agencyId: string): Promise<string[]> {
      return (await repo.listDepartments(db, agencyId)).map((row) => row.id);
    },

    listDepartments(actor: Actor): Promise<Department[]> {
      return repo.listDepartments(db, actor.agencyId);
    },

    async createDepartment(actor: Actor, name: string): Promise<Department> {
      const trimmed = name.trim();
      await assertDepartmentNameFree(actor.agencyId, trimmed);
      return db.transaction(async (tx) => {
        const [row] = await repo.insertDepartments(tx, actor.agencyId, [trimmed]);
        if (!row) throw new Error('department insert returned nothing');
        const created = { id: row.id, name: row.name, userCount: 0 };
        await audit.record(tx, actor, 'department', row.id, { after: created });
        return created;
      });
    },

    async renameDepartment(actor: Actor, id: string, name: string): Promise<Department> {
      const before = await requireDepartment(actor.agencyId, id);
      const trimmed = name.trim();
      await assertDepartmentNameFree(actor.agencyId, trimmed, id);
      return db.transaction(async (tx) => {
        await repo.renameDepartment(tx, actor.agencyId, id, trimmed);
        const after = { ...before, name: trimmed };
        await audit.record(tx, actor, 'department', id, { before, after });
        return after;
      });
    },

    async deleteDepartment(actor: Actor, id: string): Promise<void> {
      const before = await requireDepartment(actor.agencyId, id);
      if (before.userCount > 0) {
        throw new Conflict(
          'department_in_use',
          `В подразделении ${before.userCount} сотрудн. — сначала переведите их в другие подразделения`,
        );
      }
      await db.transaction(async (tx) => {
        await repo.deleteDepartment(tx, actor.agencyId, id);
        await audit.record(tx, actor, 'department', id, { before });
      });
    },
  };
}

export type AgencyService = ReturnType<typeof createAgencyService>;
