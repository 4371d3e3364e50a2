import sanitizeHtml from 'sanitize-html';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ARTICLE_PATH = new RegExp(`^/console/kb/articles/(${UUID})$`, 'i');
const ARTICLE_HREF = new RegExp(`href="/console/kb/articles/(${UUID})"`, 'gi');

/**
 * An href we keep: web and mail links, and links to another article of the knowledge base.
 * Everything else (javascript:, data:, other relative paths, protocol-relative URLs) loses its
 * href, so the text stays and nothing runs or leaves the console unexpectedly.
 */
function keptHref(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href) || ARTICLE_PATH.test(href);
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'u',
    's',
    'ul',
    'ol',
    'li',
    'h2',
    'h3',
    'h4',
    'blockquote',
    'a',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'code',
    'pre',
  ],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Script and style contents are dropped, not shown as text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript'],
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href?.trim();
      const kept: sanitizeHtml.Attributes = href && keptHref(href) ? { href } : {};
      return { tagName, attribs: kept };
    },
  },
};

/** An article body as it may be stored and shown: only the allow-listed markup survives. */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

const PUBLIC_OPTIONS: sanitizeHtml.IOptions = {
  ...OPTIONS,
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href?.trim();
      const kept: sanitizeHtml.Attributes = href && /^(https?:\/\/|mailto:)/i.test(href) ? { href } : {};
      return { tagName, attribs: kept };
    },
  },
};

/**
 * A body as citizens get it on the portal: sanitised again on the way out (a row written around
 * the service must not reach a browser), and links into the staff console lose their href.
 */
export function publicBody(html: string): string {
  return sanitizeHtml(html, PUBLIC_OPTIONS).trim();
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text put into HTML we build (an agency's name, a touchpoint's value). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const BLOCK_END = /<\/(p|li|h2|h3|h4|blockquote|tr|pre|th|td)>|<br\s*\/?>/gi;

/**
 * The words of a sanitised body, for search and for diffs. sanitize-html escapes only these four
 * characters in text, so undoing them gives back exactly the text that was written.
 */
export function plainText(sanitized: string): string {
  const stripped = sanitizeHtml(
    sanitized.replace(BLOCK_END, (end) => `${end}\n`),
    {
      allowedTags: [],
      allowedAttributes: {},
    },
  );
  return stripped
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The ids of the articles a sanitised body links to, each once. */
export function linkedArticleIds(sanitized: string): string[] {
  return [...new Set([...sanitized.matchAll(ARTICLE_HREF)].map((match) => (match[1] ?? '').toLowerCase()))];
}
