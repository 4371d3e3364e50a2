import { describe, expect, it } from 'vitest';
import { touchpointLinks } from './touchpointLinks';

describe('touchpointLinks', () => {
  it('links web addresses, e-mail and phone numbers', () => {
    expect(touchpointLinks({ kind: 'vk', value: 'https://vk.com/public215529825' })).toEqual([
      { text: 'vk.com/public215529825', href: 'https://vk.com/public215529825' },
    ]);
    expect(touchpointLinks({ kind: 'telegram', value: 't.me/giookn_NSO' })).toEqual([
      { text: 't.me/giookn_NSO', href: 'https://t.me/giookn_NSO' },
    ]);
    expect(touchpointLinks({ kind: 'email', value: 'giookn@nso.ru' })).toEqual([
      { text: 'giookn@nso.ru', href: 'mailto:giookn@nso.ru' },
    ]);
    expect(touchpointLinks({ kind: 'phone', value: '+7 (383) 228-63-58' })).toEqual([
      { text: '+7 (383) 228-63-58', href: 'tel:+73832286358' },
    ]);
    expect(touchpointLinks({ kind: 'ekc', value: '110' })).toEqual([{ text: '110', href: 'tel:110' }]);
  });

  it('splits several phone numbers and leaves addresses as text', () => {
    expect(touchpointLinks({ kind: 'consult_line', value: '8 (383) 238-60-36, 8 (383) 238-60-37' })).toEqual([
      { text: '8 (383) 238-60-36', href: 'tel:83832386036' },
      { text: '8 (383) 238-60-37', href: 'tel:83832386037' },
    ]);
    expect(touchpointLinks({ kind: 'reception', value: 'г. Новосибирск, ул. Мичурина, 6' })).toEqual([
      { text: 'г. Новосибирск, ул. Мичурина, 6', href: null },
    ]);
  });
});
