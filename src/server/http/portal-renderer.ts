import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RenderPortalPage } from '../../common/portal-render.js';
import { rootDir } from '../config.js';

/**
 * The portal's server-side renderer: the Vite SSR build (dist/ssr) when this server is the built
 * one; when it runs from its TypeScript sources (under vitest, which compiles TSX itself), the
 * portal's sources too — so tests render what the sources say.
 * `null` when neither is there (the server then serves the script pages only).
 */
export async function loadPortalRenderer(): Promise<RenderPortalPage | null> {
  const source = join(rootDir, 'src', 'web', 'portal', 'ssr', 'render.tsx');
  const built = join(rootDir, 'dist', 'ssr', 'portal-render.js');
  const fromSources = import.meta.url.endsWith('.ts');
  const file = fromSources ? source : built;
  if (!existsSync(file)) return null;
  const module = (await import(pathToFileURL(file).href)) as { renderPortalPage: RenderPortalPage };
  return module.renderPortalPage;
}
