/**
 * Remote actors and their keys: fetched over HTTP within the fetch policy (timeout, size cap,
 * public https addresses in production), signed with the local agency's key when one is at
 * hand (servers in Mastodon's "authorized fetch" mode require it), and cached by key id.
 */
import type { Deps } from '../../commands/deps.js';
import { cacheRemoteKey } from '../../commands/activitypub/follows.js';
import { apRemoteKeys } from '../../store/repos/activitypub-repo.js';
import type { ApJson, ApObject } from './activities.js';
import { signedHeaders } from './http-signature.js';
import { FetchError, safeRequest, type FetchPolicy } from './safe-fetch.js';

/** A remote public key with its owner's inboxes. */
export interface RemoteKey {
  keyId: string;
  owner: string;
  publicKeyPem: string;
  inbox: string | null;
  sharedInbox: string | null;
  /** Read from the cache rather than fetched just now. */
  fromCache?: boolean;
}

/** Who signs outgoing GETs. */
export interface Signer {
  keyId: string;
  privateKeyPem: string;
}

export const ACCEPT_ACTIVITY = 'application/activity+json, application/ld+json; profile="https://www.w3.org/ns/activitystreams"';

/** The account is gone (HTTP 410): its key can no longer be fetched. */
export class GoneError extends Error {}

/** GETs an ActivityStreams document; throws FetchError/GoneError, or Error on a non-JSON answer. */
export async function fetchActivityJson(deps: Deps, url: string, policy: FetchPolicy, signer: Signer | null): Promise<ApObject> {
  const headers: Record<string, string> = { accept: ACCEPT_ACTIVITY, 'user-agent': `Gongkai (+https://${deps.instance}/)` };
  if (signer) Object.assign(headers, signedHeaders({ method: 'GET', url, keyId: signer.keyId, privateKeyPem: signer.privateKeyPem, now: deps.clock.now() }));
  const res = await safeRequest(url, { method: 'GET', headers }, policy);
  if (res.status === 410) throw new GoneError(`${url}: gone`);
  if (res.status < 200 || res.status >= 300) throw new FetchError(`${url}: HTTP ${res.status}`, res.status >= 400 && res.status < 500);
  const doc: unknown = JSON.parse(res.body.toString('utf8'));
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${url}: not a JSON object`);
  return doc as ApObject; // checked to be a plain object just above
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The id of a JSON-LD reference: a string, or an object with a string `id`. */
export function idOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return str((v as Record<string, unknown>).id);
  return null;
}

function keysOf(actor: ApObject): ApObject[] {
  const pk = actor.publicKey;
  const list: ApJson[] = Array.isArray(pk) ? pk : pk ? [pk] : [];
  return list.filter((k): k is ApObject => k !== null && typeof k === 'object' && !Array.isArray(k));
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** Reads the key `keyId` from an actor document; null unless the actor really owns it. */
export function keyFromActor(actor: ApObject, keyId: string): RemoteKey | null {
  const owner = str(actor.id);
  if (!owner || !sameOrigin(owner, keyId)) return null;
  const key = keysOf(actor).find((k) => k.id === keyId);
  const pem = key ? str(key.publicKeyPem) : null;
  if (!key || !pem || (key.owner !== undefined && key.owner !== owner)) return null;
  const endpoints = actor.endpoints;
  const sharedInbox = endpoints !== null && typeof endpoints === 'object' && !Array.isArray(endpoints) ? str(endpoints.sharedInbox) : null;
  return { keyId, owner, publicKeyPem: pem, inbox: str(actor.inbox), sharedInbox };
}

/**
 * The public key `keyId`, from the cache unless `refresh`; else fetched from the key's URL (an
 * actor document, or a key document whose `owner` is then fetched) and cached. Null when the
 * documents do not establish the key; throws on network errors and GoneError on HTTP 410.
 */
export async function resolveKey(deps: Deps, keyId: string, policy: FetchPolicy, signer: Signer | null, refresh = false): Promise<RemoteKey | null> {
  if (!refresh) {
    const c = await apRemoteKeys.get(deps.db, keyId);
    if (c) return { keyId, owner: c.owner, publicKeyPem: c.public_key_pem, inbox: c.inbox, sharedInbox: c.shared_inbox, fromCache: true };
  }
  const url = keyId.split('#')[0] ?? keyId;
  let doc = await fetchActivityJson(deps, url, policy, signer);
  if (doc.publicKey === undefined) {
    // A stand-alone key document: its owner's actor must list it.
    const owner = str(doc.owner);
    if (!owner || !sameOrigin(owner, keyId)) return null;
    doc = await fetchActivityJson(deps, owner, policy, signer);
  }
  const key = keyFromActor(doc, keyId);
  if (!key) return null;
  await cacheRemoteKey(deps, { key_id: keyId, owner: key.owner, public_key_pem: key.publicKeyPem, inbox: key.inbox, shared_inbox: key.sharedInbox, fetched_at: deps.clock.now().toISOString() });
  return key;
}
