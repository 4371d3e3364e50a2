// The HTML document around a server-rendered portal page: <html> attributes for the version for
// the visually impaired, the page's title, description, Open Graph and Twitter tags, and the
// stylesheets of the portal build. No scripts: reading pages need none.
import { type AccessibilitySettings, settingsAttributes } from '../../common/accessibility.js';
import { escapeHtml } from '../modules/kb/sanitize.js';
import type { PortalPageMeta } from './portal-pages.js';

/** The stylesheets and icon the built portal page links (Vite names them by content hash). */
export function portalHeadLinks(builtPortalPage: string | null): string {
  if (!builtPortalPage) return '';
  const links = builtPortalPage.match(/<link\b[^>]*\brel="(?:stylesheet|icon)"[^>]*>/g) ?? [];
  return links.join('\n');
}

const attribute = (name: string, value: string) => ` ${name}="${escapeHtml(value)}"`;

/** <html …> attributes of a portal page; also applied to the script-rendered pages. */
export function htmlAttributes(accessibility: AccessibilitySettings): string {
  return Object.entries(settingsAttributes(accessibility))
    .map(([name, value]) => attribute(name, value))
    .join('');
}

export function portalDocument(input: {
  body: string;
  meta: PortalPageMeta;
  /** Absolute address of the page, for og:url and the canonical link. */
  url: string;
  headLinks: string;
  accessibility: AccessibilitySettings;
}): string {
  const { meta } = input;
  const description = meta.description || meta.siteName;
  const tags = [
    `<meta name="description"${attribute('content', description)}>`,
    `<link rel="canonical"${attribute('href', input.url)}>`,
    `<meta property="og:type"${attribute('content', meta.type)}>`,
    `<meta property="og:title"${attribute('content', meta.title)}>`,
    `<meta property="og:description"${attribute('content', description)}>`,
    `<meta property="og:site_name"${attribute('content', meta.siteName)}>`,
    `<meta property="og:url"${attribute('content', input.url)}>`,
    '<meta property="og:locale" content="ru_RU">',
    '<meta name="twitter:card" content="summary">',
    `<meta name="twitter:title"${attribute('content', meta.title)}>`,
    `<meta name="twitter:description"${attribute('content', description)}>`,
  ];
  return `<!doctype html>
<html lang="ru" data-mantine-color-scheme="light"${htmlAttributes(input.accessibility)}>
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="color-scheme" content="light">
<title>${escapeHtml(meta.title)}</title>
${tags.join('\n')}
${input.headLinks}
</head>
<body>
<div id="root">${input.body}</div>
</body>
</html>
`;
}
