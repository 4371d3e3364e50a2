import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  ACCESSIBILITY_COOKIE,
  type AccessibilitySettings,
  serializeSettings,
  settingsFromCookie,
} from '../../common/accessibility.js';
import { rootDir } from '../config.js';
import type { Services } from '../services.js';
import { htmlAttributes, portalDocument, portalHeadLinks } from './portal-document.js';
import { portalPage } from './portal-pages.js';
import { loadPortalRenderer } from './portal-renderer.js';

const webDir = join(rootDir, 'dist', 'web');

/** Public pages are the same for every visitor: proxies and browsers may keep them a minute. */
const PAGE_MAX_AGE_S = 60;
/**
 * The server itself keeps a rendered page this long (a micro-cache: rendering costs tens of
 * milliseconds, a busy home page is asked for many times a second). A new publication shows up
 * within these seconds. Bounded, so endless distinct search addresses cannot fill the memory.
 */
const PAGE_CACHE_TTL_MS = 5_000;
const PAGE_CACHE_MAX = 1_000;

interface RenderedPage {
  status: number;
  html: string;
  etag: string;
  expires: number;
}

function readPage(app: 'console' | 'portal'): string | null {
  const file = join(webDir, app, 'index.html');
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/** CSP hashes of the inline scripts the pages carry. */
export function inlineScriptHashes(...pages: (string | null)[]): string[] {
  const hashes: string[] = [];
  for (const page of pages) {
    for (const match of page?.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g) ?? []) {
      hashes.push(
        `'sha256-${createHash('sha256')
          .update(match[1] ?? '')
          .digest('base64')}'`,
      );
    }
  }
  return hashes;
}

export function webPages() {
  return { console: readPage('console'), portal: readPage('portal') };
}

/**
 * Serves the built console at /console/ and the portal at / and /<agency-slug>/…. The portal's
 * reading pages (home, sections, publications, search, FAQ, contacts, site map) are rendered to
 * HTML here and need no script; its pages with forms are the single-page app. An unknown agency
 * or page is answered with 404 and a page that explains it in Russian.
 */
export async function registerWeb(
  app: FastifyInstance,
  services: Services,
  pages: ReturnType<typeof webPages>,
) {
  if (existsSync(join(webDir, 'assets'))) {
    await app.register(fastifyStatic, {
      root: join(webDir, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
    });
  }
  const missingBuild = 'Веб-интерфейс не собран: выполните npm run build';
  // Loaded on the first page, not at start-up: React and the portal's components are a large import.
  let renderer: ReturnType<typeof loadPortalRenderer> | undefined;
  const headLinks = portalHeadLinks(pages.portal);
  const { publicRatePerMinute, publicUrl } = services.config;
  const pageLimit = app.rateLimit({ max: publicRatePerMinute, timeWindow: '1 minute' });
  // Search runs a full-text query per request, as the API's search does: a tighter limit.
  const searchLimit = app.rateLimit({
    max: Math.max(1, Math.floor(publicRatePerMinute / 5)),
    timeWindow: '1 minute',
  });

  const cache = new Map<string, RenderedPage>();

  async function freshPage(url: string, accessibility: AccessibilitySettings): Promise<RenderedPage | null> {
    const key = `${serializeSettings(accessibility)} ${url}`;
    const now = Date.now();
    const cached = cache.get(key);
    if (cached && cached.expires > now) return cached;
    renderer ??= loadPortalRenderer();
    const render = await renderer;
    if (!render) return null;
    const page = await portalPage(services, url);
    if (!page) return null;
    const html = portalDocument({
      body: render({ ...page.render, accessibility }).body,
      meta: page.meta,
      url: publicUrl + url,
      headLinks,
      accessibility,
    });
    const etag = `W/"${createHash('sha1').update(html).digest('base64url')}"`;
    const rendered = { status: page.status, html, etag, expires: now + PAGE_CACHE_TTL_MS };
    cache.delete(key);
    if (cache.size >= PAGE_CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(key, rendered);
    return rendered;
  }

  async function renderedPage(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const cookie = request.cookies[ACCESSIBILITY_COOKIE];
    const page = await freshPage(request.url, settingsFromCookie(cookie));
    if (!page) return false;
    const { html, etag } = page;
    // The page differs only by the visitor's display settings (a cookie), never by who they are.
    reply
      .header('vary', 'Cookie')
      .header('cache-control', `${cookie ? 'private' : 'public'}, max-age=${PAGE_MAX_AGE_S}`)
      .header('etag', etag);
    if (page.status === 200 && request.headers['if-none-match'] === etag) {
      await reply.status(304).send();
      return true;
    }
    await reply.status(page.status).type('text/html; charset=utf-8').send(html);
    return true;
  }

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    // A missing asset (an old hashed file name) must not be answered with an HTML page.
    if (
      path.startsWith('/api/') ||
      path === '/api' ||
      path.startsWith('/assets/') ||
      request.method !== 'GET'
    ) {
      return reply.status(404).send({ error: 'not_found', message: 'Адрес не найден' });
    }
    const isConsole = path === '/console' || path.startsWith('/console/');
    if (!isConsole) {
      await (/^\/[^/]+\/search\/?$/.test(path) ? searchLimit : pageLimit).call(app, request, reply);
    }
    if (!isConsole && (await renderedPage(request, reply))) return reply;
    const html = isConsole ? pages.console : pages.portal;
    if (!html) return reply.status(503).type('text/plain; charset=utf-8').send(missingBuild);
    const slug = path.split('/')[1] ?? '';
    const known =
      slug === '' || slug === 'console' || (await services.agencies.findBySlug(slug)) !== undefined;
    const attributes = htmlAttributes(settingsFromCookie(request.cookies[ACCESSIBILITY_COOKIE]));
    return reply
      .status(known ? 200 : 404)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html.replace('<html lang="ru">', `<html lang="ru"${attributes}>`));
  });
}
