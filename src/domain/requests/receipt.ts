/**
 * Art. 31, the date of receipt, by channel: in person, the day submitted; by registered mail, the
 * day signed for; by ordinary mail, the day the office confirms it with the applicant; online or by
 * fax, the day both sides confirm it.
 */
import { AppError } from '../errors.js';
import { compareDates, isIsoDate } from '../calendar/iso-date.js';

export const CHANNELS = ['online', 'in_person', 'registered_mail', 'ordinary_mail', 'fax'] as const;
export type Channel = (typeof CHANNELS)[number];

/** True when `x` is a channel code. */
export function isChannel(x: string): x is Channel {
  return (CHANNELS as readonly string[]).includes(x);
}

/** The facts known when an application is registered. */
export interface ReceiptFacts {
  /** The day the application arrived or was handed in. */
  readonly submittedOn: string;
  /** Registered mail: the day signed for. */
  readonly signedForOn?: string;
  /** Ordinary mail, fax, online: the day of the confirmation with the applicant, if it happened. */
  readonly confirmedOn?: string;
}

/** Does this channel's receipt need a recorded confirmation with the applicant? */
export function needsConfirmation(channel: Channel): boolean {
  return channel === 'online' || channel === 'ordinary_mail' || channel === 'fax';
}

/**
 * The Art. 31 date of receipt, or null when it is fixed only by a later confirmation. Refuses
 * dates after `today`, before the submission, or missing where the channel needs them.
 */
export function receiptDate(channel: Channel, facts: ReceiptFacts, today: string): string | null {
  const check = (field: string, d: string | undefined): string | undefined => {
    if (d === undefined) return undefined;
    if (!isIsoDate(d)) throw new AppError('validation_failed', { fields: [{ field, code: 'bad_date' }] });
    if (compareDates(d, today) > 0) throw new AppError('validation_failed', { fields: [{ field, code: 'in_future' }] });
    if (field !== 'submitted_on' && compareDates(d, facts.submittedOn) < 0) throw new AppError('validation_failed', { fields: [{ field, code: 'before_submission' }] });
    return d;
  };
  check('submitted_on', facts.submittedOn);
  const signed = check('signed_for_on', facts.signedForOn);
  const confirmed = check('confirmed_on', facts.confirmedOn);
  switch (channel) {
    case 'in_person':
      return facts.submittedOn;
    case 'registered_mail':
      if (signed === undefined) throw new AppError('validation_failed', { fields: [{ field: 'signed_for_on', code: 'required' }] });
      return signed;
    case 'online':
    case 'ordinary_mail':
    case 'fax':
      return confirmed ?? null;
  }
}
