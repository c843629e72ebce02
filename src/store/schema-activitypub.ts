/** Table types of the ActivityPub adapter (migration 018); `DB` in schema.ts extends this interface. */

/**
 * One ActivityPub actor per agency, created at first use. `actor_url` is fixed at creation (an
 * actor's id must never change, or followers lose it); the delivery job reads it back, since
 * jobs do not know the configured public URL. `private_key_pem` never leaves the server.
 */
export interface ApActorTable {
  agency_id: string;
  actor_url: string;
  /** RSA-2048, SPKI PEM: served as `publicKey.publicKeyPem`. */
  public_key_pem: string;
  /** PKCS#8 PEM: signs deliveries and key fetches; never served. */
  private_key_pem: string;
  created_at: string;
}

/** A remote actor following an agency (issue 8 §4). Public: server addresses of accounts, no names. */
export interface ApFollowerTable {
  agency_id: string;
  /** The remote actor's id (an https URL). */
  actor_url: string;
  inbox: string;
  /** The remote server's shared inbox, when it has one: deliveries go there once per server. */
  shared_inbox: string | null;
  /** The id of the Follow activity we accepted. */
  follow_id: string;
  created_at: string;
}

/** Cache of remote public keys (`keyId` → owner and PEM), refreshed when a signature fails. */
export interface ApRemoteKeyTable {
  key_id: string;
  owner: string;
  public_key_pem: string;
  inbox: string | null;
  shared_inbox: string | null;
  fetched_at: string;
}

/**
 * One signed POST of one activity to one inbox, with claims and leases like the mail outbox
 * (`repos/outbox-repo.ts`). `dedupe_key` (activity id + inbox) makes expansion idempotent.
 */
export interface ApDeliveryTable {
  id: string;
  agency_id: string;
  inbox: string;
  activity_id: string;
  /** The activity as JSON text, byte for byte what is sent (the Digest covers it). */
  body: string;
  dedupe_key: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  not_before: string;
  attempts: number;
  last_error: string | null;
  claim_token: string | null;
  lease_until: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface ActivityPubTables {
  ap_actors: ApActorTable;
  ap_followers: ApFollowerTable;
  ap_remote_keys: ApRemoteKeyTable;
  ap_deliveries: ApDeliveryTable;
}
