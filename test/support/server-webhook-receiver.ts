// A webhook receiver for the intake's tests: a real HTTP server that verifies each signature the
// way the README tells a support desk to, records what arrived, and can be told to fail or to hold
// its answers (a receiver that is down, or slow).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface Received {
  id: string;
  timestamp: string;
  signatureValid: boolean;
  body: string;
  event: { id: string; type: string; createdAt: string; data: any };
  /** What the receiver answered. */
  answered: number;
}

export interface WebhookReceiver {
  url: string;
  /** Every request, in arrival order. */
  received: Received[];
  /** Requests answered 2xx: what the support desk accepted. */
  accepted(): Received[];
  mode: 'ok' | 'fail' | 'hold';
  /** Requests waiting for an answer while in `hold` mode. */
  held(): number;
  /** Answers every held request with 200 and goes back to `ok`. */
  release(): void;
  close(): Promise<void>;
}

/** The verification a receiver does: recompute v1 over `${timestamp}.${raw body}` and compare in constant time. */
export function verify(secret: string, timestamp: string, rawBody: string, header: string): boolean {
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`);
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const waiting: Array<() => void> = [];
  const receiver: WebhookReceiver = {
    url: '',
    received,
    accepted: () => received.filter((r) => r.answered >= 200 && r.answered < 300),
    mode: 'ok',
    held: () => waiting.length,
    release() {
      receiver.mode = 'ok';
      for (const answer of waiting.splice(0)) answer();
    },
    close: () => new Promise((resolve) => {
      receiver.release();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(request.headers['triage-webhook-timestamp'] ?? '');
      const entry: Received = {
        id: String(request.headers['triage-webhook-id'] ?? ''),
        timestamp,
        signatureValid: verify(secret, timestamp, body, String(request.headers['triage-webhook-signature'] ?? '')),
        body,
        event: JSON.parse(body),
        answered: 0,
      };
      received.push(entry);
      const answer = (status: number) => {
        entry.answered = status;
        response.writeHead(status).end();
      };
      if (receiver.mode === 'fail') answer(503);
      else if (receiver.mode === 'hold') waiting.push(() => answer(200));
      else answer(entry.signatureValid ? 200 : 401);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/triage`;
  return receiver;
}

/** Resolves once `condition` holds, checking every 20 ms; fails after `ms` with `what`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
