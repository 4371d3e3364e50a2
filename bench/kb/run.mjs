// Knowledge-base search benchmark: p95 of `/api/staff/kb/search` through HTTP over BENCH_ARTICLES
// (default 50 000) articles in one agency, next to the p95 of a plain ILIKE '%word%' scan of the
// same rows in the same run. Articles are made by generate_series from Russian phrases of the
// kinds an agency keeps (FAQ, templates, legal acts, services, reception, contacts).
import pg from 'pg';
import { startBenchServer } from '../lib/server.mjs';

const articles = Number(process.env.BENCH_ARTICLES ?? 50_000);
const runs = Number(process.env.BENCH_RUNS ?? 40);
// A query stops sampling after this many seconds (and at least 5 runs): the ILIKE scan takes
// seconds a run on a loaded machine, and the whole benchmark must end in minutes.
const budgetSeconds = Number(process.env.BENCH_SECONDS_PER_QUERY ?? 20);
const SLUG = 'giookn-nso';

// Each query with the substrings a naive search would look for (every one must occur).
const QUERIES = [
  ['земельного участка', ['земельн', 'участ']],
  ['реставрация фасада', ['реставрац', 'фасад']],
  ['охранное обязательство', ['охранн', 'обязательств']],
  ['выписка из реестра', ['выписк', 'реестр']],
  ['приём граждан', ['приём', 'граждан']],
  ['срок рассмотрения обращения', ['срок', 'рассмотрен', 'обращен']],
  ['вывеска', ['вывеск']],
  ['земелный учасок (typo)', ['земелн', 'учасок']],
];

const ACTIONS = `Предоставление|Согласование|Порядок оформления|Перечень документов для|Сроки рассмотрения заявления о|Отказ в выдаче|Продление|Выдача|Разъяснение по вопросу|Ответ на обращение о`;
const OBJECTS = `земельного участка|разрешения на проведение работ|охранного обязательства|задания на реставрацию|акта историко-культурной экспертизы|выписки из реестра объектов наследия|паспорта объекта культурного наследия|размещения вывески на фасаде|проекта зон охраны|ремонта кровли памятника|установки рекламной конструкции|приёма граждан по личным вопросам`;
const WHOM = `гражданам|юридическим лицам|собственникам объектов|пользователям объектов|в электронном виде|через портал госуслуг|на личном приёме|по почте`;
const SENTENCES = `Заявление подаётся собственником или пользователем объекта культурного наследия.
Срок рассмотрения заявления составляет тридцать календарных дней со дня регистрации.
К заявлению прилагаются копия паспорта, правоустанавливающие документы и проектная документация.
Работы по сохранению объекта проводятся только при наличии задания и разрешения инспекции.
Реставрация фасада согласовывается до начала работ, в том числе замена окон и дверей.
Вывеска размещается в границах первого этажа без повреждения декоративных элементов.
Охранное обязательство оформляется на каждый объект и передаётся собственнику под подпись.
Выписка из единого государственного реестра выдаётся в течение пяти рабочих дней.
Приём граждан ведётся по предварительной записи по телефону или через сайт.
Ответ направляется по адресу, указанному в обращении, или в личный кабинет.
Предоставление земельного участка в границах территории памятника требует согласования.
Историко-культурная экспертиза проводится аттестованным экспертом за счёт заказчика.
При нарушении сроков заявитель вправе обжаловать решение в досудебном порядке.
Консультацию можно получить на линии консультаций в рабочее время.
Отказ в выдаче разрешения должен содержать основание и разъяснение порядка обжалования.
Проект зон охраны утверждается после государственной историко-культурной экспертизы.`;

const server = await startBenchServer();
const db = new pg.Pool({ connectionString: server.databaseUrl, max: 4 });

const p95 = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
};

