// The contract between the server and the portal's server-side renderer (src/web/portal/ssr),
// which the server loads from the Vite SSR build (or from source under vitest).
import type { AccessibilitySettings } from './accessibility.js';

export interface PortalRenderInput {
  /** Path and query of the page, e.g. `/minsoc/search?q=пособие`. */
  url: string;
  /** Data the page's queries would fetch, under the same keys, so the render needs no requests. */
  queries: { key: readonly unknown[]; data: unknown }[];
  accessibility: AccessibilitySettings;
  /** `page`: the agency's page `url` names; the others render that error page inside the site. */
  view: 'page' | 'pageNotFound' | 'agencyNotFound';
}

export interface PortalRenderOutput {
  /** The markup of <body>'s root element. */
  body: string;
}

export type RenderPortalPage = (input: PortalRenderInput) => PortalRenderOutput;
