import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type { Deps } from '../deps.js';
import { apActors, type ApActorRow } from '../../store/repos/activitypub-repo.js';

const generateRsa = promisify(generateKeyPair);

/**
 * The ActivityPub actor of an agency, created at first use with a fresh RSA-2048 key pair
 * (issue 8 §4). Two first uses at once both generate a pair, but only the first insert is kept
 * and both return it, so an actor never has two keys.
 */
export async function ensureAgencyActor(deps: Deps, agencyId: string, actorUrl: string): Promise<ApActorRow> {
  const existing = await apActors.of(deps.db, agencyId);
  if (existing) return existing;
  const { publicKey, privateKey } = await generateRsa('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  await apActors.insert(deps.db, { agency_id: agencyId, actor_url: actorUrl, public_key_pem: publicKey, private_key_pem: privateKey, created_at: deps.clock.now().toISOString() });
  const row = await apActors.of(deps.db, agencyId);
  if (!row) throw new Error('ActivityPub actor vanished after insert');
  return row;
}
