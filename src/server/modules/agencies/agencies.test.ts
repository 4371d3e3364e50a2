import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalAgency, Touchpoint } from '../../../common/types.js';
import { rootDir } from '../../config.js';
import { agencyWithStaff, createHarness, type Harness, usePostgres } from '../../testing/harness.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';
import { loadAgencyPresets, readAgencyPresets } from './presets.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const newTouchpoint = {
  kind: 'phone',
  mode: 'offline',
  title: 'Приёмная',
  value: '+7 (383) 000-00-00',
  isPublic: true,
};

describe.skipIf(usePostgres)('preset agencies', () => {
  // Presets share fixed slugs, so this runs on the per-file PGlite only, never on the shared server.
  it('loads the four seed agencies once, with their real touchpoints', async () => {
    const presets = readAgencyPresets(join(rootDir, 'presets', 'agencies'));
    const first = await loadAgencyPresets(harness.services.database.db, presets);
    expect(first.sort()).toEqual(['dizo-nso', 'giookn-nso', 'mer-nso', 'minkpo-perm']);
    const again = await loadAgencyPresets(harness.services.database.db, presets);
    expect(again).toEqual([]);

    const giookn = (
      await harness.app.inject({ method: 'GET', url: '/api/public/giookn-nso' })
    ).json<PortalAgency>();
    expect(giookn.timezone).toBe('Asia/Novosibirsk');
    expect(giookn.workingHours.days.fri).toEqual({ start: '09:00', end: '17:00' });
    const values = giookn.touchpoints.map((t) => t.value);
    expect(values).toEqual(
      expect.arrayContaining([
        'https://giookn.nso.ru/',
        'https://vk.com/public215529825',
        'https://ok.ru/group/70000000545272',
        'https://t.me/giookn_NSO',
        'giookn@nso.ru',
        '+7 (383) 228-63-58',
        'г. Новосибирск, ул. Мичурина, 6',
      ]),
    );
    expect(giookn.touchpoints.find((t) => t.kind === 'reception')?.mode).toBe('offline');

    const perm = (
      await harness.app.inject({ method: 'GET', url: '/api/public/minkpo-perm' })
    ).json<PortalAgency>();
    expect(perm.timezone).toBe('Asia/Yekaterinburg');

    const dizo = (
      await harness.app.inject({ method: 'GET', url: '/api/public/dizo-nso' })
    ).json<PortalAgency>();
    expect(dizo.departments.map((d) => d.name)).toContain('Отдел организационной и кадровой работы');
    const ekc = dizo.touchpoints.find((t) => t.kind === 'ekc');
    expect(ekc?.value).toBe('110');
    expect(ekc?.hours?.days.thu).toEqual({ start: '09:00', end: '18:00' });
    expect(dizo.touchpoints.map((t) => t.value)).toEqual(
      expect.arrayContaining(['+7 (383) 238-60-02', '+7 (383) 238-60-62']),
    );
    // Touchpoints the orders name without an address stay internal until an administrator fills them in.
    expect(dizo.touchpoints.every((t) => t.value !== '')).toBe(true);
  });
});

