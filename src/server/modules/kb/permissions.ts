import type { Actor } from '../../lib/actor.js';
import { Forbidden } from '../../lib/errors.js';

/** Everyone on staff reads the knowledge base: it is there to be used while answering (p. 14.1). */
export const KB_READERS = [
  'admin',
  'head',
  'operator',
  'kb_editor',
  'analyst',
  'call_operator',
  'receptionist',
] as const;

/**
 * Seed 003 p. 39: a section is filled by the department responsible for its function. So its
 * staff edit and review it; the agency's knowledge-base editors and administrators edit every
 * section, and alone keep the sections no department owns.
 */
export function canEditSection(
  actor: Actor,
  section: { departmentId: string | null },
  actorDepartmentIds: readonly string[],
): boolean {
  if (actor.roles.includes('admin') || actor.roles.includes('kb_editor')) return true;
  return section.departmentId !== null && actorDepartmentIds.includes(section.departmentId);
}

export function assertCanEditSection(
  actor: Actor,
  section: { departmentId: string | null },
  actorDepartmentIds: readonly string[],
): void {
  if (!canEditSection(actor, section, actorDepartmentIds)) {
    throw new Forbidden(
      'Этот раздел базы знаний ведёт другое подразделение: изменить его могут его сотрудники и редакторы базы знаний',
    );
  }
}
