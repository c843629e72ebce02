import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Mailer } from './mailer.js';

/**
 * Development mail (issue 8 §5): each message is rendered by nodemailer's stream transport into
 * RFC 5322 bytes and written as `<dir>/<date>-<message id>.eml`, readable by any mail client.
 * The name comes from the Message-ID, so a redelivered message overwrites its own file; the file
 * is written under a temporary name and renamed, so a reader never sees half a message.
 */
export function fileMailer(dir: string): Mailer {
  mkdirSync(dir, { recursive: true });
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    async send(m) {
      const info = await transport.sendMail({ messageId: m.messageId, from: m.from, to: m.to, subject: m.subject, text: m.text, html: m.html, date: m.date, headers: m.headers });
      const bytes = info.message;
      if (!Buffer.isBuffer(bytes)) throw new Error('stream transport gave no buffer');
      const name = `${m.date.toISOString().replace(/[:.]/g, '-')}-${m.messageId.replace(/[^A-Za-z0-9@._-]/g, '')}.eml`;
      const tmp = join(dir, `.${name}.tmp`);
      writeFileSync(tmp, bytes);
      renameSync(tmp, join(dir, name));
    },
    close: () => transport.close(),
  };
}
