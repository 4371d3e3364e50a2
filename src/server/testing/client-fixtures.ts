import { expect } from 'vitest';
import type { StaffClient } from './harness.js';

/** The id of the one client the staff search finds for `q`; fails when it is not exactly one. */
export async function clientIdOf(staff: StaffClient, q: string) {
  const list = (
    await staff.request({ method: 'GET', url: `/api/staff/clients?q=${encodeURIComponent(q)}` })
  ).json();
  expect(list.total, `clients matching ${q}`).toBe(1);
  return list.items[0].id as string;
}
