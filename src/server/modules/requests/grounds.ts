import { readFileSync } from 'node:fs';

export interface LegalGround {
  code: string;
  title: string;
  citation: string;
  effect: string;
  text: string;
  unverified?: boolean;
}

export interface LegalGrounds {
  sources: Record<string, string>;
  /** 59-ФЗ ст. 11: when an appeal is left without an answer (or returned). */
  appeal: LegalGround[];
  /** 8-ФЗ: when information is not provided. */
  info_request: LegalGround[];
}

export function loadLegalGrounds(file: string): LegalGrounds {
  const data = JSON.parse(readFileSync(file, 'utf8')) as LegalGrounds;
  for (const list of ['appeal', 'info_request'] as const) {
    const grounds = data[list];
    if (!Array.isArray(grounds) || grounds.length === 0)
      throw new Error(`${file}: "${list}" must be a non-empty list`);
    const codes = new Set<string>();
    for (const ground of grounds) {
      for (const field of ['code', 'title', 'citation', 'text'] as const) {
        if (typeof ground[field] !== 'string' || !ground[field]) {
          throw new Error(`${file}: ${list} ground ${ground.code ?? '?'} has no ${field}`);
        }
      }
      if (codes.has(ground.code)) throw new Error(`${file}: duplicate ground ${ground.code} in ${list}`);
      codes.add(ground.code);
    }
  }
  return data;
}
