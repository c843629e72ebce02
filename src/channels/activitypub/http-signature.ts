/**
 * HTTP Signatures as the fediverse uses them: draft-cavage-http-signatures-12 with `rsa-sha256`,
 * plus the RFC 3230 `Digest: SHA-256=…` header over the body. Mastodon signs and requires
 * `(request-target) host date` and, on POST, `digest`; we sign exactly those four.
 *
 * Written by hand on node:crypto: the scheme is a signing string and one RSA signature, and the
 * packages that implement it either target the newer RFC 9421 only or come inside a whole
 * ActivityPub framework.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** `SHA-256=<base64>` of the body (RFC 3230 / RFC 5843). */
export function digestOf(body: string | Buffer): string {
  return `SHA-256=${createHash('sha256').update(body).digest('base64')}`;
}

/** The parameters of a `Signature` header. */
export interface ParsedSignature {
  keyId: string;
  algorithm: string;
  /** Lower-cased header names, in signing order. */
  headers: string[];
  signature: Buffer;
}

/** Parses a `Signature` header (cavage §4.1); null when malformed or without keyId/signature. */
export function parseSignatureHeader(value: string | undefined): ParsedSignature | null {
  if (!value || value.length > 8192) return null;
  const params = new Map<string, string>();
  const re = /\s*([A-Za-z]+)="([^"]*)"\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(value)) !== null) {
    params.set(m[1]!.toLowerCase(), m[2]!);
    end = re.lastIndex;
    if (end >= value.length) break;
  }
  if (end < value.trim().length) return null;
  const keyId = params.get('keyid');
  const sig = params.get('signature');
  if (!keyId || !sig || !/^[A-Za-z0-9+/=]+$/.test(sig)) return null;
  // cavage §2.1.6: without `headers`, only `date` is signed.
  const headers = (params.get('headers') ?? 'date').toLowerCase().split(/\s+/).filter((h) => h !== '');
  return { keyId, algorithm: (params.get('algorithm') ?? 'hs2019').toLowerCase(), headers, signature: Buffer.from(sig, 'base64') };
}

/** Request headers as a lower-cased map of single values (arrays joined as cavage §2.3 says). */
export type HeaderMap = Record<string, string | string[] | undefined>;

function headerValue(headers: HeaderMap, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/**
 * The signing string (cavage §2.3): one `name: value` line per signed header, with the
 * `(request-target)` pseudo-header `<method lower-cased> <path and query>`. Null when a signed
 * header is missing from the request.
 */
export function signingString(method: string, target: string, headers: HeaderMap, names: readonly string[]): string | null {
  const lines: string[] = [];
  for (const n of names) {
    if (n === '(request-target)') {
      lines.push(`(request-target): ${method.toLowerCase()} ${target}`);
      continue;
    }
    const v = headerValue(headers, n);
    if (v === undefined) return null;
    lines.push(`${n}: ${v.trim()}`);
  }
  return lines.join('\n');
}

/** Signs `payload` with an RSA private key (PEM, or a parsed key to skip parsing), SHA-256, base64. */
export function rsaSign(privateKey: string | KeyObject, payload: string): string {
  return sign('sha256', Buffer.from(payload), typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey).toString('base64');
}

/** Verifies an `rsa-sha256` signature; false (never a throw) on an unusable key. */
export function rsaVerify(publicKeyPem: string, payload: string, signature: Buffer): boolean {
  try {
    return verify('sha256', Buffer.from(payload), createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}

/**
 * The headers to send with a signed request: `Host`, `Date`, `Digest` (when there is a body)
 * and `Signature` over `(request-target) host date [digest]`.
 */
export function signedHeaders(o: { method: string; url: string; body?: string; keyId: string; privateKeyPem: string | KeyObject; now: Date }): Record<string, string> {
  const u = new URL(o.url);
  const h: Record<string, string> = { host: u.host, date: o.now.toUTCString() };
  const names = ['(request-target)', 'host', 'date'];
  if (o.body !== undefined) {
    h.digest = digestOf(o.body);
    names.push('digest');
  }
  const str = signingString(o.method, u.pathname + u.search, h, names);
  // Every name in `names` was just set in `h`, so the string always exists.
  const signature = rsaSign(o.privateKeyPem, str ?? '');
  h.signature = `keyId="${o.keyId}",algorithm="rsa-sha256",headers="${names.join(' ')}",signature="${signature}"`;
  return h;
}
