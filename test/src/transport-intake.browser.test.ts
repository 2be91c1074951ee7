// The intake transport and signals client in Chromium against the REAL intake service: what it
// sends is what the service stores, and each kind of answer becomes the right DeliveryError.
import { expect } from '@open-wc/testing';
import { describe, it } from '../support/harness.js';
import { createIntakeTransport, readIntakeStatus } from '../../src/transports/intake.js';
import { createIntakeSignals } from '../../src/signals.js';
import type { Transport } from '../../src/delivery.js';
import { afterEach, before, beforeEach, loadEnv, logFile, makeTicket, pngFile, withFiles, type IntakeEnv, command, rejection } from '../support/delivery-fixtures.js';


async function sha256(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

describe('intake transport (real intake service)', () => {
  let env: IntakeEnv;
  let transport: Transport;

  before(async () => {
    env = await loadEnv();
    transport = createIntakeTransport({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY });
  });
  beforeEach(() => command('intake-reset-faults'));
  afterEach(() => command('intake-reset-faults'));

  it('sends the ticket and its files in order, and the service stores exactly those bytes', async () => {
    const png = await pngFile('first.png');
    const log = logFile(10_000, 'second.log');
    const ticket = withFiles(makeTicket(), [png, log]);
    const result = await transport.send(ticket, [png, log]);
    expect(result.id).to.equal(ticket.id);
    expect(result.reference).to.be.a('string').and.not.empty;

    // The browser's key reads its own ticket only, with the receipt the 201 carried.
    expect(result.receipt).to.match(/^[A-Za-z0-9_-]{43}$/);
    const headers = { Authorization: `Bearer ${env.INTAKE_KEY}`, 'Triage-Receipt': result.receipt! };
    const stored = await (await fetch(`${env.INTAKE_DIRECT_URL}/api/tickets/${ticket.id}`, { headers })).json();
    expect(stored.summary).to.equal(ticket.summary);
    expect(stored.attachments.map((a: { size: number }) => a.size)).to.deep.equal([png.blob.size, log.blob.size]);
    // The service's own hash of what it stored, compared with the bytes we hold.
    const hashes = await Promise.all([png, log].map(async (file) => sha256(await file.blob.arrayBuffer())));
    expect(stored.attachments.map((a: { sha256: string }) => a.sha256)).to.deep.equal(hashes);
  });

  it('is safe to repeat: the same ticket again answers with the same reference, stored once', async () => {
    const ticket = makeTicket();
    const first = await transport.send(ticket, []);
    const again = await transport.send(ticket, []);
    expect(again).to.deep.equal(first);
    expect(await command<number>('intake-count', { id: ticket.id })).to.equal(1);
  });

  it('reports upload progress in bytes, rising to the total', async () => {
    await command('intake-slow', { ms: 20 });
    const log = logFile(9 * 1024 * 1024);
    const ticket = withFiles(makeTicket(), [log], 'logs');
    const events: [number, number][] = [];
    await transport.send(ticket, [log], { onProgress: (loaded, total) => events.push([loaded, total]) });
    expect(events.length).to.be.greaterThan(2);
    const loaded = events.map(([l]) => l);
    expect(loaded).to.deep.equal([...loaded].sort((a, b) => a - b));
    expect(loaded[0]).to.be.lessThan(events[0][1]);
    const [lastLoaded, total] = events[events.length - 1];
    expect(lastLoaded).to.equal(total);
    expect(total).to.be.greaterThan(log.blob.size);
  });

  it('says the API key was refused (401) without ever repeating the key', async () => {
    const wrongKey = `wrong-${crypto.randomUUID()}`;
    const refused = createIntakeTransport({ url: env.INTAKE_URL, getApiKey: async () => wrongKey });
    const error = await rejection(refused.send(makeTicket(), []));
    expect(error.permanent).to.equal(true);
    expect(error.status).to.equal(401);
    expect(error.message).to.contain('refused the API key (401)');
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).to.not.contain(wrongKey);
  });

  it('refuses a different report under a used id as a permanent conflict (409)', async () => {
    const ticket = makeTicket();
    await transport.send(ticket, []);
    const error = await rejection(transport.send({ ...ticket, summary: 'Something else entirely' }, []));
    expect(error.permanent).to.equal(true);
    expect(error.status).to.equal(409);
  });

  it('passes on the service message and fields of a refused file (415)', async () => {
    const fake = { name: 'shot.png', type: 'image/png', blob: new Blob(['GIF89a not a png'], { type: 'image/png' }) };
    const error = await rejection(transport.send(withFiles(makeTicket(), [fake]), [fake]));
    expect(error.permanent).to.equal(true);
    expect(error.status).to.equal(415);
    expect(error.message).to.contain('shot.png');
    expect(error.fields?.[0].path).to.equal('attachments.0.type');
  });

  // 408 is left to the core test: Chromium itself retries a request answered 408 on a reused connection.
  it('treats 500, 502 and 503 as worth retrying', async () => {
    for (const status of [500, 502, 503]) {
      await command('intake-fail', { status, times: 1 });
      const error = await rejection(transport.send(makeTicket(), []));
      expect(error.permanent, String(status)).to.equal(false);
      expect(error.status).to.equal(status);
    }
  });

  it('reads Retry-After in seconds and as an HTTP date from a 429', async () => {
    await command('intake-fail', { status: 429, times: 1, retryAfter: 3 });
    const seconds = await rejection(transport.send(makeTicket(), []));
    expect(seconds.permanent).to.equal(false);
    expect(seconds.retryAfterMs).to.equal(3000);

    await command('intake-fail', { status: 429, times: 1, retryAfter: new Date(Date.now() + 60_000).toUTCString() });
    const date = await rejection(transport.send(makeTicket(), []));
    expect(date.retryAfterMs).to.be.within(55_000, 60_000);
  });

  it('treats a refused connection as transient, in words', async () => {
    await command('intake-down');
    const error = await rejection(transport.send(makeTicket(), []));
    expect(error.permanent).to.equal(false);
    expect(error.code).to.equal('network');
    expect(error.message).to.contain('Could not reach the intake service');
  });

  it('gives up on a service that does not answer in time, as transient', async () => {
    await command('intake-delay', { ms: 3000, times: 1 });
    const impatient = createIntakeTransport({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY, timeoutMs: 200 });
    const error = await rejection(impatient.send(makeTicket(), []));
    expect(error.permanent).to.equal(false);
    expect(error.code).to.equal('timeout');
  });

  it('reads its own ticket\'s status and events with the receipt, and nothing without it', async () => {
    const ticket = makeTicket();
    const result = await transport.send(ticket, []);
    const options = { url: env.INTAKE_URL, apiKey: env.INTAKE_KEY };
    const status = await readIntakeStatus(options, result);
    expect(status.reference).to.equal(result.reference);
    expect(status.status).to.equal('new');
    expect(status.events.map((event) => event.type)).to.deep.equal(['created']);
    const other = await transport.send(makeTicket(), []);
    // Another ticket's receipt reads like a ticket that does not exist.
    const wrong = await rejection(readIntakeStatus(options, { id: other.id, receipt: result.receipt }));
    expect([wrong.status, wrong.permanent]).to.deep.equal([404, true]);
    const listed = await fetch(`${env.INTAKE_DIRECT_URL}/api/tickets`, { headers: { Authorization: `Bearer ${env.INTAKE_KEY}` } });
    expect(listed.status).to.equal(403);
    const download = await fetch(`${env.INTAKE_DIRECT_URL}/api/tickets/${ticket.id}/attachments/0`, {
      headers: { Authorization: `Bearer ${env.INTAKE_KEY}`, 'Triage-Receipt': result.receipt! },
    });
    expect(download.status).to.equal(403);
  });

  it('stops when the caller aborts, leaving the report to be retried', async () => {
    await command('intake-delay', { ms: 3000, times: 1 });
    const controller = new AbortController();
    const sending = transport.send(makeTicket(), [], { signal: controller.signal });
    controller.abort();
    const error = await rejection(sending);
    expect(error.permanent).to.equal(false);
    expect(error.code).to.equal('aborted');
  });
});

