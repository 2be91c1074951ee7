// The pure parts of delivery (retry timing, answers read into errors, the OSvC note), run in Node
// and in Chromium through the shared harness.
import { expect } from 'chai';
import { describe, it } from '../support/harness.js';
import { backoffDelay, describeStorageError, DEFAULT_BACKOFF } from '../../src/outbox.js';
import { parseRetryAfter, readIntakeError } from '../../src/transports/http.js';
import { readResponse } from '../../src/transports/intake.js';
import { incidentNote, readIncident, incidentBody, createOsvcTransport } from '../../src/transports/osvc.js';
import { DeliveryError } from '../../src/delivery.js';
import { base64ToBytes, bytesToBase64 } from '../../src/base64.js';
import type { Ticket } from '../../src/ticket.js';
import { SEVERITY_NAMES } from '../../src/severity.js';

const caught = (fn: () => unknown): DeliveryError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DeliveryError) return error;
    throw error;
  }
  throw new Error('expected a DeliveryError');
};

describe('backoff', () => {
  it('never waits longer than base * 2^(attempt-1) nor the cap', () => {
    const settings = { baseMs: 2000, maxMs: 300_000 };
    const almostOne = () => 0.999999;
    expect(backoffDelay(1, settings, almostOne)).to.be.lessThan(2000).and.at.least(1999);
    expect(backoffDelay(2, settings, almostOne)).to.be.lessThan(4000).and.at.least(3999);
    expect(backoffDelay(5, settings, almostOne)).to.be.lessThan(32_000).and.at.least(31_999);
    expect(backoffDelay(9, settings, almostOne)).to.equal(299_999);
    expect(backoffDelay(1000, settings, almostOne)).to.equal(299_999);
  });

  it('draws uniformly from zero up to the ceiling (full jitter)', () => {
    expect(backoffDelay(4, DEFAULT_BACKOFF, () => 0)).to.equal(0);
    expect(backoffDelay(4, DEFAULT_BACKOFF, () => 0.5)).to.equal(8000);
    for (let attempt = 1; attempt < 30; attempt++) {
      const delay = backoffDelay(attempt);
      expect(delay).to.be.at.least(0).and.below(Math.min(DEFAULT_BACKOFF.maxMs, DEFAULT_BACKOFF.baseMs * 2 ** (attempt - 1)));
    }
  });

  it('spreads retries: a thousand draws are not all alike', () => {
    const delays = new Set(Array.from({ length: 1000 }, () => backoffDelay(6)));
    expect(delays.size).to.be.greaterThan(500);
  });

  it('stays finite with a zero base', () => {
    expect(backoffDelay(5000, { baseMs: 0, maxMs: 10 }, () => 0.5)).to.equal(0);
  });
});

