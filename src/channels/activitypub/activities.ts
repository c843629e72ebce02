/**
 * The ActivityPub documents Gongkai serves and sends, as pure functions of public data: the
 * agency's actor, the Note that stands for a document, the Create/Update activities of its
 * publication, correction and withdrawal, the Accept of a Follow, and the outbox collection.
 *
 * Decisions (issue 8 §4 is silent on them):
 * - A document is one Note whose id is derived from its index number, so a correction, a
 *   validity change (repealed, expired…) or a withdrawal is an `Update` of the same Note: Mastodon then shows the post as edited, and the
 *   link still leads to the document page, which keeps the withdrawal notice (withdrawn
 *   documents stay on the public record, so we never send `Delete`/`Tombstone`).
 * - The text is the document's own Chinese title and summary; the few words around them reuse
 *   the feed strings of the portal (zh-CN), so no new catalogue keys are needed.
 * - Followers are people's accounts: the followers collection shows a count, never the list.
 */
import { translator } from '../../i18n/i18n.js';

/** A JSON value. */
export type ApJson = string | number | boolean | null | ApJson[] | { [key: string]: ApJson };
export type ApObject = { [key: string]: ApJson };

export const AS_PUBLIC = 'https://www.w3.org/ns/activitystreams#Public';
export const AS_CONTEXT = 'https://www.w3.org/ns/activitystreams';
export const ACTIVITY_JSON = 'application/activity+json; charset=utf-8';
export const OUTBOX_PAGE_SIZE = 20;

/** The public facts of an agency that its actor shows. */
export interface AgencyFacts {
  code: string;
  name_zh: string;
  name_en: string;
  created_at: string;
}

/** `preferredUsername`: the agency code lower-cased (codes are validated letters and digits). */
export function usernameOf(code: string): string {
  return code.toLowerCase();
}

/** The actor id of a not-yet-created actor; existing actors keep the id they were created with. */
export function newActorUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/ap/agencies/${encodeURIComponent(code)}`;
}

/** The shared inbox of the instance. */
export function sharedInboxUrl(publicUrl: string): string {
  return `${publicUrl}/ap/inbox`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The actor document of an agency. `publicKeyPem` is the only key material it carries. */
export function actorDocument(o: { publicUrl: string; actorUrl: string; agency: AgencyFacts; publicKeyPem: string }): ApObject {
  const { agency, actorUrl } = o;
  const page = `${o.publicUrl}/agencies/${encodeURIComponent(agency.code)}`;
  const summaryZh = `<p><a href="${esc(page)}">${esc(agency.name_zh)}</a></p>`;
  const summaryEn = `<p><a href="${esc(o.publicUrl)}/en/agencies/${esc(encodeURIComponent(agency.code))}">${esc(agency.name_en)}</a></p>`;
  return {
    '@context': [AS_CONTEXT, 'https://w3id.org/security/v1', { manuallyApprovesFollowers: 'as:manuallyApprovesFollowers', toot: 'http://joinmastodon.org/ns#', discoverable: 'toot:discoverable', indexable: 'toot:indexable' }],
    id: actorUrl,
    type: 'Organization',
    preferredUsername: usernameOf(agency.code),
    name: agency.name_zh,
    nameMap: { zh: agency.name_zh, en: agency.name_en },
    summary: summaryZh + summaryEn,
    summaryMap: { zh: summaryZh, en: summaryEn },
    url: page,
    inbox: `${actorUrl}/inbox`,
    outbox: `${actorUrl}/outbox`,
    followers: `${actorUrl}/followers`,
    following: `${actorUrl}/following`,
    endpoints: { sharedInbox: sharedInboxUrl(o.publicUrl) },
    manuallyApprovesFollowers: false,
    discoverable: true,
    indexable: true,
    published: agency.created_at,
    publicKey: { id: `${actorUrl}#main-key`, owner: actorUrl, publicKeyPem: o.publicKeyPem },
  };
}

/** The WebFinger answer (RFC 7033) for `acct:<username>@<host>`. */
export function webfingerDocument(o: { username: string; host: string; actorUrl: string; pageUrl: string }): ApObject {
  return {
    subject: `acct:${o.username}@${o.host}`,
    aliases: [o.actorUrl, o.pageUrl],
    links: [
      { rel: 'self', type: 'application/activity+json', href: o.actorUrl },
      { rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: o.pageUrl },
    ],
  };
}

/** One public event of a document, as the outbox and deliveries show it. */
export interface DocumentEntry {
  eventId: string;
  kind: 'document.published' | 'document.corrected' | 'document.withdrawn' | 'document.validity_changed';
  at: string;
  indexNumber: string;
  version: number;
  title: string;
  summary: string;
  docNumber: string;
  /** Change note of a new version, the reason for a withdrawal, or the note of a validity change. */
  note: string;
  /** When the document was first published (the Note's `published`). */
  firstPublishedAt: string;
}