describe('intake signals (real intake service)', () => {
  it('counts recent reports of the same category and queue, and the distinct agents', async () => {
    const env = await loadEnv();
    const transport = createIntakeTransport({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY });
    const signals = createIntakeSignals({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY });
    const queue = `queue-${crypto.randomUUID()}`;
    expect(await signals.recent({ category: 'voice', queue, minutes: 30 })).to.deep.equal({ reports: 0, agents: 0, minutes: 30 });

    await transport.send(makeTicket({ category: 'voice', records: { queue }, reporter: { accountId: '1' } }), []);
    await transport.send(makeTicket({ category: 'voice', records: { queue }, reporter: { accountId: '2' } }), []);
    await transport.send(makeTicket({ category: 'voice', records: { queue }, reporter: { accountId: '2' } }), []);
    await transport.send(makeTicket({ category: 'email-routing', records: { queue }, reporter: { accountId: '3' } }), []);
    expect(await signals.recent({ category: 'voice', queue, minutes: 30 })).to.deep.equal({ reports: 3, agents: 2, minutes: 30 });
  });

  it('passes on a refused query with the field named', async () => {
    const env = await loadEnv();
    const signals = createIntakeSignals({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY });
    const error = await rejection(signals.recent({ category: 'printer' }));
    expect(error.status).to.equal(400);
    expect(error.fields?.[0].path).to.equal('category');
  });
});
