import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';

/** Cookies from a response's set-cookie headers, as name → value. */
export function cookiesOf(res: { headers: Record<string, unknown> }): Record<string, string> {
  const raw = res.headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  const out: Record<string, string> = {};
  for (const c of list) {
    const m = /^([^=]+)=([^;]*)/.exec(String(c));
    if (m && m[1]) out[m[1]] = m[2] ?? '';
  }
  return out;
}

export function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}

/** A signed-in staff browser: its cookie header and CSRF token. */
export interface StaffClient {
  cookie: string;
  csrf: string;
}

/** Signs in through the JSON API and returns the session cookie and CSRF token. */
export async function apiLogin(server: FastifyInstance, username: string, password: string): Promise<StaffClient> {
  const res = await server.inject({ method: 'POST', url: '/api/v1/session', payload: { username, password } });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { csrf_token: string };
  return { cookie: cookieHeader(cookiesOf(res)), csrf: body.csrf_token };
}

/** Extracts the `_csrf` value of the first form on an HTML page. */
export function csrfFromHtml(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(m && m[1], 'page has a CSRF field');
  return m[1];
}

export function form(data: Record<string, string>): string {
  return new URLSearchParams(data).toString();
}

/** A multipart/form-data body with text fields and one file part, for `inject()`. */
export function multipart(fieldsIn: Record<string, string>, file: { field?: string; filename: string; content: Buffer | string; type?: string }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----gongkai${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fieldsIn)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  const fname = file.filename.replace(/"/g, '%22');
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${fname}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
  parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
