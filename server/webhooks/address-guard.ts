import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** How a host name becomes addresses; tests swap it to play DNS rebinding. */
export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** Ranges allowed only with ANDON_WEBHOOK_ALLOW_PRIVATE=true: a chat server on the same network or machine. */
const PRIVATE_RANGES = new Set(['private', 'uniqueLocal', 'loopback', 'carrierGradeNat']);

export class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
}

/** A URL that passed the guard, and the one address to connect to (pinned, so DNS cannot change it in between). */
export interface VettedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

/**
 * Why an address may not be contacted, or null when it may. Everything but plain unicast is refused
 * (IPv4-mapped IPv6 is judged as the IPv4 it carries); link-local, which holds cloud metadata
 * services (169.254.169.254), stays refused even when private addresses are allowed.
 */
export function refusalOf(address: string, allowPrivate: boolean): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const range = ipaddr.process(address).range();
  if (range === 'unicast') return null;
  if (allowPrivate && PRIVATE_RANGES.has(range)) return null;
  return `${address} is a ${range} address`;
}

export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedAddressError('the URL is not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RefusedAddressError('only http and https URLs are allowed');
  if (url.username || url.password) throw new RefusedAddressError('the URL must not carry a user name or password');
  return url;
}

/**
 * Resolves the URL's host and checks every address it answers (one bad address refuses the lot:
 * a name that resolves to a public and a private address is an attack, not a chat server).
 */
export async function vetWebhookUrl(raw: string, allowPrivate: boolean, resolve: Resolver): Promise<VettedTarget> {
  const url = parseWebhookUrl(raw);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: Array<{ address: string; family: number }>;
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      throw new RefusedAddressError(`${host} does not resolve`, { cause: error });
    }
  }
  if (addresses.length === 0) throw new RefusedAddressError(`${host} does not resolve`);
  for (const { address } of addresses) {
    const refusal = refusalOf(address, allowPrivate);
    if (refusal) throw new RefusedAddressError(`${host} resolves to a refused address: ${refusal}`);
  }
  const chosen = ipaddr.process(addresses[0].address);
  return { url, address: chosen.toString(), family: chosen.kind() === 'ipv6' ? 6 : 4 };
}
