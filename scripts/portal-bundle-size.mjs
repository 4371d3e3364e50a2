// Part of `npm run build`: the JavaScript the portal's home page loads, gzip, against the
// 100 KB budget (issue 10, benchmarks). The home page is rendered by the built server code the
// product uses, and every script and module preload it references is counted; the build fails
// over budget. The script page that forms use is printed alongside, for reference.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT_KB = 100;
const root = new URL('..', import.meta.url).pathname;
const web = join(root, 'dist', 'web');

const { portalDocument, portalHeadLinks } = await import(join(root, 'dist/server/http/portal-document.js'));
const { renderPortalPage } = await import(join(root, 'dist/ssr/portal-render.js'));
const { DEFAULT_SETTINGS } = await import(join(root, 'dist/common/accessibility.js'));

const hours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, null]));
const agency = {
  slug: 'size',
  name: 'Ведомство',
  shortName: 'Ведомство',
  timezone: 'Europe/Moscow',
  workingHours: { days: hours, breaks: [] },
  touchpoints: [],
  departments: [],
};
const builtPortalPage = readFileSync(join(web, 'portal', 'index.html'), 'utf8');
const home = portalDocument({
  body: renderPortalPage({
    url: '/size/',
    view: 'page',
    accessibility: DEFAULT_SETTINGS,
    queries: [
      { key: ['public', 'agency', 'size'], data: agency },
      { key: ['public', 'site', 'size', 'menu'], data: [] },
    ],
  }).body,
  meta: { title: agency.name, description: agency.name, type: 'website', siteName: agency.shortName },
  url: 'http://localhost/size/',
  headLinks: portalHeadLinks(builtPortalPage),
  accessibility: DEFAULT_SETTINGS,
});

/** Every script a page loads: <script src> and <link rel="modulepreload">. */
function scriptsOf(html) {
  const sources = [
    ...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ].map((match) => match[1]);
  return [...new Set(sources)].map((src) => ({
    src,
    gzip: gzipSync(readFileSync(join(web, src.replace(/^\//, '')))).length,
  }));
}

const kb = (bytes) => (bytes / 1024).toFixed(1);
const report = (name, scripts) => {
  const total = scripts.reduce((sum, script) => sum + script.gzip, 0);
  console.log(`${name}: ${scripts.length} script(s), ${kb(total)} KB gzip`);
  for (const script of scripts) console.log(`  ${script.src}  ${kb(script.gzip)} KB`);
  return total;
};

const homeTotal = report('Portal home page JavaScript', scriptsOf(home));
report('Portal form pages (request, rating, subscription…) JavaScript', scriptsOf(builtPortalPage));
if (homeTotal > LIMIT_KB * 1024) {
  console.error(`The portal home page loads ${kb(homeTotal)} KB of JavaScript (gzip), over ${LIMIT_KB} KB`);
  process.exit(1);
}
console.log(`Portal home page JavaScript within budget: ${kb(homeTotal)} KB ≤ ${LIMIT_KB} KB gzip`);
