/** Reads one string field from an urlencoded form body (first value if repeated; '' if absent). */
export function field(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const v = (body as Record<string, unknown>)[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return '';
}

/** All named string fields of a form body. */
export function fields<K extends string>(body: unknown, names: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>; // filled for every name just below
  for (const n of names) out[n] = field(body, n);
  return out;
}

/** A positive integer field, or NaN. */
export function intField(body: unknown, name: string): number {
  const s = field(body, name);
  return /^[0-9]{1,9}$/.test(s) ? Number(s) : NaN;
}
