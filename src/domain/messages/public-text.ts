/**
 * What of a message may be published (Art. 15: personal privacy is not disclosed). The sender's
 * name and contact details are never published; the texts the public sees are the sender's and
 * the agency's words with personal data masked:
 * - every finding of the personal-data scanner (identity numbers, mobiles, bank cards, e-mail
 *   addresses), masked in full;
 * - every occurrence of the sender's own name, e-mail and phone, which the scanner cannot know
 *   (a name is free text), masked in full.
 * Masking keeps the length, so the text still reads as the sender wrote it. Pure; no I/O.
 */
import { MASK_CHAR, maskPersonalData, scanPersonalData } from '../pii.js';

/** The sender's data to look for, as stored. */
export interface KnownPersonalData {
  name: string;
  email: string;
  phone: string;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `text` with scanner findings and the sender's own data masked with ■. */
export function publicText(text: string, known: KnownPersonalData): string {
  let out = maskPersonalData(text, scanPersonalData(text), { style: 'full' });
  const phoneDigits = known.phone.replace(/\D/g, '');
  const needles = [known.name.trim(), known.email.trim(), known.phone.trim()].filter((s) => [...s].length >= 2);
  for (const n of needles.sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(escapeRegExp(n), 'gi'), (m) => MASK_CHAR.repeat([...m].length));
  }
  // A phone typed with other separators than in the form: match its digits with optional separators.
  if (phoneDigits.length >= 7) {
    const loose = new RegExp(phoneDigits.split('').map(escapeRegExp).join('[ \\-]?'), 'g');
    out = out.replace(loose, (m) => m.replace(/\d/g, MASK_CHAR));
  }
  return out;
}

/** True when publishing `text` as is would disclose something `publicText` masks. */
export function needsMasking(text: string, known: KnownPersonalData): boolean {
  return publicText(text, known) !== text;
}
