import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app.js';
import { AppError } from '../domain/errors.js';
import { agencyStatisticsCsv, allStatisticsCsv, openDataCatalogue, openDataFile, openOpenDataBytes } from '../queries/opendata.js';
import type { WebEnv } from './render.js';

/** True when an `If-None-Match` header names `etag` (or is `*`). */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etag || v === `W/${etag}`;
  });
}

/** RFC 9110 §13.1.3: `If-Modified-Since` only counts without `If-None-Match`, at one-second precision. */
function notModifiedSince(req: FastifyRequest, modifiedAt: string): boolean {
  const ims = req.headers['if-modified-since'];
  if (!ims || req.headers['if-none-match']) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && Math.floor(Date.parse(modifiedAt) / 1000) * 1000 <= since;
}

/**
 * The open data on the public site (issue 7 §4):
 * - `/open-data/<file>` (documents.jsonl, documents.csv, attachments.csv, statistics.csv, each
 *   also `.gz`): the files of the latest export run, with a strong ETag (their SHA-256),
 *   Last-Modified (the run) and conditional GET; refreshed daily by the worker;
 * - `/catalog.jsonld`: the DCAT-AP catalogue describing them;
 * - `/statistics.csv?year=&agency=&scope=`: the statistics as CSV, computed on request: every
 *   agency's own figures for the year, or one agency's (with `scope=subtree`, its subtree's),
 *   the same figures as its /statistics page.
 */
export async function registerOpenDataPages(app: FastifyInstance, core: AppContext, _env: WebEnv): Promise<void> {
  const deps = core.deps;
  const base = core.config.publicUrl;

  const serve = async (req: FastifyRequest<{ Params: { file: string } }>, reply: FastifyReply) => {
    const { file, modifiedAt } = await openDataFile(deps, req.params.file);
    const etag = `"${file.sha256}"`;
    reply
      .header('etag', etag)
      .header('last-modified', new Date(modifiedAt).toUTCString())
      // Files change at most daily; revalidation is cheap (ETag).
      .header('cache-control', 'public, max-age=3600, must-revalidate')
      .header('x-content-type-options', 'nosniff');
    if (etagMatches(req.headers['if-none-match'], etag) || notModifiedSince(req, modifiedAt)) return reply.status(304).send();
    const stream = await openOpenDataBytes(deps, file);
    const type = file.media_type.startsWith('text/') || file.media_type === 'application/x-ndjson' ? `${file.media_type}; charset=utf-8` : file.media_type;
    return reply.type(type).header('content-length', String(file.size)).header('content-disposition', `attachment; filename="${file.name}"`).send(stream);
  };
  app.get<{ Params: { file: string } }>('/open-data/:file', serve);

  app.get('/catalog.jsonld', async (_req, reply) => {
    const doc = await openDataCatalogue(deps, base);
    return reply.type('application/ld+json; charset=utf-8').header('cache-control', 'public, max-age=600').send(JSON.stringify(doc, null, 2));
  });

  app.get<{ Querystring: { year?: string; agency?: string; scope?: string } }>('/statistics.csv', async (req, reply) => {
    const q = req.query;
    const y = q.year ?? '';
    if (y !== '' && !/^\d{4}$/.test(y)) throw new AppError('validation_failed', { fields: [{ field: 'year', code: 'invalid' }] });
    if (q.scope !== undefined && q.scope !== 'agency' && q.scope !== 'subtree') throw new AppError('validation_failed', { fields: [{ field: 'scope', code: 'invalid' }] });
    const year = y === '' ? deps.clock.now().getUTCFullYear() : Number(y);
    const send = (name: string, body: string) => reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).header('cache-control', 'public, max-age=300').send(body);
    if (q.agency) {
      const scope = q.scope === 'subtree' ? 'subtree' : 'agency';
      const r = await agencyStatisticsCsv(deps, q.agency, year, scope);
      return send(`statistics-${r.agency.code}-${year}-${scope}`, r.csv);
    }
    return send(`statistics-${year}`, await allStatisticsCsv(deps, year));
  });
}

/** Staff console pages of the opendata area: none (the export runs by itself, or from the CLI). */
export async function registerOpenDataAdminPages(_app: FastifyInstance, _core: AppContext, _env: WebEnv): Promise<void> {}
