/**
 * One HTTP POST of a webhook delivery, with the guards a server making requests to URLs typed by
 * users needs: a hard timeout over the whole exchange, no redirects followed (a 3xx is a failure),
 * at most 64 KiB of response read, and host names checked on the address DNS returns, so a public
 * name pointing at a private address is refused at connection time (`url-policy.ts`).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isLoopbackHost, isPublicAddress } from '../../domain/webhooks/url-policy.js';

/** What an attempt came to. `statusCode` is null when no response arrived. */
export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/** Resolves a host name to all its addresses (node's `dns.lookup` with `all: true` by default). */
export type Resolver = (hostname: string, family: number, callback: (err: Error | null, addresses: LookupAddress[]) => void) => void;

const systemResolver: Resolver = (hostname, family, callback) => dnsLookup(hostname, { all: true, family }, (err, addresses) => callback(err, addresses));

/** A `lookup` for http.request that fails unless every address the name resolves to is public. */
export function guardedLookup(resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, typeof options.family === 'number' ? options.family : 0, (err, list) => {
      if (err) return callback(err, '', 0);
      const bad = list.find((a) => !isPublicAddress(a.address));
      if (bad || list.length === 0) return callback(Object.assign(new Error(`address_refused ${bad?.address ?? ''}`.trim()), { code: 'EADDRREFUSED' }), '', 0);
      if (options.all) return callback(null, list);
      const first = list[0];
      return first ? callback(null, first.address, first.family) : callback(new Error('no address'), '', 0);
    });
  };
}

const defaultLookup = guardedLookup();

// Keep-alive agents: an integrator's receiver gets many deliveries in a row.
const agents = {
  guarded: { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) },
};

/**
 * POSTs `body` with `headers` to `url`. Loopback receivers (only ever registered on development
 * instances) connect directly; every other host must resolve to public addresses only.
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, o: { timeoutMs: number; userAgent: string; resolve?: Resolver }): Promise<SendResult> {
  const started = performance.now();
  const done = (r: Omit<SendResult, 'durationMs'>): SendResult => ({ ...r, durationMs: Math.round(performance.now() - started) });
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return Promise.resolve(done({ ok: false, statusCode: null, error: 'bad_url' }));
  }
  const host = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
  const loopback = isLoopbackHost(u.hostname);
  if (!loopback && isIP(host) && !isPublicAddress(host)) return Promise.resolve(done({ ok: false, statusCode: null, error: `address_refused ${host}` }));
  const mod = u.protocol === 'https:' ? https : http;
  const agent = u.protocol === 'https:' ? agents.guarded.https : agents.guarded.http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (r: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(r));
    };
    const payload = Buffer.from(body, 'utf8');
    const req = mod.request(
      u,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': String(payload.length), 'user-agent': o.userAgent },
        ...(loopback ? {} : { lookup: o.resolve ? guardedLookup(o.resolve) : defaultLookup }),
      },
      (res) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 65_536) res.destroy();
        });
        const status = res.statusCode ?? 0;
        const end = () => finish({ ok: status >= 200 && status < 300, statusCode: status, error: status >= 200 && status < 300 ? null : `http_${status}` });
        res.on('end', end);
        res.on('close', end);
        res.on('error', end);
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error('timeout'));
      finish({ ok: false, statusCode: null, error: 'timeout' });
    }, o.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, statusCode: null, error: (err.code && err.code !== 'EADDRREFUSED' ? `${err.code} ` : '') + err.message.slice(0, 200) }));
    req.end(payload);
  });
}
