/**
 * Repeat detection (Art. 36(6): 重复申请): the same applicant asking again for the same
 * information. Both sides are reduced to keys: the applicant's identity (document or unified
 * code) and the normalised description. Keys are SHA-256 digests, so the identity key can sit
 * beside the personal data without repeating it in clear.
 */
import { createHash } from 'node:crypto';
import type { ApplicantType } from './applicant-types.js';

/** Unicode compatibility form, lower case, with every space, punctuation mark and symbol removed. */
export function normaliseText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '');
}

const digest = (s: string): string => createHash('sha256').update(s).digest('hex');

/** What identifies an applicant for repeat detection. */
export interface ApplicantIdentity {
  readonly type: ApplicantType;
  readonly idType: string;
  readonly idNumber: string;
  readonly orgName: string;
  readonly unifiedCode: string;
}

/**
 * The applicant key: a natural person by identity-document type and number; an organisation by its
 * unified social credit code, or by its name when it gave none.
 */
export function applicantKey(a: ApplicantIdentity): string {
  if (a.type === 'natural_person') return digest(`p|${normaliseText(a.idType)}|${normaliseText(a.idNumber)}`);
  const code = normaliseText(a.unifiedCode);
  return digest(code ? `o|code|${code}` : `o|name|${normaliseText(a.orgName)}`);
}

/** The description key: title, document number and other features, normalised. */
export function descriptionKey(d: { readonly title: string; readonly docNumber: string; readonly otherFeatures: string }): string {
  return digest(`${normaliseText(d.title)}|${normaliseText(d.docNumber)}|${normaliseText(d.otherFeatures)}`);
}
