import { cleanText } from '../channels/email-mime.js';
import { plainText } from '../kb/sanitize.js';

/**
 * An image's text alternative as it is stored: markup pasted from elsewhere is dropped (a screen
 * reader would read the tags aloud), and line breaks and runs of spaces become single spaces,
 * since `alt` is read as one phrase. Empty means none: the portal falls back to the file name.
 */
export function plainAltText(raw: string): string | null {
  const text = plainText(cleanText(raw)).replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}
