// Portal benchmark (issue 10): requests per second for the server-rendered home page of an agency
// site and for a search page over BENCH_PUBLICATIONS (default 100 000) publications, next to a
// static file (the portal's stylesheet) served by the same server in the same run. Publications
// (and one public FAQ answer per hundred of them, which the search covers too) are made by
// generate_series from Russian phrases an agency publishes (news, reports, acts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { concurrency } from '../lib/pool.mjs';
import { root, startBenchServer } from '../lib/server.mjs';

const publications = Number(process.env.BENCH_PUBLICATIONS ?? 100_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const SLUG = 'giookn-nso';

const TOPICS = `реставрации фасада|охранных обязательствах|выдаче разрешений на работы|зонах охраны памятников|историко-культурной экспертизе|приёме граждан|размещении вывесок|проверках объектов наследия|государственных услугах|кадровом резерве`;
const KINDS = `О|Новое о|Отчёт о|Разъяснение о|Изменения в порядке|План работы по|Итоги работы по`;
const BODY = `Инспекция сообщает о порядке и сроках. Заявление подаётся собственником или пользователем объекта культурного наследия. Срок рассмотрения составляет тридцать календарных дней со дня регистрации.`;

const stylesheet = readFileSync(join(root, 'dist/web/portal/index.html'), 'utf8').match(
  /<link rel="stylesheet"[^>]*href="([^"]+)"/,
)?.[1];
if (!stylesheet) throw new Error('Build first: npm run build (no stylesheet in dist/web/portal/index.html)');

const server = await startBenchServer();
const db = new pg.Pool({ connectionString: server.databaseUrl, max: 2 });
try {
  // The site's sections are made on first use.
  await fetch(`${server.origin}/api/public/${SLUG}/site/menu`);
  const started = performance.now();
  await db.query(
    `insert into site_publications (agency_id, section_id, slug, title, summary, body, status, publish_at, search_text, review_due_on)
     select a.id, s.id, 'p-' || n,
            (string_to_array($2, '|'))[1 + n % 7] || ' ' || (string_to_array($3, '|'))[1 + (n / 7) % 10] || ', № ' || n,
            'Сообщение № ' || n, '<p>' || $4 || '</p>', 'published',
            now() - make_interval(mins => n), $4 || ' Выпуск ' || n, current_date + 90
       from agencies a
       join site_sections s on s.agency_id = a.id and s.slug = 'news'
       cross join generate_series(1, $1) as n
      where a.slug = $5`,
    [publications, KINDS, TOPICS, BODY, SLUG],
  );
  // Public FAQ answers of the same agency, one per hundred publications: the search covers them too.
  await db.query(
    `insert into kb_articles (agency_id, section_id, kind, title, body, search_text, visibility)
     select a.id, (select id from kb_sections where agency_id = a.id order by position limit 1), 'faq',
            'Как узнать о ' || (string_to_array($2, '|'))[1 + n % 10] || '? (' || n || ')',
            '<p>' || $3 || '</p>', $3, 'public'
       from agencies a
       cross join generate_series(1, greatest(1, $1 / 100)) as n
      where a.slug = $4`,
    [publications, TOPICS, BODY, SLUG],
  );
  await db.query('analyze site_publications');
  await db.query('analyze kb_articles');
  console.log(
    `${publications} publications and ${Math.max(1, Math.floor(publications / 100))} public FAQ answers made in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  // A path, or a function of the request number: a different address each time misses the
  // server's 5-second page cache, so those rows measure rendering and searching every time.
  const restoration = encodeURIComponent('реставрация фасада');
  const expertise = encodeURIComponent('экспертиза');
  const targets = [
    ['static file (portal stylesheet)', stylesheet],
    ['home page (page cache)', `/${SLUG}/`],
    ['home page, rendered every time', (i) => `/${SLUG}/?n=${i}`],
    ['search page «реставрация фасада» (page cache)', `/${SLUG}/search?q=${restoration}`],
    [
      'search page «реставрация фасада», each page 1…1000',
      (i) => `/${SLUG}/search?q=${restoration}&page=${1 + (i % 1000)}`,
    ],
    [
      'search page «экспертиза» by date, each page 1…1000',
      (i) => `/${SLUG}/search?q=${expertise}&sort=date&page=${1 + (i % 1000)}`,
    ],
    [
      'search API «реставрация фасада», each page (JSON)',
      (i) => `/api/public/${SLUG}/search?q=${restoration}&page=${1 + (i % 1000)}`,
    ],
  ];
  const addressOf = (target, i) => (typeof target === 'function' ? target(i) : target);
  const check = async (path) => {
    const response = await fetch(server.origin + path);
    const body = await response.text();
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
    return body;
  };
  const summary = (await check(addressOf(targets[3][1], 0))).match(
    /data-testid="search-summary"[^>]*>([^<]+)</,
  )?.[1];
  console.log(`search page says: ${summary}`);

  const rates = [];
  for (const [name, path] of targets) {
    await check(addressOf(path, 0)); // warm-up: the renderer's first import, plans and caches
    const deadline = performance.now() + seconds * 1000;
    let count = 0;
    const cpu = server.cpuSeconds();
    const began = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          await check(addressOf(path, count++));
        }
      }),
    );
    const perSecond = (count / (performance.now() - began)) * 1000;
    const cpuMs = ((server.cpuSeconds() - cpu) / count) * 1000;
    rates.push([name, perSecond, cpuMs]);
  }
  const base = rates[0][1];
  console.log(`\nconcurrency ${concurrency}, ${seconds} s each, Postgres, one server process`);
  for (const [name, perSecond, cpuMs] of rates) {
    console.log(
      `${name.padEnd(48)} ${perSecond.toFixed(0).padStart(6)} req/s  ${(perSecond / base).toFixed(3)} × static  server CPU ${cpuMs.toFixed(2)} ms/req`,
    );
  }
} finally {
  await db.end();
  await server.stop();
}
