import { resolve } from 'node:path';
import { AppError } from '../domain/errors.js';

/** Outgoing mail and reminder settings (README, configuration table). */
export interface MailSettings {
  /** `smtp://user:pass@host:587` or `smtps://…`; null when unset: e-mail is then held in the outbox, never dropped. */
  smtpUrl: string | null;
  /** The From header, e.g. `政府信息公开 <noreply@gongkai.example.gov.cn>`. */
  mailFrom: string;
  /** Working days before a request's due date when its due-soon reminder goes out (issue 5 §8). */
  reminderDueSoonDays: number;
  /**
   * Development mail: with no SMTP server, each message is written as an `.eml` file into this
   * directory (`GONGKAI_MAIL_DIR`, relative to the data directory) instead of being held. Null: off.
   */
  mailDir: string | null;
  /** Shared secret of `POST /api/v1/mail-events` (GONGKAI_MAIL_EVENTS_SECRET); null: the endpoint is off. */
  mailEventsSecret: string | null;
}

/**
 * Reads `GONGKAI_SMTP_URL`, `GONGKAI_MAIL_FROM` (default `noreply@<public host name>`),
 * `GONGKAI_REMINDER_DAYS` (default 3, 0..20) and `GONGKAI_MAIL_DIR` (development `.eml` files,
 * resolved against the data directory; used only while `GONGKAI_SMTP_URL` is unset). Throws AppError('validation_failed') for a URL that is
 * not smtp/smtps or a From with no address; the message never repeats the URL, which may hold a
 * password.
 */
export function mailSettings(env: Record<string, string | undefined>, publicUrl: string, dataDir = resolve(env.GONGKAI_DATA_DIR || './data')): { mail: MailSettings } {
  const raw = env.GONGKAI_SMTP_URL || null;
  if (raw !== null) {
    let ok = false;
    try {
      const u = new URL(raw);
      ok = (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== '';
    } catch {
      ok = false;
    }
    if (!ok) throw new AppError('validation_failed', { message: 'GONGKAI_SMTP_URL must look like smtp://user:password@host:587 or smtps://host:465' });
  }
  const mailFrom = env.GONGKAI_MAIL_FROM || `noreply@${new URL(publicUrl).hostname}`;
  if (!/@[^@\s>]+/.test(mailFrom)) throw new AppError('validation_failed', { message: `GONGKAI_MAIL_FROM must contain an e-mail address, got "${mailFrom}"` });
  const daysRaw = env.GONGKAI_REMINDER_DAYS;
  const days = daysRaw === undefined || daysRaw === '' ? 3 : Number(daysRaw);
  if (!Number.isInteger(days) || days < 0 || days > 20) {
    throw new AppError('validation_failed', { message: `GONGKAI_REMINDER_DAYS must be an integer in 0..20, got "${daysRaw ?? ''}"` });
  }
  const mailDir = env.GONGKAI_MAIL_DIR ? resolve(dataDir, env.GONGKAI_MAIL_DIR) : null;
  const secret = env.GONGKAI_MAIL_EVENTS_SECRET || null;
  if (secret !== null && secret.length < 16) throw new AppError('validation_failed', { message: 'GONGKAI_MAIL_EVENTS_SECRET must be at least 16 characters' });
  return { mail: { smtpUrl: raw, mailFrom, reminderDueSoonDays: days, mailDir, mailEventsSecret: secret } };
}
