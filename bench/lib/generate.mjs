// Synthetic data for the benchmarks, made in the database by generate_series. Each generator
// takes `execute(text)` — a pg pool's query or drizzle's `db.execute(sql.raw(text))` — so the HTTP
// benchmarks (Postgres through the built server) and the in-process ones (PGlite or Postgres) share them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;

const uuid = (value) => {
  if (!/^[0-9a-f-]{36}$/i.test(value)) throw new Error(`not a uuid: ${value}`);
  return `'${value}'::uuid`;
};
const count = (value) => {
  if (!Number.isInteger(value) || value < 0) throw new Error(`not a row count: ${value}`);
  return value;
};

// Words of real requests, so the Russian full-text index has a realistic vocabulary.
const WORDS = `ремонт фасада объекта культурного наследия согласование проекта работ охранное обязательство
  экспертиза территория граница зона охраны памятник реставрация разрешение проверка предписание
  жалоба нарушение застройка вывеска реклама строительство крыша окна усадьба церковь мост`
  .split(/\s+/)
  .filter(Boolean);

// Sealing a million addresses one by one would measure the generator, not the app: the rows cycle
// through this many distinct sealed addresses, which the server opens like any other.
const SEALED_ADDRESSES = 1000;

/** A SQL array of `client<n>@bench.local` sealed by `seal` (the app's contact_email at rest). */
function sealedAddresses(seal) {
  const values = Array.from({ length: SEALED_ADDRESSES }, (_, i) => seal(`client${i + 1}@bench.local`));
  for (const value of values)
    if (!/^[\w:@.-]+$/.test(value)) throw new Error(`not safe in a SQL literal: ${value}`);
  return `array[${values.map((v) => `'${v}'`).join(',')}]`;
}

/**
 * `rows` requests in one agency received over the last ~333 days, with terms from 60 days ago to
 * 60 days ahead: five in eight answered or closed (every eleventh extended), the rest open;
 * spread over `departmentIds` when given. `seal` is the server's field sealing
 * (`startBenchServer().fieldCrypto.seal`): contact e-mails are stored as the app stores them.
 */
export async function generateRequests(execute, { agencyId, userId, rows, seal, departmentIds = [] }) {
  const words = `array[${WORDS.map((w) => `'${w}'`).join(',')}]`;
  const addresses = sealedAddresses(seal);
  const departments = departmentIds.length ? `array[${departmentIds.map(uuid).join(',')}]` : null;
  const started = performance.now();
  await execute(
    `insert into requests (agency_id, number, kind, channel, status, text, contact_name, contact_email,
       notify_by_email, tracking_code, received_at, registered_at, due_at, due_source, assignee_id,
       resolved_at, extended_at, department_id)
     select ${uuid(agencyId)}, 'B-' || g, kind, channel, status, text, 'Заявитель ' || g,
       (${addresses})[1 + g % ${SEALED_ADDRESSES}], false, 'BENCHCODE0', received, received,
       now() + ((g % 120) - 60) * interval '1 day', '59-ФЗ ст. 12 ч. 1',
       case when g % 50 = 0 then ${uuid(userId)} end,
       case when status in ('answered', 'closed') then received + (g % 35) * interval '1 day' end,
       case when g % 11 = 0 then received + interval '5 days' end,
       ${departments ? `(${departments})[1 + g % ${departmentIds.length}]` : 'null'}
     from (select g,
             (array['appeal','info_request','pos_message'])[1 + g % 3] as kind,
             (array['portal','email','post','pos'])[1 + g % 4] as channel,
             (array['registered','assigned','in_progress','answered','closed','closed','closed','closed'])[1 + g % 8] as status,
             'Прошу ' || (${words})[1 + g % ${WORDS.length}] || ' ' || (${words})[1 + (g / 7) % ${WORDS.length}] || ' ' ||
               (${words})[1 + (g / 49) % ${WORDS.length}] || ' по адресу ул. Ленина, ' || g % 300 as text,
             now() - (g % 1000) * interval '8 hours' as received
           from generate_series(1, ${count(rows)}) g) generated`,
  );
  await execute('analyze requests');
  return (performance.now() - started) / 1000;
}

/**
 * `answers` questionnaires of the seed-001 form over the last year, flattened into
 * survey_answer_values by the very backfill of migration 0023.
 */
export async function generateSurveyAnswers(execute, { agencyId, surveyId, versionId, answers }) {
  const started = performance.now();
  await execute(`
    insert into survey_responses (agency_id, survey_id, version_id, channel, answers, submitted_at)
    select ${uuid(agencyId)}, ${uuid(surveyId)}, ${uuid(versionId)},
      (array['link','qr','email','sms','phone','paper','site'])[1 + i % 7],
      jsonb_build_object(
        'municipality', jsonb_build_object('choice', (1 + (i * 7) % 35)::text),
        'satisfaction', jsonb_build_object('choice', case when i % 10 < 7 then '1' else '2' end),
        'sources', jsonb_build_object('site', (1 + i % 3)::text, 'telegram', (1 + (i / 3) % 3)::text,
                                      'vk', (1 + (i / 9) % 3)::text, 'ok', (1 + (i / 27) % 3)::text),
        'ease', jsonb_build_object('site', 1 + i % 5, 'telegram', 1 + (i / 5) % 5, 'vk', 1 + (i / 25) % 5, 'ok', 5)
      ) || case when i % 5 = 0 then jsonb_build_object('notFound',
             (array['Не нашёл график приёма граждан', 'Нет сведений о субсидиях фермерам',
                    'Не нашла телефон приёмной', 'Нет отчёта о работе за год'])[1 + i % 4]) else '{}'::jsonb end,
      now() - ((i % 365) || ' days')::interval
    from generate_series(1, ${count(answers)}) as i`);
  const migration = readFileSync(join(root, 'migrations', '0023_survey_answer_values.sql'), 'utf8');
  await execute(migration.slice(migration.indexOf('INSERT INTO')));
  // And the fill of migration 0026: the satisfied flag on every response and answer value.
  const satisfied = readFileSync(
    join(root, 'migrations', '0026_mailing_tracking_survey_satisfied.sql'),
    'utf8',
  );
  for (const statement of satisfied
    .slice(satisfied.indexOf('-- hand-written:'))
    .split('--> statement-breakpoint'))
    await execute(statement);
  await execute('analyze');
  return (performance.now() - started) / 1000;
}
