/**
 * Which receiver URLs a webhook may point at (server-side request forgery, issue 8 §4).
 *
 * - `https:` only. An instance served over plain http (a development instance or the tests: its
 *   own public URL starts with `http://`) also accepts `http://localhost`, `http://127.0.0.1` and
 *   `http://[::1]`, with a port if wanted; nothing else over http.
 * - Never user information (`user:pass@`), never a fragment, at most 2,000 characters.
 * - Never an address that is not on the public internet: loopback, private (RFC 1918, fc00::/7),
 *   link-local (169.254/16 with the cloud metadata address, fe80::/10), CGNAT (100.64/10),
 *   "this network", multicast, reserved and documentation ranges, IPv4-mapped forms of those,
 *   and the names `localhost`, `*.localhost`, `*.local`, `*.internal` (loopback names again only
 *   on development instances).
 * - Host names are checked again when sending, on the address DNS returns
 *   (`isPublicAddress`), so a public name that resolves to a private address is refused too.
 */
import { isIP } from 'node:net';

/** Why a URL was refused: also the field issue code. */
export type UrlRefusal = 'bad_url' | 'https_required' | 'url_credentials' | 'private_address' | 'too_long';

/** Policy switches: loopback receivers over http are for development instances only. */
export interface UrlPolicy {
  allowLoopback: boolean;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function v4(addr: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((n) => n <= 255) ? parts : null;
}

function publicV4([a = 0, b = 0, c = 0]: number[]): boolean {
  if (a === 0 || a === 10 || a === 127) return false; // this network, RFC 1918, loopback
  if (a === 100 && b >= 64 && b <= 127) return false; // CGNAT (RFC 6598)
  if (a === 169 && b === 254) return false; // link-local, cloud metadata
  if (a === 172 && b >= 16 && b <= 31) return false; // RFC 1918
  if (a === 192 && b === 168) return false; // RFC 1918
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return false; // IETF protocol assignments, TEST-NET-1
  if (a === 198 && (b === 18 || b === 19)) return false; // benchmarking
  if (a === 198 && b === 51 && c === 100) return false; // TEST-NET-2
  if (a === 203 && b === 0 && c === 113) return false; // TEST-NET-3
  if (a >= 224) return false; // multicast, reserved, broadcast
  return true;
}

/** Expands an IPv6 text address into 8 groups, or null. */
function v6Groups(addr: string): number[] | null {
  let s = addr.toLowerCase();
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  const dotted = v4(s.slice(lastColon + 1));
  if (dotted) {
    tail = [(dotted[0]! << 8) | dotted[1]!, (dotted[2]! << 8) | dotted[3]!];
    s = s.slice(0, lastColon + 1) + '0';
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (h: string) => (h === '' ? [] : h.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : Number.NaN)));
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (dotted) (halves.length === 2 ? rest : head).pop();
  const fill = 8 - tail.length - head.length - rest.length;
  if (halves.length === 1 && fill !== 0) return null;
  if (fill < 0) return null;
  const groups = [...head, ...Array<number>(halves.length === 2 ? fill : 0).fill(0), ...rest, ...tail];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g)) ? groups : null;
}

/** True when `addr` (an IPv4 or IPv6 literal without brackets) is a public unicast address. */
export function isPublicAddress(addr: string): boolean {
  const four = v4(addr);
  if (four) return publicV4(four);
  const g = v6Groups(addr);
  if (!g) return false;
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  if (g.slice(0, 7).every((x) => x === 0) && (g7 === 0 || g7 === 1)) return false; // :: and ::1
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || g5 === 0)) {
    // IPv4-mapped (::ffff:a.b.c.d) and the old IPv4-compatible form: judge the IPv4 address.
    return publicV4([g6 >> 8, g6 & 255, g7 >> 8, g7 & 255]);
  }
  if ((g0 & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return false; // link-local fe80::/10
  if ((g0 & 0xff00) === 0xff00) return false; // multicast
  if (g0 === 0x2001 && g1 === 0x0db8) return false; // documentation
  if (g0 === 0x64 && g1 === 0xff9b) return false; // NAT64 (may reach private IPv4)
  if (g0 === 0x2002) return publicV4([g1 >> 8, g1 & 255, g2 >> 8, g2 & 255]); // 6to4 embeds IPv4
  return (g0 & 0xe000) === 0x2000; // global unicast 2000::/3
}

/** True when the URL's host is a loopback name or address (allowed only on development instances). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname.toLowerCase());
}

/**
 * Checks a receiver URL. Returns the normalised URL (WHATWG serialisation) or the refusal.
 */
export function checkWebhookUrl(raw: string, policy: UrlPolicy): { ok: true; url: string } | { ok: false; reason: UrlRefusal } {
  const s = raw.trim();
  if (s.length > 2000) return { ok: false, reason: 'too_long' };
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return { ok: false, reason: 'bad_url' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, reason: 'bad_url' };
  if (u.username || u.password) return { ok: false, reason: 'url_credentials' };
  if (u.hash) return { ok: false, reason: 'bad_url' };
  const host = u.hostname.toLowerCase();
  if (!host) return { ok: false, reason: 'bad_url' };
  const loopback = isLoopbackHost(host);
  if (loopback) return policy.allowLoopback ? { ok: true, url: u.toString() } : { ok: false, reason: 'private_address' };
  if (u.protocol !== 'https:') return { ok: false, reason: 'https_required' };
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  if (isIP(bare)) return isPublicAddress(bare) ? { ok: true, url: u.toString() } : { ok: false, reason: 'private_address' };
  if (/(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/.test(bare) || !bare.includes('.')) return { ok: false, reason: 'private_address' };
  // A numeric-looking name that is not an IP literal in canonical form (e.g. 0x7f.1) was already
  // rewritten by the WHATWG parser into dotted IPv4, so it was judged above.
  return { ok: true, url: u.toString() };
}

/**
 * The URL policy of an instance: one served over plain http (development, the tests) also accepts
 * loopback receivers; an https instance (production) refuses every non-public address.
 */
export function urlPolicyFor(publicUrl: string): UrlPolicy {
  return { allowLoopback: publicUrl.startsWith('http://') };
}
