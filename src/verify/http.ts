/**
 * The verifier's HTTP reads, over the global `fetch`. Every failure becomes a `VerifyError`:
 * 404 → `not_found`, other errors and unreachable servers → `fetch_failed`.
 */
import { VerifyError } from './verify-error.js';

const TIMEOUT_MS = 30_000;

/** A response that arrived with a 2xx status. */
export interface Fetched {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Buffer;
}

/** GET `url`; resolves for 2xx answers only. */
export async function httpGet(url: string, accept: string): Promise<Fetched> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept }, redirect: 'follow', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    throw new VerifyError('fetch_failed', `cannot fetch ${url}${cause || (err instanceof Error ? `: ${err.message}` : '')}`);
  }
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status === 404) throw new VerifyError('not_found', `${url}: not found (404)`);
  if (res.status < 200 || res.status > 299) throw new VerifyError('fetch_failed', `${url}: HTTP ${res.status}`);
  return { status: res.status, headers: res.headers, body };
}

/** GET `url` as JSON. */
export async function httpGetJson(url: string): Promise<{ status: number; headers: Headers; json: unknown }> {
  const r = await httpGet(url, 'application/json');
  try {
    return { status: r.status, headers: r.headers, json: JSON.parse(r.body.toString('utf8')) };
  } catch {
    throw new VerifyError('malformed', `${url}: the answer is not JSON`);
  }
}
