import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { SunkMail } from './smtp-sink.js';

/** Every message the local SMTP sink has received so far, oldest first. */
export function sunkMail(): SunkMail[] {
  const dir = inject('mailDir');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as SunkMail);
}

/** Polls the sink until a message matches, or fails after `timeoutMs` listing what did arrive. */
export async function waitForMail(match: (mail: SunkMail) => boolean, timeoutMs = 15_000): Promise<SunkMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = sunkMail().find(match);
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = sunkMail().map((mail) => `${mail.to.join(',')}: ${mail.subject}`);
      throw new Error(`no matching e-mail in ${timeoutMs} ms; received:\n${seen.join('\n') || '(none)'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
