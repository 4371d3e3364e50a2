import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../common/roles.js';
import { agencyWithStaff, type Harness, type StaffClient } from './harness.js';

export interface TenancyCase {
  /** Creates an object as staff of agency A and returns its id. */
  create(staffOfA: StaffClient): Promise<string>;
  /** Requests addressing that object; each must answer 404 to staff of agency B. */
  requests(id: string): InjectOptions[];
  /** List routes of the same kind: B's answer must not mention the id. */
  lists?: string[];
  roles?: Role[];
}

/**
 * The reusable tenancy check (ARCHITECTURE §3): staff of agency B, however privileged there,
 * gets 404 for agency A's objects — the same answer as for an object that does not exist —
 * and A's object is unchanged afterwards.
 */
export async function expectTenantIsolation(harness: Harness, testCase: TenancyCase): Promise<void> {
  const roles = testCase.roles ?? ['admin'];
  const a = await agencyWithStaff(harness, roles);
  const b = await agencyWithStaff(harness, roles);
  const id = await testCase.create(a.staff);
  for (const request of testCase.requests(id)) {
    const response = await b.staff.request(request);
    expect(response.statusCode, `${request.method} ${request.url} as another agency`).toBe(404);
  }
  for (const url of testCase.lists ?? []) {
    const asB = await b.staff.request({ method: 'GET', url });
    expect(asB.statusCode).toBe(200);
    expect(asB.body).not.toContain(id);
    const asA = await a.staff.request({ method: 'GET', url });
    expect(asA.body, `${url} as the owning agency`).toContain(id);
  }
}
