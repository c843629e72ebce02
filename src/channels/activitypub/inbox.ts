/**
 * The inboxes of the agency actors (and the instance's shared inbox): every POST must carry a
 * valid HTTP Signature over `(request-target) host date digest` by the key of the activity's
 * actor, with a matching `Digest` and a `Date` within Mastodon's window. Then:
 * - `Follow` of an agency's actor: the follower is stored and a signed `Accept` is queued to its
 *   inbox (one transaction);
 * - `Undo` of a `Follow`: the follower is removed;
 * - `Delete` of the sender itself (an account deleted; its key may already be gone): its
 *   follows are removed;
 * - everything else is acknowledged and ignored (these actors do not read replies).
 * Unsigned or badly signed requests get 401, malformed ones 400, never 500.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../commands/deps.js';
import { acceptFollow, removeFollow, removeFollower, removeRemoteActor } from '../../commands/activitypub/follows.js';
import { ensureAgencyActor } from '../../commands/activitypub/agency-actor.js';
import { apActorOf, apAgencyById, type ApAgency } from '../../queries/activitypub.js';
import { apActors } from '../../store/repos/activitypub-repo.js';
import { acceptActivity, newActorUrl, type ApObject } from './activities.js';
import { digestOf, parseSignatureHeader, rsaVerify, signingString, type HeaderMap } from './http-signature.js';
import { GoneError, idOf, resolveKey, type RemoteKey, type Signer } from './remote-actor.js';
import type { FetchPolicy } from './safe-fetch.js';

/** What the inbox route hands over. */
export interface InboxRequest {
  method: string;
  /** Path and query as received (the `(request-target)`). */
  target: string;
  headers: HeaderMap;
  body: Buffer | undefined;
}

export interface InboxResult {
  status: 202 | 400 | 401 | 404;
  error?: string;
}

/** The environment of the inbox. */
export interface InboxEnv {
  deps: Deps;
  publicUrl: string;
  policy: FetchPolicy;
}

// Mastodon accepts signatures dated up to 12 hours ago and 1 hour ahead.
const MAX_AGE_MS = 12 * 3_600_000;
const MAX_SKEW_MS = 3_600_000;
const REQUIRED = ['(request-target)', 'host', 'date', 'digest'];

function isObject(v: unknown): v is ApObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The agency whose actor is `actorUrl` on this instance, or null. */
async function agencyOfActorUrl(env: InboxEnv, actorUrl: string | null): Promise<ApAgency | null> {
  if (!actorUrl) return null;
  const row = await apActors.byUrl(env.deps.db, actorUrl);
  return row ? ((await apAgencyById(env.deps, row.agency_id)) ?? null) : null;
}

async function signerFor(env: InboxEnv, agency: ApAgency | null): Promise<Signer | null> {
  if (!agency) return null;
  const a = await apActorOf(env.deps, agency.id);
  return a ? { keyId: `${a.actor_url}#main-key`, privateKeyPem: a.private_key_pem } : null;
}

