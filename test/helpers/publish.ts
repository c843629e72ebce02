import { Readable } from 'node:stream';
import type { Actor } from '../../src/commands/actor.js';
import type { Deps } from '../../src/commands/deps.js';
import { createDraft } from '../../src/commands/documents/create-draft.js';
import { reviewRevision } from '../../src/commands/documents/review-revision.js';
import { submitRevision } from '../../src/commands/documents/submit-revision.js';
import { uploadAttachment } from '../../src/commands/documents/upload-attachment.js';
import { revisionDetail } from '../../src/queries/staff-documents.js';
import { actorFor, draftInput, makeStaff, seedTree } from './factories.js';
import type { DraftInput } from '../../src/commands/document-input.js';

/** The people and agency a publishing test needs. */
export interface Publisher {
  readonly agencyId: string;
  readonly agencyCode: string;
  readonly editor: Actor;
  readonly reviewer: Actor;
}

/** Seeds an agency tree with an editor and a reviewer at the city (usernames prefixed by `tag`). */
export async function makePublisher(deps: Deps, tag: string): Promise<Publisher> {
  const t = await seedTree(deps);
  const editor = await actorFor(deps, await makeStaff(deps, `${tag}-editor`, t.city, 'editor'));
  const reviewer = await actorFor(deps, await makeStaff(deps, `${tag}-reviewer`, t.city, 'reviewer'));
  return { agencyId: t.city.id, agencyCode: t.city.code, editor, reviewer };
}

/**
 * Publishes one document through the real workflow (draft → submit → confidentiality pass →
 * approval), with optional attachments; returns its ids and index number.
 */
export async function publishDocument(deps: Deps, p: Publisher, over: Partial<DraftInput> = {}, files: { name: string; bytes: Buffer }[] = []): Promise<{ documentId: string; revisionId: string; indexNumber: string }> {
  const { documentId, revisionId } = await createDraft(deps, p.editor, p.agencyId, draftInput(over));
  for (const f of files) await uploadAttachment(deps, p.editor, revisionId, Readable.from([f.bytes]), f.name);
  const det = await revisionDetail(deps, p.editor, revisionId);
  await submitRevision(deps, p.editor, revisionId, det.rev.version);
  await reviewRevision(deps, p.reviewer, revisionId, { stage: 'confidentiality', decision: 'pass' });
  const r = await reviewRevision(deps, p.reviewer, revisionId, { stage: 'approval', decision: 'pass' });
  if (r.state !== 'published') throw new Error(`not published: ${r.state}`);
  return { documentId, revisionId, indexNumber: r.indexNumber };
}
