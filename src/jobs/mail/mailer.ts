import nodemailer from 'nodemailer';

/** One e-mail, fully rendered. Sending it twice sends the identical message (same Message-ID and Date). */
export interface MailEnvelope {
  /** `<…@…>`, derived from the outbox row id so a redelivery carries the same Message-ID. */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The Date header: the message's creation time, not the attempt's. */
  date: Date;
  headers: Record<string, string>;
}

/**
 * A mail transport. `send` resolves once the server accepted the message for delivery and rejects
 * with `MailSendError` otherwise; `permanent` says retrying the same message cannot help.
 */
export interface Mailer {
  send(m: MailEnvelope): Promise<void>;
  close(): void;
}

/** A refused or failed send. Permanent errors (the recipient does not exist) are not retried. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

/**
 * SMTP reply codes that concern this message or its recipient (RFC 5321 §4.2.3): bad address
 * syntax, mailbox unavailable or unknown, storage exceeded, name not allowed, transaction refused.
 * Other failures (connection, timeout, 4xx, authentication) are the server's or the
 * configuration's and are retried.
 */
const PERMANENT_CODES = new Set([501, 550, 551, 552, 553, 554]);

function numberProp(err: unknown, key: string): number | undefined {
  if (typeof err !== 'object' || err === null || !(key in err)) return undefined;
  const v: unknown = Reflect.get(err, key);
  return typeof v === 'number' ? v : undefined;
}

/** Classifies an error from nodemailer. The message never includes the SMTP URL (it may hold a password). */
export function classifySmtpError(err: unknown): MailSendError {
  const code = numberProp(err, 'responseCode');
  const text = err instanceof Error ? err.message : String(err);
  return new MailSendError(code !== undefined ? `SMTP ${code}: ${text}` : text, code !== undefined && PERMANENT_CODES.has(code));
}

/** Timeouts well inside the worker's claim lease, so a hung server cannot outlive the claim. */
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/**
 * An SMTP mailer for `url` (`smtp://user:pass@host:587`, `smtps://…:465`). With `pool`, up to that
 * many connections are kept open and reused (for a worker that sends several messages at once);
 * without, each message opens its own connection.
 */
export function smtpMailer(url: string, opts: { pool?: number } = {}): Mailer {
  const u = new URL(url);
  const transport = nodemailer.createTransport({
    host: u.hostname,
    port: u.port ? Number(u.port) : u.protocol === 'smtps:' ? 465 : 587,
    secure: u.protocol === 'smtps:',
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    // Certificates are checked; `?tls=insecure` accepts a local relay's self-signed one.
    ...(u.searchParams.get('tls') === 'insecure' ? { tls: { rejectUnauthorized: false } } : {}),
    ...TIMEOUTS,
    ...(opts.pool ? { pool: true, maxConnections: opts.pool, maxMessages: 1000 } : {}),
  });
  return {
    async send(m) {
      try {
        await transport.sendMail({ messageId: m.messageId, from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html, date: m.date, headers: m.headers });
      } catch (err) {
        throw classifySmtpError(err);
      }
    },
    close: () => transport.close(),
  };
}
