import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir } from '../../config.js';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';
import { loadTopicPresets, readTopicPresets } from './presets.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const createTopic = (staff: StaffClient, payload: object) =>
  staff.request({ method: 'POST', url: '/api/staff/topics', payload });

describe('topic taxonomy', () => {
  it('creates topics with needs, edits, archives, keeps order; every change is audited', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const department = (
      await staff.request({
        method: 'POST',
        url: '/api/staff/departments',
        payload: { name: 'Отдел надзора' },
      })
    ).json();
    const second = await createTopic(staff, { name: 'Зоны охраны', sortOrder: 20 });
    const first = await createTopic(staff, {
      name: ' Согласование работ ',
      defaultDepartmentId: department.id,
      sortOrder: 10,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ name: 'Согласование работ', defaultDepartmentId: department.id });
    const need = await staff.request({
      method: 'POST',
      url: `/api/staff/topics/${first.json().id}/needs`,
      payload: { name: 'Выдать задание' },
    });
    expect(need.statusCode).toBe(201);

    const archived = await staff.request({
      method: 'PATCH',
      url: `/api/staff/topics/${second.json().id}`,
      payload: { archived: true },
    });
    expect(archived.json()).toMatchObject({ archived: true, name: 'Зоны охраны' });
    const renamed = await staff.request({
      method: 'PATCH',
      url: `/api/staff/typical-needs/${need.json().id}`,
      payload: { name: 'Выдать задание на работы' },
    });
    expect(renamed.json().name).toBe('Выдать задание на работы');

    const list = (await staff.request({ method: 'GET', url: '/api/staff/topics' })).json();
    expect(list.map((t: { name: string }) => t.name)).toEqual(['Согласование работ', 'Зоны охраны']);
    expect(list[0].needs.map((n: { name: string }) => n.name)).toEqual(['Выдать задание на работы']);

    const audit = async (entity: string) =>
      (await staff.request({ method: 'GET', url: `/api/staff/audit?entity=${entity}` })).json().items;
    expect((await audit('topic')).map((row: { action: string }) => row.action).sort()).toEqual([
      'create',
      'create',
      'update',
    ]);
    expect(await audit('typical_need')).toHaveLength(2);
  });

  it('refuses a duplicate name, another agency’s department and an empty name with field errors', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const other = await agencyWithStaff(harness, ['admin']);
    const foreign = (
      await other.staff.request({ method: 'POST', url: '/api/staff/departments', payload: { name: 'Чужой' } })
    ).json();
    await createTopic(staff, { name: 'Реестр' });
    const duplicate = await createTopic(staff, { name: 'РЕЕСТР' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ field: 'body.name' });
    const wrongDepartment = await createTopic(staff, { name: 'Надзор', defaultDepartmentId: foreign.id });
    expect(wrongDepartment.statusCode).toBe(400);
    expect(wrongDepartment.json().field).toBe('body.defaultDepartmentId');
    const empty = await createTopic(staff, { name: '   ' });
    expect(empty.statusCode).toBe(400);
    expect((await staff.request({ method: 'GET', url: '/api/staff/topics' })).json()).toHaveLength(1);
  });

  it('lets every staff member read the taxonomy but only admins and heads change it', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    expect((await staff.request({ method: 'GET', url: '/api/staff/topics' })).statusCode).toBe(200);
    expect((await createTopic(staff, { name: 'Тема' })).statusCode).toBe(403);
    // Suggestions concern a request: roles that cannot read the register are refused before the lookup.
    const kbEditor = await agencyWithStaff(harness, ['kb_editor']);
    const suggestions = await kbEditor.staff.request({
      method: 'GET',
      url: `/api/staff/requests/${randomUUID()}/suggestions`,
    });
    expect(suggestions.statusCode).toBe(403);
    const head = await agencyWithStaff(harness, ['head']);
    expect((await createTopic(head.staff, { name: 'Тема' })).statusCode).toBe(201);
  });

  it('keeps topics and needs to their agency', async () => {
    await expectTenantIsolation(harness, {
      create: async (staff) => (await createTopic(staff, { name: 'Изолированная тема' })).json().id,
      requests: (id) => [
        { method: 'PATCH', url: `/api/staff/topics/${id}`, payload: { name: 'Захват' } },
        { method: 'POST', url: `/api/staff/topics/${id}/needs`, payload: { name: 'Захват' } },
      ],
      lists: ['/api/staff/topics'],
    });
    await expectTenantIsolation(harness, {
      create: async (staff) => {
        const topic = (await createTopic(staff, { name: 'Тема с потребностью' })).json();
        const need = await staff.request({
          method: 'POST',
          url: `/api/staff/topics/${topic.id}/needs`,
          payload: { name: 'Изолированная потребность' },
        });
        return need.json().id;
      },
      requests: (id) => [
        { method: 'PATCH', url: `/api/staff/typical-needs/${id}`, payload: { name: 'Захват' } },
      ],
      lists: ['/api/staff/topics'],
    });
  });

  it('loads the preset taxonomy once into an agency without topics and never over an edited one', async () => {
    const presets = readTopicPresets(join(rootDir, 'presets', 'topics'));
    expect(presets.get('giookn-nso')?.length).toBeGreaterThanOrEqual(8);
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    const giookn = presets.get('giookn-nso') ?? [];
    const { db } = harness.services.database;
    await loadTopicPresets(db, harness.services.agencies, new Map([[slug, giookn]]));
    const loaded = (await staff.request({ method: 'GET', url: '/api/staff/topics' })).json();
    expect(loaded.map((t: { name: string }) => t.name)).toEqual(giookn.map((t) => t.name));
    expect(loaded[0].needs.length).toBe(giookn[0]?.needs.length);
    await staff.request({
      method: 'PATCH',
      url: `/api/staff/topics/${loaded[0].id}`,
      payload: { archived: true },
    });
    await loadTopicPresets(db, harness.services.agencies, new Map([[slug, giookn]]));
    const after = (await staff.request({ method: 'GET', url: '/api/staff/topics' })).json();
    expect(after).toHaveLength(giookn.length);
    expect(after[0].archived).toBe(true);
  });
});
