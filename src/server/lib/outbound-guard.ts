import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** An address range (CIDR) as ipaddr.js parses it. */
export type AddressRange = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses `CHANNEL_PRIVATE_NETWORKS`: CIDR ranges or single addresses, comma-separated. */
export function parseNetworks(raw: string | undefined): AddressRange[] {
  return (raw ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      try {
        return part.includes('/') ? ipaddr.parseCIDR(part) : single(ipaddr.parse(part));
      } catch {
        throw new Error(`CHANNEL_PRIVATE_NETWORKS: "${part}" is not an IP address or a CIDR range`);
      }
    });
}

const single = (address: ipaddr.IPv4 | ipaddr.IPv6): AddressRange => [
  address,
  address.kind() === 'ipv4' ? 32 : 128,
];

function withinAny(address: ipaddr.IPv4 | ipaddr.IPv6, networks: readonly AddressRange[]): boolean {
  return networks.some(([base, bits]) => base.kind() === address.kind() && address.match(base, bits));
}

/** Everything but the public internet: loopback, private, link-local (cloud metadata), CGNAT … */
const isInternal = (address: ipaddr.IPv4 | ipaddr.IPv6) => address.range() !== 'unicast';

/** The host an endpoint setting names: a URL (http or https only) or a bare host name. */
function hostOf(endpoint: string): string | { refusal: string } {
  if (!endpoint.includes('://')) return endpoint.trim();
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return { refusal: 'Адрес записан неверно: ожидается ссылка вида https://…' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { refusal: 'Подходят только ссылки http:// и https://' };
  }
  return url.hostname.replace(/^\[|\]$/g, '');
}

/**
 * ASVS 5.2.6: an agency administrator sets where a channel connects (a Bot API root, an IMAP
 * server); without this check that could be the server's own Postgres, metrics or the cloud's
 * metadata address. Internal addresses pass only inside the ranges the server's operator allowed.
 * A name that does not resolve now passes: it reaches nothing, and each connection check
 * («Проверить подключение») runs this again.
 */
export async function internalEndpointRefusal(
  endpoint: string,
  allowed: readonly AddressRange[],
): Promise<string | null> {
  const host = hostOf(endpoint);
  if (typeof host !== 'string') return host.refusal;
  let addresses: string[];
  if (ipaddr.isValid(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch {
      return null;
    }
  }
  const blocked = addresses.find((text) => {
    // `process` turns an IPv4-mapped IPv6 address (::ffff:127.0.0.1) into the IPv4 one it is.
    const address = ipaddr.process(text);
    return isInternal(address) && !withinAny(address, allowed);
  });
  return blocked
    ? `Адрес ведёт во внутреннюю сеть (${blocked}). Такие адреса разрешает только администратор сервера (CHANNEL_PRIVATE_NETWORKS)`
    : null;
}
