import { describe, expect, it } from 'vitest';
import { okRestMissing, okSignature } from './rest.js';

describe('OK REST signature', () => {
  it('is md5 of the sorted name=value pairs (no access_token) and md5(access_token + secret key)', () => {
    const params = {
      method: 'mediatopic.post',
      gid: '5',
      type: 'GROUP_THEME',
      format: 'json',
      application_key: 'CBAFJIICABABABABA',
      attachment: '{"media":[{"type":"text","text":"Привет"}]}',
      access_token: 'tkn1.2ab',
    };
    // Worked out by hand from the formula (and python's hashlib):
    //   md5("tkn1.2ab" + "ABCDEF0123") = session secret;
    //   md5("application_key=CBAFJIICABABABABAattachment={…}format=jsongid=5method=mediatopic.posttype=GROUP_THEME" + it)
    expect(okSignature(params, 'tkn1.2ab', 'ABCDEF0123')).toBe('efa212001f4084f0f83579e79ce49833');
    expect(okSignature({ ...params, sig: 'old' }, 'tkn1.2ab', 'ABCDEF0123')).toBe(
      'efa212001f4084f0f83579e79ce49833',
    );
    expect(okSignature(params, 'tkn1.2ab', 'ABCDEF0124')).not.toBe('efa212001f4084f0f83579e79ce49833');
  });

  it('names the REST credential an account lacks', () => {
    const full = {
      settings: { groupId: '5', applicationKey: 'CBA' },
      secrets: { accessToken: 't', applicationSecretKey: 's' },
    };
    expect(okRestMissing(full)).toBeNull();
    expect(okRestMissing({ ...full, settings: { groupId: '5' } })).toContain('applicationKey');
    expect(okRestMissing({ ...full, secrets: { accessToken: 't' } })).toContain('applicationSecretKey');
  });
});