describe('touchpoint registry', () => {
  it('an administrator edits a touchpoint and the portal shows it; the audit log records before/after', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const created = await staff.request({
      method: 'POST',
      url: '/api/staff/touchpoints',
      payload: newTouchpoint,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<Touchpoint>().id;

    const edited = await staff.request({
      method: 'PATCH',
      url: `/api/staff/touchpoints/${id}`,
      payload: { value: '+7 (383) 228-63-58', title: 'Телефон приёмной' },
    });
    expect(edited.statusCode).toBe(200);

    const portal = (
      await harness.app.inject({ method: 'GET', url: `/api/public/${slug}` })
    ).json<PortalAgency>();
    expect(portal.touchpoints).toEqual([
      expect.objectContaining({ id, title: 'Телефон приёмной', value: '+7 (383) 228-63-58' }),
    ]);

    const audit = await staff.request({ method: 'GET', url: '/api/staff/audit?entity=touchpoint' });
    const [latest] = audit.json().items;
    expect(latest).toMatchObject({
      action: 'update',
      entityId: id,
      actor: { email: staff.email },
      before: { value: '+7 (383) 000-00-00', title: 'Приёмная' },
      after: { value: '+7 (383) 228-63-58', title: 'Телефон приёмной' },
    });
  });

  it('hides non-public touchpoints from the portal', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    await staff.request({
      method: 'POST',
      url: '/api/staff/touchpoints',
      payload: { ...newTouchpoint, isPublic: false },
    });
    const portal = (
      await harness.app.inject({ method: 'GET', url: `/api/public/${slug}` })
    ).json<PortalAgency>();
    expect(portal.touchpoints).toEqual([]);
  });

  it('rejects an empty value and hours that end before they start, naming the field', async () => {
    const { staff } = await agencyWithStaff(harness);
    const empty = await staff.request({
      method: 'POST',
      url: '/api/staff/touchpoints',
      payload: { ...newTouchpoint, value: '  ' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().field).toBe('body.value');
    const day = { start: '18:00', end: '09:00' };
    const hours = {
      days: { mon: day, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null },
      lunch: null,
    };
    const backwards = await staff.request({
      method: 'POST',
      url: '/api/staff/touchpoints',
      payload: { ...newTouchpoint, hours },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({
      field: 'body.hours.days.mon.end',
      message: expect.stringMatching(/позже/),
    });
  });

  it('lets only administrators change the registry', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const list = await staff.request({ method: 'GET', url: '/api/staff/touchpoints' });
    expect(list.statusCode).toBe(200);
    const create = await staff.request({
      method: 'POST',
      url: '/api/staff/touchpoints',
      payload: newTouchpoint,
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().message).toBe('Недостаточно прав для этого действия');
  });

  it('keeps touchpoints inside their agency', async () => {
    await expectTenantIsolation(harness, {
      create: async (staff) =>
        (
          await staff.request({ method: 'POST', url: '/api/staff/touchpoints', payload: newTouchpoint })
        ).json().id,
      requests: (id) => [
        { method: 'PATCH', url: `/api/staff/touchpoints/${id}`, payload: { title: 'Чужое' } },
        { method: 'DELETE', url: `/api/staff/touchpoints/${id}` },
      ],
      lists: ['/api/staff/touchpoints'],
    });
  });
});

describe('agency settings and departments', () => {
  it('updates working hours and validates the time zone', async () => {
    const { staff } = await agencyWithStaff(harness);
    const bad = await staff.request({
      method: 'PATCH',
      url: '/api/staff/agency',
      payload: { timezone: 'Mars/Olympus' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('body.timezone');
    const agency = (await staff.request({ method: 'GET', url: '/api/staff/agency' })).json();
    const workingHours = { ...agency.workingHours, lunch: { start: '12:00', end: '12:45' } };
    const ok = await staff.request({ method: 'PATCH', url: '/api/staff/agency', payload: { workingHours } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().workingHours.lunch).toEqual({ start: '12:00', end: '12:45' });
    const prefix = await staff.request({
      method: 'PATCH',
      url: '/api/staff/agency',
      payload: { requestNumberPrefix: 'ГИОКН' },
    });
    expect(prefix.json().requestNumberPrefix).toBe('ГИОКН');
    const badPrefix = await staff.request({
      method: 'PATCH',
      url: '/api/staff/agency',
      payload: { requestNumberPrefix: 'a/b' },
    });
    expect(badPrefix.json().field).toBe('body.requestNumberPrefix');
  });

  it('creates, renames and deletes departments; refuses duplicates and deleting one in use', async () => {
    const { staff } = await agencyWithStaff(harness);
    const created = await staff.request({
      method: 'POST',
      url: '/api/staff/departments',
      payload: { name: 'Отдел А' },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const duplicate = await staff.request({
      method: 'POST',
      url: '/api/staff/departments',
      payload: { name: 'отдел а' },
    });
    expect(duplicate.statusCode).toBe(409);
    const user = await staff.request({
      method: 'POST',
      url: '/api/staff/users',
      payload: { email: 'dept@test.local', name: 'Иванов', roles: ['operator'], departmentIds: [id] },
    });
    expect(user.statusCode).toBe(201);
    const inUse = await staff.request({ method: 'DELETE', url: `/api/staff/departments/${id}` });
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error).toBe('department_in_use');
    await staff.request({
      method: 'PATCH',
      url: `/api/staff/users/${user.json().id}`,
      payload: { departmentIds: [] },
    });
    const removed = await staff.request({ method: 'DELETE', url: `/api/staff/departments/${id}` });
    expect(removed.statusCode).toBe(204);
  });

  it('keeps departments inside their agency', async () => {
    await expectTenantIsolation(harness, {
      create: async (staff) =>
        (
          await staff.request({
            method: 'POST',
            url: '/api/staff/departments',
            payload: { name: 'Секретный отдел' },
          })
        ).json().id,
      requests: (id) => [
        { method: 'PATCH', url: `/api/staff/departments/${id}`, payload: { name: 'Взлом' } },
        { method: 'DELETE', url: `/api/staff/departments/${id}` },
      ],
      lists: ['/api/staff/departments'],
    });
  });
});

describe('production calendar per agency', () => {
  it('shows the decree data and lets an administrator override a day', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const view = (await staff.request({ method: 'GET', url: '/api/staff/calendar?year=2025' })).json();
    expect(view.nonWorking).toEqual(
      expect.arrayContaining(['2025-01-08', '2025-05-02', '2025-05-08', '2025-11-03']),
    );
    expect(view.working).toContain('2025-11-01');
    const put = await staff.request({
      method: 'PUT',
      url: '/api/staff/calendar/2025-06-11',
      payload: { kind: 'nonWorking', note: 'Региональный праздник' },
    });
    expect(put.statusCode).toBe(200);
    const agency = await harness.services.agencies.findBySlug(slug);
    const calendar = await harness.services.calendar.forAgency(agency?.id ?? '');
    expect(calendar.isWorkingDay('2025-06-11')).toBe(false);
    const unknownYear = await staff.request({ method: 'GET', url: '/api/staff/calendar?year=2031' });
    expect(unknownYear.statusCode).toBe(400);
    expect(unknownYear.json().message).toMatch(/2031/);
  });

  it('keeps calendar overrides inside their agency', async () => {
    await expectTenantIsolation(harness, {
      create: async (staff) => {
        await staff.request({
          method: 'PUT',
          url: '/api/staff/calendar/2026-03-10',
          payload: { kind: 'nonWorking', note: 'a-only' },
        });
        return '2026-03-10';
      },
      requests: (date) => [{ method: 'DELETE', url: `/api/staff/calendar/${date}` }],
      lists: ['/api/staff/calendar?year=2026'],
    });
  });
});