describe('storage errors', () => {
  it('says in words that the device has no room when IndexedDB reports QuotaExceededError', () => {
    const message = describeStorageError(new DOMException('Quota exceeded', 'QuotaExceededError'));
    expect(message).to.match(/^This device has no room to keep the report: /);
    expect(message).to.contain('Nothing was sent');
  });

  it('explains other storage failures without pretending they are about space', () => {
    const message = describeStorageError(new DOMException('Internal error opening backing store', 'UnknownError'));
    expect(message).to.not.contain('no room');
    expect(message).to.contain('Internal error opening backing store');
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-11-27T05:00:00Z');
  it('reads delta seconds and HTTP dates', () => {
    expect(parseRetryAfter('1', now)).to.equal(1000);
    expect(parseRetryAfter(' 120 ', now)).to.equal(120_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 05:00:30 GMT', now)).to.equal(30_000);
  });
  it('ignores absent or unreadable values and dates in the past', () => {
    expect(parseRetryAfter(null, now)).to.equal(undefined);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
    expect(parseRetryAfter('Fri, 27 Nov 2026 04:00:00 GMT', now)).to.equal(0);
  });
});

describe('intake answers', () => {
  const raw = (status: number, body: unknown, retryAfter: string | null = null) => ({
    status,
    text: typeof body === 'string' ? body : JSON.stringify(body),
    retryAfter,
  });

  it('reads 201 and 200 into the service id, reference and related reports', () => {
    const body = { id: 'a', reference: 'TK-1', status: 'new', receivedAt: '2026-11-27T05:00:00Z', related: { reports: 2, agents: 1, minutes: 30 } };
    expect(readResponse(raw(201, body))).to.deep.equal(body);
    expect(readResponse(raw(200, body)).reference).to.equal('TK-1');
  });

  it('does not call a 201 without a reference sent: it is retried', () => {
    const error = caught(() => readResponse(raw(201, '<html>ok</html>')));
    expect(error.permanent).to.equal(false);
  });

  it('treats 400/401/403/404/409/413/415 as permanent with the service message and fields', () => {
    for (const status of [400, 401, 403, 404, 409, 413, 415]) {
      const error = caught(() =>
        readResponse(raw(status, { error: { code: 'x', message: 'Because.', fields: [{ path: 'summary', message: 'Summary is required.' }] } })),
      );
      expect(error.permanent, String(status)).to.equal(true);
      expect(error.status).to.equal(status);
      expect(error.message).to.contain(`(${status})`).and.contain('Because.');
      expect(error.fields).to.deep.equal([{ path: 'summary', message: 'Summary is required.' }]);
    }
    expect(caught(() => readResponse(raw(401, {}))).message).to.contain('refused the API key (401)');
  });

  it('treats 408, 429 and 5xx as transient and carries Retry-After', () => {
    for (const status of [408, 429, 500, 502, 503]) {
      expect(caught(() => readResponse(raw(status, 'oops'))).permanent, String(status)).to.equal(false);
    }
    expect(caught(() => readResponse(raw(429, { error: { message: 'Slow down.' } }, '7'))).retryAfterMs).to.equal(7000);
  });

  it('keeps only well-formed field issues from an error body', () => {
    expect(readIntakeError(JSON.stringify({ error: { message: 'm', fields: [{ path: 'a', message: 'b', extra: 1 }, { path: 3 }] } }))).to.deep.equal({
      code: undefined,
      message: 'm',
      fields: [{ path: 'a', message: 'b' }],
    });
    expect(readIntakeError('not json')).to.deep.equal({});
  });
});

const ticket: Ticket = {
  id: '4f9c1a52-7d1e-4c55-9a43-2b7f0c1d9e10',
  createdAt: '2026-12-01T20:30:00.000Z',
  summary: 'Chats from the ABC queue are not routing',
  category: 'chat-routing',
  observed: 'Chats wait in the queue',
  expected: 'Chats are offered to agents',
  steps: '1. Log in 2. Go available',
  impact: { agentsAffected: 12, agentsTotal: 40, interactionsAffectedPercent: 35, uniqueTraits: 'ABC queue', frequency: 'constant', frequencyNote: 'every chat' },
  workaround: false,
  abandonment: { currentlyObserved: true, ratePercent: 20, normalRatePercent: 8 },
  occurredAt: '2026-12-01T20:10:00-05:00',
  timeZone: 'America/New_York',
  currentlyObserved: true,
  reporter: { accountId: '42', login: 'jdoe', name: 'Jane Doe', site: 'Austin' },
  records: { incidentReference: '261201-000012', chatId: '88', queue: 'ABC' },
  severity: { suggested: 2, reasons: ['35 % of chats are not routing.'], chosen: 1, overrideReason: 'VIP queue' },
  sla: { plan: 'standard', responseDueAt: '2026-12-01T21:00:00.000Z', coverage: '24x7' },
  attachments: [{ name: 'screen.png', type: 'image/png', size: 3, kind: 'screenshot' }],
  linkedStatusIncident: 'inc-1',
};

describe('OSvC incident', () => {
  it('writes every Step 1 answer as a labelled line of the note', () => {
    const note = incidentNote(ticket, SEVERITY_NAMES);
    for (const line of [
      'Summary: Chats from the ABC queue are not routing',
      'Severity: 1 (System Outage), suggested 2 (Major Impairment)',
      'Why this severity: 35 % of chats are not routing.',
      'Reason for another severity: VIP queue',
      'Response due: 2026-12-01T21:00:00.000Z (standard plan, 24x7)',
      'Observed behaviour: Chats wait in the queue',
      'Expected behaviour: Chats are offered to agents',
      'Steps performed: 1. Log in 2. Go available',
      'Occurred at: 2026-12-01T20:10:00-05:00 (America/New_York)',
      'Still happening: yes',
      'Agents affected: 12 of 40',
      'Share of interactions affected: 35 %',
      'What is unique about the affected agents: ABC queue',
      'Frequency: constant: every chat',
      'Workaround available: no',
      'Abandonment: 20 % (normal 8 %), happening now',
      'Reporter: Jane Doe, login jdoe, account 42, site Austin',
      'Records: incident 261201-000012, chat 88, queue ABC',
      'Status-page incident: inc-1',
      'Attachments: screen.png (image/png, 3 bytes, screenshot)',
      'Ticket id: 4f9c1a52-7d1e-4c55-9a43-2b7f0c1d9e10',
    ]) {
      expect(note.split('\n')).to.include(line);
    }
    expect(note).to.not.contain('undefined');
  });

  it('maps site fields through the configuration and inlines files as base64', async () => {
    const body = await incidentBody(ticket, [{ name: 'screen.png', type: 'image/png', blob: new Blob([new Uint8Array([1, 2, 250])]) }], {
      entryTypeId: 3,
      severity: (level) => ({ lookupName: `Sev ${level}` }),
      queue: (name) => (name === 'ABC' ? { id: 5 } : undefined),
      customFields: (t) => ({ c: { triage_category: t.category } }),
      primaryContact: () => ({ id: 1339 }),
    });
    expect(body).to.deep.include({
      subject: ticket.summary,
      severity: { lookupName: 'Sev 1' },
      queue: { id: 5 },
      customFields: { c: { triage_category: 'chat-routing' } },
      primaryContact: { id: 1339 },
      fileAttachments: [{ fileName: 'screen.png', data: 'AQL6' }],
    });
    expect((body.threads as { entryType: unknown }[])[0].entryType).to.deep.equal({ id: 3 });
  });

  it('reads the created incident and Oracle-style errors', () => {
    expect(readIncident(201, JSON.stringify({ id: 77, lookupName: '261127-000077' }))).to.deep.equal({ id: '77', reference: '261127-000077' });
    expect(readIncident(200, JSON.stringify({ id: 78, lookupName: '261127-000078' })).reference).to.equal('261127-000078');
    const expired = caught(() => readIncident(401, JSON.stringify({ title: 'Unauthorized', detail: 'Access denied', status: 401, 'o:errorCode': 'OSC-CREST-00001' })));
    expect(expired.permanent).to.equal(true);
    expect(expired.message).to.contain('session has expired');
    expect(expired.code).to.equal('OSC-CREST-00001');
    expect(caught(() => readIncident(400, '{"title":"Bad Request","detail":"subject is required."}')).message).to.contain('subject is required.');
    expect(caught(() => readIncident(503, '<html>')).permanent).to.equal(false);
    expect(caught(() => readIncident(429, '', '2')).retryAfterMs).to.equal(2000);
  });

  it('refuses an application context Oracle would refuse (over 40 characters)', () => {
    const options = { restBase: 'https://site.example/services/rest', getSessionToken: async () => 't' };
    expect(() => createOsvcTransport({ ...options, applicationContext: 'x'.repeat(41) })).to.throw(/1 to 40 characters/);
    expect(createOsvcTransport({ ...options, applicationContext: 'x'.repeat(40) }).name).to.equal('osvc');
  });
});

describe('base64', () => {
  it('round-trips every byte value, also past one chunk', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect([...base64ToBytes(bytesToBase64(bytes))]).to.deep.equal([...bytes]);
  });
});