function documentPagePath(indexNumber: string): string {
  const [code = '', ys = ''] = indexNumber.split('/');
  return `/documents/${encodeURIComponent(code)}/${encodeURIComponent(ys)}`;
}

/** The Note id of a document: stable across versions, so corrections edit the same post. */
export function noteUrl(actorUrl: string, indexNumber: string): string {
  const ys = indexNumber.split('/')[1] ?? indexNumber;
  return `${actorUrl}/documents/${encodeURIComponent(ys)}`;
}

/** The activity id of an event. */
export function activityUrl(actorUrl: string, eventId: string): string {
  return `${actorUrl}/activities/${encodeURIComponent(eventId)}`;
}

/** The Note that stands for a document in the state this entry records. */
export function documentNote(publicUrl: string, actorUrl: string, e: DocumentEntry): ApObject {
  const t = translator('zh-CN');
  const link = `${publicUrl}${documentPagePath(e.indexNumber)}`;
  const prefix = { 'document.published': '', 'document.corrected': t('feed.kind.new_version'), 'document.withdrawn': t('feed.kind.withdrawn'), 'document.validity_changed': t('feed.kind.validity') }[e.kind];
  const lines = [`<p>${esc(prefix)}<a href="${esc(link)}">${esc(e.title)}</a></p>`];
  if (e.note) {
    if (e.kind === 'document.withdrawn') lines.push(`<p>${esc(t('feed.summary.withdrawn', { note: e.note }))}</p>`);
    if (e.kind === 'document.corrected') lines.push(`<p>${esc(t('feed.summary.new_version', { n: e.version, note: e.note }))}</p>`);
    if (e.kind === 'document.validity_changed') lines.push(`<p>${esc(t('feed.summary.validity', { note: e.note }))}</p>`);
  }
  if (e.summary) lines.push(`<p>${esc(e.summary)}</p>`);
  lines.push(`<p>${esc([e.docNumber, e.indexNumber].filter((x) => x !== '').join(' · '))}</p>`);
  const content = lines.join('');
  return {
    id: noteUrl(actorUrl, e.indexNumber),
    type: 'Note',
    attributedTo: actorUrl,
    to: [AS_PUBLIC],
    cc: [`${actorUrl}/followers`],
    published: e.firstPublishedAt,
    ...(e.kind === 'document.published' ? {} : { updated: e.at }),
    url: link,
    content,
    contentMap: { zh: content },
  };
}

/** `Create` for a first publication, `Update` for a new version, a validity change or a withdrawal. */
export function documentActivity(publicUrl: string, actorUrl: string, e: DocumentEntry, withContext = true): ApObject {
  return {
    ...(withContext ? { '@context': AS_CONTEXT } : {}),
    id: activityUrl(actorUrl, e.eventId),
    type: e.kind === 'document.published' ? 'Create' : 'Update',
    actor: actorUrl,
    published: e.at,
    to: [AS_PUBLIC],
    cc: [`${actorUrl}/followers`],
    object: documentNote(publicUrl, actorUrl, e),
  };
}

/** The Accept of a Follow, echoing the Follow so the follower can match it. */
export function acceptActivity(actorUrl: string, follow: { id: string; actor: string }, acceptId: string): ApObject {
  return {
    '@context': AS_CONTEXT,
    id: `${actorUrl}/accepts/${encodeURIComponent(acceptId)}`,
    type: 'Accept',
    actor: actorUrl,
    to: [follow.actor],
    object: { id: follow.id, type: 'Follow', actor: follow.actor, object: actorUrl },
  };
}

/** The outbox collection (without items) or one page of it, newest first. */
export function outboxDocument(o: { publicUrl: string; actorUrl: string; total: number; page: number | null; entries: readonly DocumentEntry[] }): ApObject {
  const outbox = `${o.actorUrl}/outbox`;
  const lastPage = Math.max(1, Math.ceil(o.total / OUTBOX_PAGE_SIZE));
  if (o.page === null) {
    return { '@context': AS_CONTEXT, id: outbox, type: 'OrderedCollection', totalItems: o.total, first: `${outbox}?page=1`, last: `${outbox}?page=${lastPage}` };
  }
  return {
    '@context': AS_CONTEXT,
    id: `${outbox}?page=${o.page}`,
    type: 'OrderedCollectionPage',
    partOf: outbox,
    totalItems: o.total,
    ...(o.page > 1 ? { prev: `${outbox}?page=${o.page - 1}` } : {}),
    ...(o.page < lastPage ? { next: `${outbox}?page=${o.page + 1}` } : {}),
    orderedItems: o.entries.map((e) => documentActivity(o.publicUrl, o.actorUrl, e, false)),
  };
}

/** A collection shown by its size only (followers, following). */
export function countOnlyCollection(id: string, total: number): ApObject {
  return { '@context': AS_CONTEXT, id, type: 'OrderedCollection', totalItems: total };
}
