import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_DEFAULTS, checkFiles } from './attachments.js';

const file = (name: string, size = 1000) => ({ name, size });

describe('checkFiles (the browser-side mirror of the server limits)', () => {
  it('names the first file of a forbidden type, the size limit, an empty file and the count', () => {
    expect(checkFiles([file('скан.pdf'), file('скан.exe')])).toMatchObject({
      key: 'fileType',
      values: { name: 'скан.exe' },
    });
    expect(checkFiles([file('фото.JPG', ATTACHMENT_DEFAULTS.maxBytes + 1)])).toEqual({
      key: 'fileTooLarge',
      values: { name: 'фото.JPG', size: '10 МБ' },
    });
    expect(checkFiles([file('пусто.txt', 0)])).toMatchObject({ key: 'fileEmpty' });
    expect(checkFiles(Array.from({ length: 6 }, (_, i) => file(`${i}.pdf`)))).toEqual({
      key: 'tooManyFiles',
      values: { max: 5 },
    });
  });

  it('accepts any set within the limits', () => {
    const allowed = fc.record({
      name: fc
        .tuple(fc.string({ minLength: 1 }), fc.constantFrom('pdf', 'DOCX', 'png', 'txt'))
        .map(([n, e]) => `${n}.${e}`),
      size: fc.integer({ min: 1, max: ATTACHMENT_DEFAULTS.maxBytes }),
    });
    fc.assert(fc.property(fc.array(allowed, { maxLength: 5 }), (files) => checkFiles(files) === null));
  });
});
