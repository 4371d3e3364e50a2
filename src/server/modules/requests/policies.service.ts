import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import { createLookupCache } from '../../lib/lookup-cache.js';
import type { AuditService } from '../audit/service.js';
import {
  type DeadlinePolicies,
  OVERRIDABLE_TERMS,
  type OverridableTerm,
  overrideError,
  REQUEST_KINDS,
  type RequestKind,
  type Term,
  withOverrides,
} from './deadlines.js';
import * as repo from './policies.repo.js';

/**
 * The deadline policies of ARCHITECTURE §4 as data: presets from presets/deadlines, each term
 * overridable by the agency with the act that sets it (issue 4 p. 1); statutory terms only shorter.
 */
export function createDeadlinePolicyService(deps: {
  db: Db;
  audit: AuditService;
  defaults: DeadlinePolicies;
}) {
  const { db, audit, defaults } = deps;
  // Every intake needs the agency's terms, merged once per cache entry; see LOOKUP_TTL_MS for how
  // stale they may be. Readers share the merged object and must not change it.
  const policiesOf = createLookupCache<string, DeadlinePolicies>();

  function forAgency(agencyId: string): Promise<DeadlinePolicies> {
    return policiesOf.get(agencyId, async () =>
      withOverrides(defaults, await repo.listDeadlineOverrides(db, agencyId)),
    );
  }

  return {
    defaults,
    forAgency,

    /** Every kind with its terms as in force for the agency, and the presets beside them. */
    async view(actor: Actor) {
      const overrides = await repo.listDeadlineOverrides(db, actor.agencyId);
      const current = withOverrides(defaults, overrides);
      return REQUEST_KINDS.map((kind) => ({
        kind,
        title: defaults[kind].title,
        law: defaults[kind].law,
        terms: OVERRIDABLE_TERMS.map((term) => ({
          term,
          current: current[kind][term],
          preset: defaults[kind][term],
          overridden: overrides.some((o) => o.kind === kind && o.term === term),
        })),
      }));
    },

    async override(actor: Actor, kind: RequestKind, term: OverridableTerm, value: Term) {
      const problem = overrideError(defaults, kind, term, value);
      if (problem) throw new Invalid('body.days', problem);
      const before = (await forAgency(actor.agencyId))[kind][term];
      await db.transaction(async (tx) => {
        await repo.upsertDeadlineOverride(tx, { agencyId: actor.agencyId, kind, term, ...value });
        await audit.record(tx, actor, 'deadline_policy', `${kind}.${term}`, { before, after: value });
      });
      policiesOf.invalidate(actor.agencyId);
    },

    async restore(actor: Actor, kind: RequestKind, term: OverridableTerm) {
      await db.transaction(async (tx) => {
        const removed = await repo.deleteDeadlineOverride(tx, actor.agencyId, kind, term);
        if (!removed)
          throw new NotFound('override_not_found', 'Для этого срока действует значение по умолчанию');
        await audit.record(tx, actor, 'deadline_policy', `${kind}.${term}`, {
          before: { days: removed.days, dayType: removed.dayType, source: removed.source },
          after: defaults[kind][term],
        });
      });
      policiesOf.invalidate(actor.agencyId);
    },
  };
}

export type DeadlinePolicyService = ReturnType<typeof createDeadlinePolicyService>;
