import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../app.js';
import { openWitness, type WitnessService } from '../jobs/witness-service.js';

/** A request body: 63 proof lines and a checkpoint with a few dozen signatures fit easily. */
const BODY_LIMIT = 64 * 1024;
/** Per client address; a log submits about once per new checkpoint (≤ 1/s). */
const RATE_PER_MINUTE = 600;

function text(reply: FastifyReply, status: number, body: string, contentType = 'text/plain; charset=utf-8'): FastifyReply {
  return reply.status(status).header('cache-control', 'no-store').type(contentType).send(body);
}

/**
 * The C2SP tlog-witness submission API under `/witness` (register with that prefix), enabled by
 * `config.witness` (GONGKAI_WITNESS_LOGS); when disabled both routes answer 404.
 * - `POST /witness/add-checkpoint`: body as tlog-witness §add-checkpoint, whatever its content
 *   type; answers with the statuses and plain-text bodies the spec defines (see
 *   `openWitness`), not the JSON errors of the API, since witness clients read the status and
 *   the `text/x.tlog.size` body.
 * - `GET /witness/key`: the witness's cosignature/v1 verifier key string, text/plain.
 * The witness key is loaded (or created) here, at start; a lost key refuses the start.
 */
export async function registerWitnessRoutes(server: FastifyInstance, app: AppContext): Promise<void> {
  const witness: WitnessService | null = app.config.witness === null ? null : await openWitness(app.config.witness, app.deps);

  // The body is the protocol's own text format: take the raw bytes for every content type (the
  // spec names none), so the parser can insist on strict UTF-8 itself.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));
  server.addHook('onRequest', server.rateLimit({ max: RATE_PER_MINUTE, timeWindow: '1 minute' }));
  // Witness clients read statuses and plain text, not the site's HTML error pages.
  server.setErrorHandler((err, req, reply) => {
    const code = typeof err === 'object' && err !== null && 'statusCode' in err ? err.statusCode : undefined;
    const status = typeof code === 'number' && code >= 400 && code < 500 ? code : 500;
    if (status === 500) req.log.error({ err }, 'witness request failed');
    return text(reply, status, status === 500 ? 'internal error\n' : 'request refused\n');
  });

  server.post('/add-checkpoint', { schema: { hide: true } }, async (req, reply) => {
    if (witness === null) return text(reply, 404, 'this instance is not a witness\n');
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const r = await witness.addCheckpoint(body);
    // tlog-witness: a refused proof or a same-size fork from a correctly signed checkpoint may be
    // evidence of log misbehaviour; keep a trace (the witness "MAY log the request").
    if (r.outcome === 'bad_proof' || r.outcome === 'root_mismatch') req.log.warn({ outcome: r.outcome, request: body.toString('utf8') }, 'witness refused a signed checkpoint');
    return text(reply, r.status, r.body, r.contentType);
  });

  server.get('/key', { schema: { hide: true } }, async (_req, reply) => {
    if (witness === null) return text(reply, 404, 'this instance is not a witness\n');
    return text(reply, 200, `${witness.verifierKey}\n`).header('cache-control', 'public, max-age=3600').header('access-control-allow-origin', '*');
  });
}
