/**
 * A readable model of the OpenAPI document for the API reference page (issue 7 §5): operations
 * grouped by tag, with their parameters, request-body fields and response codes. Built from the
 * document the server itself generates, so the page can never disagree with the API.
 */

/** One parameter or body field as the page lists it. */
export interface RefField {
  name: string;
  where: string;
  required: boolean;
  type: string;
  description: string;
}

/** One operation. */
export interface RefOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  staff: boolean;
  fields: RefField[];
  responses: string[];
}

/** Operations of one tag. */
export interface RefSection {
  tag: string;
  operations: RefOperation[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string => (typeof x === 'string' ? x : '');

/** A short type description of a JSON schema: `string (≤ 64)`, `one of a, b`, `integer`, `array of string`. */
export function describeSchema(s: unknown): string {
  if (!isObj(s)) return '';
  if (Array.isArray(s.enum)) return `one of ${s.enum.map(String).join(', ')}`;
  if (typeof s.$ref === 'string') return s.$ref.split('/').pop() ?? s.$ref;
  const type = Array.isArray(s.type) ? s.type.map(String).join(' | ') : str(s.type);
  const extra: string[] = [];
  if (typeof s.maxLength === 'number') extra.push(`≤ ${s.maxLength}`);
  if (typeof s.pattern === 'string') extra.push(s.pattern);
  if (typeof s.format === 'string') extra.push(s.format);
  if (type === 'array' && isObj(s.items)) return `array of ${describeSchema(s.items)}`;
  if (!type && Array.isArray(s.anyOf)) return s.anyOf.map(describeSchema).filter(Boolean).join(' | ');
  return extra.length ? `${type || 'value'} (${extra.join(', ')})` : type || 'object';
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The sections of the reference, tags in first-seen order, operations in document order. */
export function apiReference(doc: unknown): RefSection[] {
  const sections = new Map<string, RefOperation[]>();
  const paths = isObj(doc) && isObj(doc.paths) ? doc.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObj(op)) continue;
      const fields: RefField[] = [];
      for (const p of Array.isArray(op.parameters) ? op.parameters : []) {
        if (!isObj(p)) continue;
        fields.push({ name: str(p.name), where: str(p.in), required: p.required === true, type: describeSchema(p.schema), description: str(p.description) || (isObj(p.schema) ? str(p.schema.description) : '') });
      }
      const body = isObj(op.requestBody) && isObj(op.requestBody.content) ? Object.values(op.requestBody.content)[0] : undefined;
      const schema = isObj(body) && isObj(body.schema) ? body.schema : undefined;
      if (schema && isObj(schema.properties)) {
        const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
        for (const [name, ps] of Object.entries(schema.properties)) {
          fields.push({ name, where: 'body', required: required.has(name), type: describeSchema(ps), description: isObj(ps) ? str(ps.description) : '' });
        }
      }
      const tag = Array.isArray(op.tags) && typeof op.tags[0] === 'string' ? op.tags[0] : 'other';
      const list = sections.get(tag) ?? [];
      list.push({
        id: `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, ''),
        method: method.toUpperCase(),
        path,
        summary: str(op.summary),
        staff: Array.isArray(op.security) && op.security.length > 0,
        fields,
        responses: isObj(op.responses) ? Object.keys(op.responses) : [],
      });
      sections.set(tag, list);
    }
  }
  return [...sections.entries()].map(([tag, operations]) => ({ tag, operations }));
}
