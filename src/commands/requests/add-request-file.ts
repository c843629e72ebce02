import type { Readable } from 'node:stream';
import { AppError } from '../../domain/errors.js';
import { ingestUpload, type IngestedFile } from '../../blobs/ingest.js';
import { isOpen, type RequestState } from '../../domain/requests/state-machine.js';
import { documentRepo } from '../../store/repos/document-repo.js';
import { requestRepo } from '../../store/repos/request-repo.js';
import type { Exec, RequestRow } from '../../store/schema.js';
import { actorId, type Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { requestByToken } from './applicant-access.js';
import { APPLICANT_ACTOR } from './create-request.js';
import { auditRequest, loadRequest } from './load.js';

/** Why a file is attached to a request. */
export type RequestFilePurpose = 'identity_proof' | 'authorisation' | 'supplement' | 'released';

const APPLICANT_PURPOSES: readonly string[] = ['identity_proof', 'authorisation', 'supplement'];
const STAFF_PURPOSES: readonly string[] = ['identity_proof', 'authorisation', 'supplement', 'released'];
/** Most files on one request. */
export const MAX_REQUEST_FILES = 30;

async function checkRoom(trx: Exec, req: RequestRow): Promise<void> {
  if ((await requestRepo.filesOf(trx, req.id)).length >= MAX_REQUEST_FILES) throw new AppError('validation_failed', { fields: [{ field: 'file', code: 'too_many' }] });
}

async function record(trx: Exec, deps: Deps, actor: Actor, req: RequestRow, purpose: string, file: IngestedFile): Promise<string> {
  const at = deps.clock.now().toISOString();
  // Request files are never scanned for text: identity proofs must not end up in a searchable column.
  await documentRepo.ensureBlob(trx, { sha256: file.sha256, size: file.size, mime: file.mime, ext: file.ext, text_status: 'none', text: null, created_at: at });
  const id = deps.newId();
  await requestRepo.insertFile(trx, { id, request_id: req.id, purpose, blob_sha256: file.sha256, filename: file.filename, uploaded_by: actorId(actor), created_at: at });
  await auditRequest(trx, actor, at, 'request.file_added', req, { purpose, sha256: file.sha256, size: file.size });
  return id;
}

/**
 * The applicant adds a file through the private link: identity proof, authorisation or a
 * supplement (Art. 29). Checked before a byte is read (token, open request, room), stored by
 * `ingestUpload`, recorded in one transaction.
 */
export async function addApplicantFile(deps: Deps, number: string, token: string, purpose: string, input: Readable, filename: string): Promise<{ fileId: string }> {
  const check = async (trx: Exec) => {
    const req = await requestByToken(trx, number, token);
    if (!APPLICANT_PURPOSES.includes(purpose)) throw new AppError('validation_failed', { fields: [{ field: 'purpose', code: 'invalid' }] });
    if (!isOpen(req.state as RequestState)) throw new AppError('request_finished'); // states are written only by the state machine
    await checkRoom(trx, req);
    return req;
  };
  try {
    await deps.db.transaction().execute(check);
  } catch (e) {
    input.destroy();
    throw e;
  }
  const file = await ingestUpload(deps.blobs, input, { filename, maxBytes: deps.uploadMaxBytes, tmpDir: deps.uploadTmpDir });
  return deps.db.transaction().execute(async (trx) => ({ fileId: await record(trx, deps, APPLICANT_ACTOR, await check(trx), purpose, file) }));
}

/**
 * Staff add a file to a request: `released` files (delivered with the reply, Art. 36(2)) or
 * documents received on paper. Needs `request.handle`; not after the request is closed.
 */
export async function addStaffFile(deps: Deps, actor: Actor, requestId: string, purpose: string, input: Readable, filename: string): Promise<{ fileId: string }> {
  const check = async (trx: Exec) => {
    const { req } = await loadRequest(trx, actor, requestId, 'request.handle');
    if (!STAFF_PURPOSES.includes(purpose)) throw new AppError('validation_failed', { fields: [{ field: 'purpose', code: 'invalid' }] });
    if (req.state === 'closed' || req.state === 'abandoned') throw new AppError('request_finished');
    await checkRoom(trx, req);
    return req;
  };
  try {
    await deps.db.transaction().execute(check);
  } catch (e) {
    input.destroy();
    throw e;
  }
  const file = await ingestUpload(deps.blobs, input, { filename, maxBytes: deps.uploadMaxBytes, tmpDir: deps.uploadTmpDir });
  return deps.db.transaction().execute(async (trx) => ({ fileId: await record(trx, deps, actor, await check(trx), purpose, file) }));
}
