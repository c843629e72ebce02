import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/domain/clock.js';
import { verifyWebhookSignature } from '../../src/domain/webhooks/signing.js';

/** One request as the receiver got it, with its own verdict. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  eventId: string;
  verified: boolean;
  reason: string | null;
}

/**
 * A real HTTP receiver on 127.0.0.1 that verifies every request with the exported verifier (its
 * secrets, the test's clock): 401 when the signature does not verify, else the status `respond`
 * gives (200 by default).
 */
export interface WebhookReceiver {
  url: string;
  received: Received[];
  secrets: string[];
  respond: (r: Received) => number;
  close(): Promise<void>;
}

export async function startReceiver(clock: Clock, secrets: string[] = []): Promise<WebhookReceiver> {
  const rx: WebhookReceiver = { url: '', received: [], secrets, respond: () => 200, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const v = verifyWebhookSignature(rx.secrets, req.headers, body, clock.now());
      const r: Received = { path: req.url ?? '', headers: req.headers, body, eventId: String(req.headers['gongkai-event-id'] ?? ''), verified: v.ok, reason: v.ok ? null : v.reason };
      rx.received.push(r);
      res.statusCode = v.ok ? rx.respond(r) : 401;
      res.end(v.ok ? 'ok' : v.reason);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port; // listening on TCP, so the address is an AddressInfo
  rx.url = `http://127.0.0.1:${port}/hooks`;
  rx.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return rx;
}