/** Handles one POST to an inbox; `agency` is null for the shared inbox. */
export async function handleInbox(env: InboxEnv, req: InboxRequest, agency: ApAgency | null): Promise<InboxResult> {
  const { deps } = env;
  const sig = parseSignatureHeader(typeof req.headers.signature === 'string' ? req.headers.signature : undefined);
  if (!sig) return { status: 401, error: 'missing or malformed Signature header' };
  if (sig.algorithm !== 'rsa-sha256' && sig.algorithm !== 'hs2019') return { status: 401, error: `unsupported algorithm ${sig.algorithm}` };
  const missing = REQUIRED.filter((h) => !sig.headers.includes(h));
  if (missing.length > 0) return { status: 401, error: `signature must cover ${missing.join(', ')}` };
  const date = Date.parse(typeof req.headers.date === 'string' ? req.headers.date : '');
  const now = deps.clock.now().getTime();
  if (Number.isNaN(date) || date < now - MAX_AGE_MS || date > now + MAX_SKEW_MS) return { status: 401, error: 'Date missing or outside the accepted window' };
  if (!req.body || req.body.length === 0) return { status: 400, error: 'empty body' };
  const digests = typeof req.headers.digest === 'string' ? req.headers.digest.split(',').map((d) => d.trim()) : [];
  const expected = digestOf(req.body);
  if (!digests.some((d) => d.toLowerCase().startsWith('sha-256=') && d.slice(8) === expected.slice(8))) return { status: 401, error: 'Digest does not match the body' };
  let activity: unknown;
  try {
    activity = JSON.parse(req.body.toString('utf8'));
  } catch {
    return { status: 400, error: 'body is not JSON' };
  }
  if (!isObject(activity)) return { status: 400, error: 'body is not a JSON object' };
  const type = typeof activity.type === 'string' ? activity.type : '';
  const actor = idOf(activity.actor);
  if (!actor) return { status: 400, error: 'activity without actor' };

  const str = signingString(req.method, req.target, req.headers, sig.headers);
  if (str === null) return { status: 401, error: 'a signed header is missing' };
  const target = agency ?? (await agencyOfActorUrl(env, idOf(isObject(activity.object) ? activity.object.object : activity.object)));
  const signer = await signerFor(env, target);
  let verified: RemoteKey | null = null;
  try {
    for (const refresh of [false, true]) {
      const key = await resolveKey(deps, sig.keyId, env.policy, signer, refresh);
      if (!key) break;
      if (rsaVerify(key.publicKeyPem, str, sig.signature)) {
        verified = key;
        break;
      }
      // Refetch only a cached key (it may have been rotated); a fresh one failed for good.
      if (!key.fromCache) break;
    }
  } catch (err) {
    // An account deleted: Mastodon signs its Delete with a key that now answers 410.
    if (err instanceof GoneError && type === 'Delete' && idOf(activity.object) === actor && (sig.keyId.split('#')[0] ?? '') === actor) {
      await removeRemoteActor(deps, actor);
      return { status: 202 };
    }
    return { status: 401, error: `cannot fetch key ${sig.keyId}: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (!verified) return { status: 401, error: 'signature does not verify' };
  if (verified.owner !== actor) return { status: 401, error: 'the activity actor is not the key owner' };

  if (type === 'Follow') return follow(env, activity, verified, agency);
  if (type === 'Undo') {
    const inner = activity.object;
    return isObject(inner) && inner.type !== 'Follow' ? { status: 202 } : undo(env, activity, actor);
  }
  if (type === 'Delete' && idOf(activity.object) === actor) {
    await removeRemoteActor(deps, actor);
    return { status: 202 };
  }
  return { status: 202 };
}

async function follow(env: InboxEnv, activity: ApObject, key: RemoteKey, inboxAgency: ApAgency | null): Promise<InboxResult> {
  const actor = key.owner;
  const followId = idOf(activity.id);
  if (!followId) return { status: 400, error: 'Follow without id' };
  const objectId = idOf(activity.object);
  const agency = inboxAgency ?? (await agencyOfActorUrl(env, objectId));
  if (!agency) return { status: 404, error: 'no such actor here' };
  const row = await ensureAgencyActor(env.deps, agency.id, newActorUrl(env.publicUrl, agency.code));
  if (objectId !== row.actor_url) return { status: 400, error: 'Follow object is not this actor' };
  // The follower's inboxes come from its actor document, read when its key was fetched.
  const { inbox, sharedInbox } = key;
  if (!inbox) return { status: 400, error: 'follower has no inbox' };
  const acceptId = createHash('sha256').update(followId).digest('hex').slice(0, 32);
  const accept = acceptActivity(row.actor_url, { id: followId, actor }, acceptId);
  await acceptFollow(env.deps, { agencyId: agency.id, follower: { actorUrl: actor, inbox, sharedInbox }, followId, accept: { id: String(accept.id), body: JSON.stringify(accept) } });
  return { status: 202 };
}

async function undo(env: InboxEnv, activity: ApObject, actor: string): Promise<InboxResult> {
  const inner = activity.object;
  if (isObject(inner)) {
    if (idOf(inner.actor) !== null && idOf(inner.actor) !== actor) return { status: 401, error: 'cannot undo another actor’s Follow' };
    const agency = await agencyOfActorUrl(env, idOf(inner.object));
    if (agency) await removeFollower(env.deps, agency.id, actor);
    else if (idOf(inner.id)) await removeFollow(env.deps, actor, idOf(inner.id) ?? '');
    return { status: 202 };
  }
  const followId = idOf(inner);
  if (!followId) return { status: 400, error: 'Undo without object' };
  await removeFollow(env.deps, actor, followId);
  return { status: 202 };
}
