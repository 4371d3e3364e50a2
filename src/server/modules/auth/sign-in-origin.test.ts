import { describe, expect, it } from 'vitest';
import { deviceOf, networkOf, originOf, sameOrigin } from './sign-in-origin.js';

const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const CHROME_WINDOWS_NEXT = CHROME_WINDOWS.replace('131.0.0.0', '142.0.0.0');
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

describe('sign-in origin', () => {
  it('names the browser family and system without versions', () => {
    expect(deviceOf(CHROME_WINDOWS)).toEqual({ browser: 'Chrome', os: 'Windows' });
    expect(deviceOf(CHROME_WINDOWS_NEXT)).toEqual(deviceOf(CHROME_WINDOWS));
    expect(deviceOf(FIREFOX_LINUX)).toEqual({ browser: 'Firefox', os: 'Linux' });
    expect(deviceOf(null)).toEqual({ browser: 'неизвестно', os: 'неизвестно' });
    expect(deviceOf('curl-like thing')).toEqual({ browser: 'неизвестно', os: 'неизвестно' });
  });

  it('groups IPv4 by /24 and IPv6 by /48, an IPv4-mapped address as its IPv4', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkOf('203.0.113.250')).toBe(networkOf('203.0.113.7'));
    expect(networkOf('203.0.114.7')).not.toBe(networkOf('203.0.113.7'));
    expect(networkOf('::ffff:203.0.113.9')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(networkOf('2001:DB8:ABCD:ffff:1:2:3:4')).toBe('2001:db8:abcd::/48');
    expect(networkOf('2001:db8:abce::1')).not.toBe(networkOf('2001:db8:abcd::1'));
    expect(networkOf('::1')).toBe('0:0:0::/48');
    expect(networkOf('fe80::1%eth0')).toBe('fe80:0:0::/48');
    expect(networkOf('64:ff9b::192.0.2.33')).toBe('64:ff9b:0::/48');
  });

  it('is the same origin only with the same browser, system and network', () => {
    const office = originOf('203.0.113.7', CHROME_WINDOWS);
    expect(sameOrigin(office, originOf('203.0.113.99', CHROME_WINDOWS_NEXT))).toBe(true);
    expect(sameOrigin(office, originOf('198.51.100.7', CHROME_WINDOWS))).toBe(false);
    expect(sameOrigin(office, originOf('203.0.113.7', FIREFOX_LINUX))).toBe(false);
  });
});
