import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/*
 * Which network a request comes from, for the caps per address. Cookies are free, so caps per
 * browser alone stop accidents only; an address costs more to change. X-Forwarded-For is believed
 * only when the connection comes from a proxy the operator named (PLAYGROUND_TRUSTED_PROXY): anyone
 * else could write any address there and escape every cap.
 */

/** `::ffff:1.2.3.4` (an IPv4 client on a dual-stack socket) is 1.2.3.4. */
export function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

/** An X-Forwarded-For entry as an address, or undefined: `1.2.3.4:5678` and `[::1]:80` lose their ports. */
function entryAddress(entry: string): string | undefined {
  let text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1]) text = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(text)) text = text.replace(/:\d+$/, '');
  return isIP(text) ? plain(text) : undefined;
}

/** The eight groups of an IPv6 address, each as written (possibly empty for `::`). */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  if (tail === undefined) return left;
  const right = tail === '' ? [] : tail.split(':');
  return [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
}

/**
 * The key the caps count by: an IPv4 address as is; an IPv6 address by its /64 network, since one
 * home or phone is routinely given a whole /64 and could otherwise use a new address per request.
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = ipv6Groups(address.toLowerCase().replace(/%.*$/, ''));
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

/**
 * The client's address key: the socket's peer, or, when the peer is a trusted proxy, the rightmost
 * X-Forwarded-For entry that is not itself a trusted proxy (proxies append, so entries further left
 * were written by the client and prove nothing).
 */
export function clientAddress(req: IncomingMessage, trustedProxies: ReadonlySet<string>): string {
  const peer = plain(req.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.has(peer)) return addressKey(peer);
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const address = entryAddress(entries[i] ?? '');
    // A malformed entry ends the walk: what lies left of it cannot be trusted either.
    if (address === undefined) break;
    if (!trustedProxies.has(address)) return addressKey(address);
  }
  return addressKey(peer);
}
