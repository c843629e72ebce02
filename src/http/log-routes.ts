import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../app.js';
import { AppError } from '../domain/errors.js';
import type { AppTlog } from '../jobs/tlog-service.js';
import { appendCosignatures } from '../jobs/witness-store.js';
import { latestCheckpointNote, logTile } from '../queries/tlog.js';

/** Full tiles and bundles never change (TlogStorage rule 3; C2SP tlog-tiles: "may be cached forever"). */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A partial tile at a given width never changes either, but is superseded by wider ones: keep it short. */
const PARTIAL = 'public, max-age=60';
/** A checkpoint is re-signed at least once a second while entries arrive (issue 4 §3). */
const CHECKPOINT = 'public, max-age=2';

function publicHeaders(reply: FastifyReply, cache: string): FastifyReply {
  // The log is public data meant for independent verifiers, including ones running in browsers.
  return reply.header('cache-control', cache).header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
}

/**
 * The C2SP tlog-tiles read API under `/log` (register with that prefix):
 * - `GET /log/checkpoint`: the latest signed checkpoint note, text/plain (404 before the first);
 * - `GET /log/tile/<L>/<N>[.p/<W>]` and `/log/tile/entries/<N>[.p/<W>]`: hash tiles and entry
 *   bundles, application/octet-stream; 400 for a non-canonical path, 404 beyond the checkpoint;
 * - `GET /log/key`: the verifier key string (C2SP signed-note), text/plain.
 * Errors are JSON (the server's error handler treats `/log/` like the API).
 */
export async function registerLogRoutes(server: FastifyInstance, app: AppContext): Promise<void> {
  const tlog = (): AppTlog => {
    if (app.tlog === null) throw new AppError('store_unavailable', { message: 'transparency log not opened' });
    return app.tlog;
  };

  server.get('/checkpoint', { schema: { hide: true } }, async (_req, reply) => {
    // Cosignatures of the configured witnesses follow the log's own signature (issue 4 §7).
    const note = await appendCosignatures(app.store.db, app.config.logWitnesses, await latestCheckpointNote(tlog()));
    return publicHeaders(reply, CHECKPOINT).type('text/plain; charset=utf-8').send(note);
  });

  server.get('/key', { schema: { hide: true } }, async (_req, reply) => {
    return publicHeaders(reply, 'public, max-age=3600').type('text/plain; charset=utf-8').send(`${tlog().verifierKey}\n`);
  });

  server.get('/tile/*', { schema: { hide: true } }, async (req, reply) => {
    const params = req.params;
    const rest = typeof params === 'object' && params !== null && '*' in params && typeof params['*'] === 'string' ? params['*'] : '';
    const { data, full } = await logTile(tlog(), `tile/${rest}`);
    return publicHeaders(reply, full ? IMMUTABLE : PARTIAL).type('application/octet-stream').send(data);
  });
}
