import { isIPv4, isIPv6 } from 'node:net';
import Bowser from 'bowser';

/** Where a sign-in came from, as the new-device notice compares it. */
export interface SignInOrigin {
  /** Browser family and operating system without versions: an update is not a new device. */
  browser: string;
  os: string;
  /** The IPv4 /24 or IPv6 /48 the address belongs to: a new lease at the same office is not new. */
  network: string;
}

const UNKNOWN = 'неизвестно';

export function deviceOf(userAgent: string | null): { browser: string; os: string } {
  if (!userAgent?.trim()) return { browser: UNKNOWN, os: UNKNOWN };
  const parser = Bowser.getParser(userAgent);
  return { browser: parser.getBrowserName() || UNKNOWN, os: parser.getOSName() || UNKNOWN };
}

/** The eight 16-bit groups of an IPv6 address, a dotted IPv4 tail counted as two. */
function ipv6Groups(address: string): number[] {
  const dotted = address.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  let text = address;
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = (dotted[2] ?? '').split('.').map(Number);
    text = `${dotted[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part ? part.split(':').map((group) => Number.parseInt(group, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

export function networkOf(ip: string): string {
  const address = ip.replace(/%.*$/, '').toLowerCase();
  if (isIPv4(address)) return `${address.split('.').slice(0, 3).join('.')}.0/24`;
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  // An IPv4 client seen through a dual-stack socket (::ffff:a.b.c.d) is the IPv4 client.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return `${high >> 8}.${high & 0xff}.${low >> 8}.0/24`;
  }
  return `${groups
    .slice(0, 3)
    .map((g) => g.toString(16))
    .join(':')}::/48`;
}

export function originOf(ip: string, userAgent: string | null): SignInOrigin {
  return { ...deviceOf(userAgent), network: networkOf(ip) };
}

export const sameOrigin = (a: SignInOrigin, b: SignInOrigin) =>
  a.browser === b.browser && a.os === b.os && a.network === b.network;
