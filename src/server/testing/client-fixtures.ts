import { expect } from 'vitest';
import type { Harness, StaffClient } from './harness.js';

/** An appeal from the portal with the given contacts, for client-matching tests. */
export const submitAppeal = (harness: Harness, slug: string, payload: Record<string, unknown>) =>
  harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    payload: { kind: 'appeal', text: 'Прошу разъяснить порядок', consent: true, ...payload },
  });

/** The id of the one client the staff search finds for `q`; fails when it is not exactly one. */
export async function clientIdOf(staff: StaffClient, q: string) {
  const list = (
    await staff.request({ method: 'GET', url: `/api/staff/clients?q=${encodeURIComponent(q)}` })
  ).json();
  expect(list.total, `clients matching ${q}`).toBe(1);
  return list.items[0].id as string;
}
