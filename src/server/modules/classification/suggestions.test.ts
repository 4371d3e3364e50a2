import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

// Confirmed requests of three topics, worded differently each time, as citizens write them.
const CORPUS = {
  works: [
    'Прошу согласовать проектную документацию на ремонт фасада',
    'Как получить разрешение на проведение работ на памятнике?',
    'Нужно задание на работы по сохранению объекта, куда подавать?',
    'Согласуйте пожалуйста проект реставрации кровли',
    'Хотим сделать ремонт в квартире в доме-памятнике, нужно ли согласование работ',
    'Прошу выдать разрешение на работы по приспособлению здания',
    'Сколько длится согласование проектной документации на реставрацию?',
    'Подали проект ремонта фасада, когда будет согласование работ',
    'Порядок получения задания и разрешения на ремонтные работы',
  ],
  damage: [
    'Дом разрушается, обвалилась штукатурка, падают кирпичи на тротуар',
    'На здании памятника ведутся незаконные работы, сносят крыльцо',
    'Сообщаю о разрушении исторического дома, выбиты окна, течёт крыша',
    'Объект в ужасном состоянии, никто не следит, примите меры',
    'Собственник самовольно заменил окна на пластик в доме-памятнике',
    'Разрушается деревянный дом, бомжи жгут костры, нужна проверка',
    'Жалоба: снесли исторический забор, памятник портят',
    'Трещины по фасаду, кладка разрушается, прошу провести проверку состояния',
    'Незаконная надстройка на объекте наследия, проверьте',
  ],
  register: [
    'Прошу предоставить выписку из реестра объектов культурного наследия',
    'Является ли мой дом объектом культурного наследия? Есть ли он в реестре',
    'Нужна выписка из единого реестра на здание',
    'Как включить старинный дом в реестр памятников',
    'Прошу сообщить, числится ли усадьба в реестре объектов наследия',
    'Дайте сведения о статусе здания, включено ли оно в реестр',
    'Хотим внести выявленный объект в реестр, какие документы',
    'Выписка из реестра для нотариуса на дом',
    'Запрос сведений из реестра о памятнике архитектуры',
  ],
};

async function submit(staff: StaffClient, text: string) {
  const slug = staff.info.currentAgency ?? '';
  const created = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    payload: { kind: 'appeal', text, name: 'Иванов Пётр', consent: true },
  });
  const { number } = created.json();
  const list = await staff.request({
    method: 'GET',
    url: `/api/staff/requests?q=${encodeURIComponent(number)}`,
  });
  return list.json().items[0].id as string;
}

async function setUp(staff: StaffClient) {
  const ids: Record<string, { topic: string; department: string }> = {};
  for (const key of Object.keys(CORPUS)) {
    const department = (
      await staff.request({
        method: 'POST',
        url: '/api/staff/departments',
        payload: { name: `Отдел ${key}` },
      })
    ).json();
    const topic = (
      await staff.request({
        method: 'POST',
        url: '/api/staff/topics',
        payload: { name: `Тема ${key}`, defaultDepartmentId: department.id },
      })
    ).json();
    ids[key] = { topic: topic.id, department: department.id };
  }
  return ids;
}

const suggestions = async (staff: StaffClient, id: string) =>
  (await staff.request({ method: 'GET', url: `/api/staff/requests/${id}/suggestions` })).json();

async function confirm(staff: StaffClient, text: string, topicId: string) {
  const id = await submit(staff, text);
  const response = await staff.request({
    method: 'PUT',
    url: `/api/staff/requests/${id}/classification`,
    payload: { topicId, typicalNeedId: null, requestType: 'statement', urgent: false },
  });
  expect(response.statusCode).toBe(200);
}

describe('topic and department suggestions', () => {
  it('says «too few examples» below the minimum, then suggests the right topic and department', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const ids = await setUp(staff);
    const fresh = await submit(staff, 'Прошу разрешение на работы по ремонту кровли');
    expect(await suggestions(staff, fresh)).toEqual({
      topic: null,
      department: null,
      trainedOn: 0,
      minimum: 20,
    });

    const entries = Object.entries(CORPUS).flatMap(([key, texts]) => texts.map((text) => ({ key, text })));
    for (const { key, text } of entries.slice(0, 15)) await confirm(staff, text, ids[key]?.topic ?? '');
    expect(await suggestions(staff, fresh)).toMatchObject({ topic: null, trainedOn: 15 });
    // The cached model is retrained as soon as more requests are confirmed.
    for (const { key, text } of entries.slice(15)) await confirm(staff, text, ids[key]?.topic ?? '');

    const cases = [
      ['Прошу согласовать проект ремонта фасада памятника', 'works'],
      ['Дом-памятник разрушается, обвалился балкон, примите меры', 'damage'],
      ['Дайте выписку из реестра на дом, нужна для сделки', 'register'],
    ] as const;
    for (const [text, key] of cases) {
      const result = await suggestions(staff, await submit(staff, text));
      expect(result.trainedOn).toBe(27);
      expect(result.topic).toMatchObject({ id: ids[key]?.topic, name: `Тема ${key}` });
      expect(result.topic.confidence).toBeGreaterThanOrEqual(0.5);
      expect(result.department).toMatchObject({ id: ids[key]?.department, name: `Отдел ${key}` });
    }
  });

  it('stops suggesting an archived topic and learns only from active ones', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const ids = await setUp(staff);
    for (const [key, texts] of Object.entries(CORPUS)) {
      for (const text of texts) await confirm(staff, text, ids[key]?.topic ?? '');
    }
    const id = await submit(staff, 'Разрушается памятник, сыпется кирпич, примите меры');
    expect((await suggestions(staff, id)).topic?.id).toBe(ids.damage?.topic);
    await staff.request({
      method: 'PATCH',
      url: `/api/staff/topics/${ids.damage?.topic}`,
      payload: { archived: true },
    });
    const after = await suggestions(staff, id);
    expect(after.trainedOn).toBe(18);
    expect(after.topic?.id ?? null).not.toBe(ids.damage?.topic);
  });
});
