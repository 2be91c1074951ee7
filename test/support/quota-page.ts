// Runs in a window on a second origin (Chromium applies a quota override only to an origin that
// has not touched storage yet), submits one report there and tells the opener what happened.
import { createOutbox } from '../../src/outbox.js';
import { createIntakeTransport } from '../../src/transports/intake.js';
import type { Ticket } from '../../src/ticket.js';

interface Probe {
  ticket: Ticket;
  bytes: number;
  dbName: string;
  intakeUrl: string;
  intakeKey: string;
}

addEventListener('message', async (event: MessageEvent<Probe>) => {
  const { ticket, bytes, dbName, intakeUrl, intakeKey } = event.data;
  const outbox = createOutbox({
    transport: createIntakeTransport({ url: intakeUrl, apiKey: intakeKey }),
    dbName,
    backoff: { baseMs: 600_000, maxMs: 600_000 },
  });
  const blob = new Blob([new Uint8Array(bytes).fill(65)], { type: 'text/plain' });
  let outcome: Record<string, unknown>;
  try {
    await outbox.submit({ ...ticket, attachments: [{ name: 'big.log', type: 'text/plain', size: blob.size, kind: 'logs' }] }, [
      { name: 'big.log', type: 'text/plain', blob },
    ]);
    outcome = { stored: true };
  } catch (error) {
    const failure = error as { name?: string; message?: string; code?: string };
    outcome = { stored: false, name: failure.name, message: failure.message, code: failure.code };
  }
  outcome.listed = (await outbox.list()).length;
  outbox.close();
  (event.source as Window).postMessage(outcome, event.origin);
});

opener?.postMessage('ready', '*');
