/**
 * Which client a request comes from, for the per-address throttles (wrong keys, admin sign-in).
 * By default that is the socket's peer: a forwarded header is text any client can write. Behind
 * a corporate proxy or load balancer every agent of a site shares that one peer, so one agent
 * hammering with a wrong key would lock the whole site out; naming the proxies (`trustedProxies`)
 * lets the service believe the header those proxies append, and only theirs.
 */
import { BlockList, isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import type { Env } from './app.js';

/**
 * The header the trusted proxies append the client to. Only one is read: a proxy appends to one
 * of them and passes the other through from the client untouched, so believing both would let a
 * client forge its address in the one the proxy does not write.
 */
export type ProxyHeader = 'x-forwarded-for' | 'forwarded';

export interface ProxyTrust {
  proxies: BlockList;
  header: ProxyHeader;
}

/**
 * The trusted proxies from addresses and CIDRs (`10.0.0.0/8`, `192.0.2.7`, `2001:db8::/32`);
 * undefined when there are none, which keeps the socket's peer. Throws on an entry that is neither.
 */
export function proxyTrust(entries: readonly string[], header: ProxyHeader = 'x-forwarded-for'): ProxyTrust | undefined {
  const proxies = new BlockList();
  let count = 0;
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address = '', prefixText, extra] = entry.split('/');
    const ip = normalized(address);
    const family = isIP(ip);
    const prefix = prefixText === undefined ? undefined : Number(prefixText);
    const maxPrefix = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (prefix !== undefined && !(/^\d{1,3}$/.test(prefixText!) && prefix <= maxPrefix))) {
      throw new Error(`Trusted proxy "${entry.slice(0, 60)}" is not an IP address or CIDR (such as 10.0.0.0/8).`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) proxies.addAddress(ip, type);
    else proxies.addSubnet(ip, prefix, type);
    count++;
  }
  return count ? { proxies, header } : undefined;
}

/** Sets the `client` variable once per request, so every throttle keys on the same address. */
export function clientAddressOf(trust: ProxyTrust | undefined): MiddlewareHandler<Env> {
  return async (c, next) => {
    c.set('client', clientAddress(socketPeer(c), trust && { ...trust, value: c.req.header(trust.header) }));
    await next();
  };
}

/**
 * The client: the socket's peer unless that is a trusted proxy; then, walking the proxies' hops
 * from the right (the nearest), the first one that is not itself a trusted proxy. A hop that is
 * not an address (garbage, `unknown`, an obfuscated name) ends the walk at the last address known
 * to be right, the proxy that handed it over, rather than believing anything further left.
 */
export function clientAddress(peer: string, trust: (ProxyTrust & { value: string | undefined }) | undefined): string {
  if (!trust || !trusted(trust.proxies, peer) || !trust.value) return peer;
  let client = peer;
  const hops = trust.value.split(',');
  for (let index = hops.length - 1; index >= 0; index--) {
    const hop = trust.header === 'forwarded' ? forwardedFor(hops[index]!) : hopAddress(hops[index]!);
    if (hop === undefined) return client;
    client = hop;
    if (!trusted(trust.proxies, hop)) return hop;
  }
  return client;
}

function socketPeer(c: Context<Env>): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const address = incoming?.socket?.remoteAddress;
  return address ? normalized(address) : 'unknown';
}

function trusted(proxies: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && proxies.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** An X-Forwarded-For hop: `192.0.2.1`, `192.0.2.1:5123`, `2001:db8::1` or `[2001:db8::1]:5123`. */
function hopAddress(text: string): string | undefined {
  let hop = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(hop);
  if (bracketed) hop = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(hop)) hop = hop.slice(0, hop.lastIndexOf(':'));
  const ip = normalized(hop);
  return isIP(ip) ? ip : undefined;
}

/** The `for=` of one Forwarded element (RFC 7239): `for=192.0.2.1;proto=https`, `for="[2001:db8::1]:80"`. */
function forwardedFor(element: string): string | undefined {
  for (const pair of element.split(';')) {
    const [name, ...rest] = pair.split('=');
    if (name?.trim().toLowerCase() !== 'for') continue;
    const value = rest.join('=').trim().replace(/^"(.*)"$/, '$1');
    return hopAddress(value);
  }
  return undefined;
}

/** `::ffff:10.1.2.3` (an IPv4 client on a dual-stack socket) as `10.1.2.3`, so one client has one bucket. */
function normalized(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).toLowerCase();
}