async function timed(times, fn) {
  await fn(); // warm-up: plans and caches, not measured
  const samples = [];
  const stopAt = performance.now() + budgetSeconds * 1000;
  for (let i = 0; i < times && (i < 5 || performance.now() < stopAt); i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return { p95: p95(samples), runs: samples.length };
}

const list = (text) => text.split(/[|\n]/).map((s) => s.trim());

async function generate(agencyId) {
  const started = performance.now();
  await db.query(
    `insert into departments (agency_id, name)
     select $1, 'Отдел ' || n from unnest(array['государственного надзора','учёта объектов','экспертизы','правовой работы']) n`,
    [agencyId],
  );
  await db.query(
    `insert into kb_sections (agency_id, title, department_id, review_due_on, position)
     select $1, 'Раздел ' || g, (select id from departments where agency_id = $1 order by name offset g % 5 limit 1),
       current_date + 60, g
     from generate_series(1, 24) g`,
    [agencyId],
  );
  const kinds = [
    'faq',
    'template',
    'legal_acts',
    'services',
    'solved_example',
    'reception',
    'contacts',
    'call_script',
  ];
  await db.query(
    `with s as (select array_agg(id order by position) ids from kb_sections where agency_id = $1)
     insert into kb_articles (agency_id, section_id, kind, title, body, search_text, active, updated_at)
     select $1, s.ids[1 + g % 24], ($2::text[])[1 + g % 8],
       t.title || ' № ' || g, '<p>' || t.body || '</p>', t.body, g % 20 <> 0,
       now() - (g % 700) * interval '1 day'
     from generate_series(1, $7::int) g, s,
     lateral (select
       ($3::text[])[1 + g % array_length($3::text[], 1)] || ' ' ||
       ($4::text[])[1 + (g / 10) % array_length($4::text[], 1)] || ' ' ||
       ($5::text[])[1 + (g / 120) % array_length($5::text[], 1)] as title,
       (select string_agg(($6::text[])[1 + (g * k + k * k) % array_length($6::text[], 1)], ' ')
          from generate_series(1, 4 + g % 5) k) as body) t`,
    [agencyId, kinds, list(ACTIONS), list(OBJECTS), list(WHOM), list(SENTENCES), articles],
  );
  await db.query('analyze kb_articles');
  return (performance.now() - started) / 1000;
}

try {
  const { rows: ids } = await db.query('select id from agencies where slug = $1', [SLUG]);
  const agency = ids[0].id;
  const seconds = await generate(agency);

  const login = await fetch(`${server.origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@otklik.local', password: 'bench administrator pass' }),
  });
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await login.json();
  await fetch(`${server.origin}/api/auth/agency`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ slug: SLUG }),
  });
  const http = (q) => async () => {
    const response = await fetch(`${server.origin}/api/staff/kb/search?q=${encodeURIComponent(q)}&limit=20`, {
      headers: { cookie },
    });
    if (response.status !== 200) throw new Error(`${q}: HTTP ${response.status}`);
    return response.json();
  };
  // The naive search: every substring somewhere in the title or the text, newest first, with the
  // count, in one pass over the rows.
  const ilike = (parts) => async () => {
    const patterns = parts.map((part) => `%${part}%`);
    await db.query(
      `select id, title, count(*) over () as total from kb_articles
       where agency_id = $1 and active and title || ' ' || search_text ilike all($2)
       order by updated_at desc limit 20`,
      [agency, patterns],
    );
  };

  console.log(
    `\nknowledge base on Postgres: ${articles.toLocaleString('en')} articles in one agency (made in ${seconds.toFixed(0)} s), p95 of up to ${runs} runs (${budgetSeconds} s a query)`,
  );
  console.log('query                            found   search p95 (runs)   ILIKE p95 (runs)   search/ILIKE');
  const ratios = [];
  for (const [label, parts] of QUERIES) {
    const q = label.replace(/ \(.*\)$/, '');
    const { total } = await http(q)();
    const search = await timed(runs, http(q));
    const scan = await timed(runs, ilike(parts));
    ratios.push(search.p95 / scan.p95);
    console.log(
      `${label.padEnd(32)} ${String(total).padStart(6)} ${search.p95.toFixed(1).padStart(9)} ms (${String(search.runs).padStart(2)}) ${scan.p95.toFixed(1).padStart(9)} ms (${String(scan.runs).padStart(2)}) ${(search.p95 / scan.p95).toFixed(2).padStart(10)}×`,
    );
  }
  const geomean = Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length);
  console.log(`geometric mean of the ratios: ${geomean.toFixed(2)}×`);
} finally {
  await db.end();
  await server.stop();
}
