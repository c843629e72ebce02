/**
 * Outgoing HTTP for ActivityPub (key fetches and deliveries), with the limits a public inbox
 * needs: a timeout, a response size cap, no redirects, and (in production) https only to public
 * addresses, checked on the addresses the connection actually uses (a custom `lookup`), so DNS
 * answers that change between check and connect cannot reach the intranet.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** What outgoing requests may reach. */
export interface FetchPolicy {
  /** Plain http:// URLs (development and tests only). */
  allowHttp: boolean;
  /** Loopback and private addresses (development and tests only). */
  allowPrivate: boolean;
  timeoutMs: number;
  maxBytes: number;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The policy for an instance whose own public URL is `publicUrl`. An instance published on a
 * loopback host (development, tests) may only talk to itself and its neighbours, so it may use
 * http and private addresses; every other instance — including one on a plain-http intranet —
 * fetches https URLs on public addresses only, so a remote actor cannot make the server probe
 * its own network.
 */
export function fetchPolicyFor(publicUrl: string): FetchPolicy {
  const local = LOOPBACK_HOSTS.has(new URL(publicUrl).hostname);
  return { allowHttp: local, allowPrivate: local, timeoutMs: 10_000, maxBytes: 1024 * 1024 };
}

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

/** True for loopback, private, link-local, shared, reserved, documentation and multicast addresses. */
export function isPrivateAddress(address: string): boolean {
  // IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is judged by its IPv4 address. (A `::ffff:0:0/96` rule
  // would not do: BlockList checks IPv4 addresses against IPv6 rules in their mapped form.)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]!);
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (mappedHex) {
    const hi = parseInt(mappedHex[1]!, 16);
    const lo = parseInt(mappedHex[2]!, 16);
    return isPrivateAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why a URL may not be fetched, or null when it may. */
export function refusedUrl(url: string, policy: FetchPolicy): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'https:' && !(policy.allowHttp && u.protocol === 'http:')) return `scheme ${u.protocol} refused`;
  if (u.username || u.password) return 'credentials in URL refused';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!policy.allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isPrivateAddress(host)))) return 'private address refused';
  return null;
}

function guardedLookup(policy: FetchPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      const ok = policy.allowPrivate ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
      if (ok.length === 0) return callback(Object.assign(new Error(`${hostname}: private address refused`), { code: 'EPRIVATE' }), '', 4);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, ok);
      const first = ok[0]!;
      return callback(null, first.address, first.family);
    });
  };
}

/** A response read within the limits. */
export interface FetchResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Raised for refused URLs, network errors, timeouts and oversized responses (all retryable except refusals). */
export class FetchError extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
  }
}

/** One request within `policy`; never follows redirects. */
export function safeRequest(url: string, o: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }, policy: FetchPolicy): Promise<FetchResult> {
  const refused = refusedUrl(url, policy);
  if (refused) return Promise.reject(new FetchError(`${refused}: ${url}`, true));
  const u = new URL(url);
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<FetchResult>((resolveOuter, rejectOuter) => {
    let timer: NodeJS.Timeout | undefined;
    const resolve = (r: FetchResult) => {
      clearTimeout(timer);
      resolveOuter(r);
    };
    const reject = (e: FetchError) => {
      clearTimeout(timer);
      rejectOuter(e);
    };
    // No connection pooling: requests are few, and an idle pooled socket would outlive its use.
    const req = send(
      u,
      { method: o.method, headers: { ...o.headers, ...(o.body !== undefined ? { 'content-length': String(Buffer.byteLength(o.body)) } : {}) }, lookup: guardedLookup(policy), timeout: policy.timeoutMs, agent: false },
      (res) => {
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > policy.maxBytes) {
          res.destroy();
          return reject(new FetchError(`response too large (${declared} bytes)`, false));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > policy.maxBytes) {
            res.destroy();
            reject(new FetchError(`response larger than ${policy.maxBytes} bytes`, false));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', (e) => reject(new FetchError(e.message, false)));
      },
    );
    timer = setTimeout(() => req.destroy(new Error(`timed out after ${policy.timeoutMs} ms`)), policy.timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`timed out after ${policy.timeoutMs} ms`)));
    req.on('error', (e: Error & { code?: string }) => reject(new FetchError(e.message, e.code === 'EPRIVATE')));
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}
