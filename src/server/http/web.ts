import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { rootDir } from '../config.js';
import type { Services } from '../services.js';

const webDir = join(rootDir, 'dist', 'web');

function readPage(app: 'console' | 'portal'): string | null {
  const file = join(webDir, app, 'index.html');
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/** CSP hashes of the inline scripts the pages carry (the portal's pre-paint accessibility script). */
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
 * Serves the built console at /console/ and the portal at / and /<agency-slug>/…, both single-page
 * apps. An unknown agency still gets the portal page (which explains it in Russian) but with 404.
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
    const html = path === '/console' || path.startsWith('/console/') ? pages.console : pages.portal;
    if (!html) return reply.status(503).type('text/plain; charset=utf-8').send(missingBuild);
    const slug = path.split('/')[1] ?? '';
    const known =
      slug === '' || slug === 'console' || (await services.agencies.findBySlug(slug)) !== undefined;
    return reply
      .status(known ? 200 : 404)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html);
  });
}
