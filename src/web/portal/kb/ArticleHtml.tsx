import { Typography } from '@mantine/core';

/**
 * A knowledge-base article body. The server sends only HTML it has sanitised on the way out
 * (text structure and http/mailto/tel links, see modules/kb/html.ts), so it is shown as is.
 */
export function ArticleHtml({ html }: { html: string }) {
  return (
    <Typography>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server on output */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}
