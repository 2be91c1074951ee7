import { expect } from 'chai';
import { describe, it } from '../support/harness.js';
import * as z from 'zod/mini';
import { validateTicket, ticketSchema, TICKET_LIMITS } from '../../src/ticket.js';

const now = '2026-12-01T20:30:00.000Z';
const valid = () => ({
  id: '4f9c1a52-7d1e-4c55-9a43-2b7f0c1d9e10',
  createdAt: now,
  summary: 'Chats from the ABC queue are not routing',
  category: 'chat-routing',
  occurredAt: '2026-12-01T20:10:00-05:00',
  timeZone: 'America/New_York',
  severity: { suggested: 1, reasons: ['35 % of chats are not routing.'], chosen: 1 },
});

function issuesOf(data: unknown) {
  const result = validateTicket(data);
  if (result.ok) throw new Error('expected the ticket to be refused');
  return result.issues;
}

describe('ticket schema', () => {
  it('accepts a minimal ticket with only the required fields', () => {
    const result = validateTicket(valid());
    expect(result.ok).to.equal(true);
  });

  it('accepts a complete ticket and keeps every field', () => {
    const full = {
      ...valid(),
      observed: 'Chats wait in the queue',
      expected: 'Chats are offered to agents',
      steps: '1. Log in 2. Go available',
      impact: { agentsAffected: 12, agentsTotal: 40, interactionsAffectedPercent: 35, uniqueTraits: 'ABC queue', frequency: 'constant', frequencyNote: 'every chat' },
      workaround: false,
      unsupportedPlatformChange: false,
      abandonment: { currentlyObserved: true, ratePercent: 20, normalRatePercent: 8 },
      currentlyObserved: true,
      reporter: { accountId: '42', login: 'jdoe', name: 'Jane Doe', profile: 'Agent', acdAgentId: '7001', extension: '2201', site: 'Austin' },
      records: { incidentId: '1339', incidentReference: '261201-000012', chatId: '88', contactId: '9', queue: 'ABC', interactionId: '5' },
      environment: { host: 'osvc', userAgent: 'Chromium', locale: 'en-US', url: 'https://example.test/AgentWeb', appVersion: '0.1.0' },
      sla: { plan: 'standard', responseDueAt: '2026-12-01T21:00:00.000Z', coverage: '24x7' },
      attachments: [{ name: 'screen.png', type: 'image/png', size: 2048, kind: 'screenshot' }],
      linkedStatusIncident: 'inc-1',
    };
    const result = validateTicket(full);
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.ticket).to.deep.equal(full);
  });

  it('names every missing required field in words', () => {
    const paths = issuesOf({}).map((issue) => `${issue.path}: ${issue.message}`);
    expect(paths).to.include.members([
      'id: Ticket id is required.',
      'createdAt: Created at is required.',
      'summary: Summary is required.',
      'category: Category is required.',
      'occurredAt: Occurred at is required.',
      'timeZone: Time zone is required.',
      'severity: Severity is required.',
    ]);
  });

  it('refuses a blank summary and one over 200 characters', () => {
    expect(issuesOf({ ...valid(), summary: '   ' })).to.deep.equal([{ path: 'summary', message: 'Summary is required.' }]);
    const long = 'x'.repeat(TICKET_LIMITS.maxSummary + 1);
    expect(issuesOf({ ...valid(), summary: long })[0].message).to.equal('Summary must be at most 200 characters.');
  });

  it('refuses control characters in identifiers, naming the field, and keeps them in free text', () => {
    expect(issuesOf({ ...valid(), reporter: { login: 'jdoe\u0000' } })).to.deep.equal([{ path: 'reporter.login', message: 'Login cannot contain control characters.' }]);
    expect(issuesOf({ ...valid(), records: { queue: 'ABC\r\nX: 1' } })[0]!.path).to.equal('records.queue');
    expect(validateTicket({ ...valid(), observed: 'line one\nline two\tand a tab' }).ok).to.equal(true);
  });

  it('refuses an unknown category and lists the allowed ones', () => {
    const [issue] = issuesOf({ ...valid(), category: 'printer' });
    expect(issue.path).to.equal('category');
    expect(issue.message).to.contain('chat-routing');
  });

  it('refuses more agents affected than the population, naming agentsAffected', () => {
    const [issue] = issuesOf({ ...valid(), impact: { agentsAffected: 41, agentsTotal: 40 } });
    expect(issue).to.deep.equal({ path: 'impact.agentsAffected', message: 'Agents affected cannot be more than the agent population.' });
  });

  it('refuses negative, fractional and out-of-range impact numbers', () => {
    expect(issuesOf({ ...valid(), impact: { agentsAffected: -1 } })[0].path).to.equal('impact.agentsAffected');
    expect(issuesOf({ ...valid(), impact: { agentsAffected: 1.5 } })[0].message).to.equal('Agents affected must be a whole number.');
    expect(issuesOf({ ...valid(), impact: { agentsTotal: 0 } })[0].path).to.equal('impact.agentsTotal');
    expect(issuesOf({ ...valid(), impact: { interactionsAffectedPercent: 100.5 } })[0].path).to.equal('impact.interactionsAffectedPercent');
    expect(issuesOf({ ...valid(), impact: { interactionsAffectedPercent: Number.NaN } })[0].path).to.equal('impact.interactionsAffectedPercent');
  });

  it('refuses a time zone the runtime does not know', () => {
    expect(issuesOf({ ...valid(), timeZone: 'Mars/Olympus' })).to.deep.equal([
      { path: 'timeZone', message: 'Time zone must be an IANA zone such as America/New_York.' },
    ]);
  });

  it('refuses an instant without a zone or offset', () => {
    expect(issuesOf({ ...valid(), occurredAt: '2026-12-01 15:10' })[0].path).to.equal('occurredAt');
  });

  it('accepts real RFC 3339 instants and UUIDs only', () => {
    for (const occurredAt of ['2024-02-29T00:00:00Z', '2000-02-29T23:59:59.5+05:30', '2026-12-01T20:10:00-05:00']) {
      expect(validateTicket({ ...valid(), occurredAt }).ok, occurredAt).to.equal(true);
    }
    for (const occurredAt of ['2026-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-12-01T20:10Z', '2026-12-01T24:00:00Z', '2026-12-01T20:10:00+24:00']) {
      expect(issuesOf({ ...valid(), occurredAt }), occurredAt).to.deep.equal([
        { path: 'occurredAt', message: 'Occurred at must be a date and time (ISO 8601, e.g. 2026-12-01T15:30:00Z).' },
      ]);
    }
    expect(validateTicket({ ...valid(), id: '00000000-0000-0000-0000-000000000000' }).ok).to.equal(true);
    expect(issuesOf({ ...valid(), id: '4f9c1a52-7d1e-9c55-9a43-2b7f0c1d9e10' })).to.deep.equal([{ path: 'id', message: 'Ticket id must be a UUID.' }]);
  });

  it('requires a written reason when the chosen severity differs from the suggestion', () => {
    const override = { ...valid(), severity: { suggested: 3, reasons: ['One agent.'], chosen: 2 } };
    expect(issuesOf(override)).to.deep.equal([
      { path: 'severity.overrideReason', message: 'Explain why you chose a severity other than the suggested one.' },
    ]);
    const blank = { ...override, severity: { ...override.severity, overrideReason: '  ' } };
    expect(issuesOf(blank)[0].path).to.equal('severity.overrideReason');
    const justified = { ...override, severity: { ...override.severity, overrideReason: 'Our VIP queue is down.' } };
    expect(validateTicket(justified).ok).to.equal(true);
  });

  it('refuses a severity level outside 1..4', () => {
    expect(issuesOf({ ...valid(), severity: { suggested: 5, reasons: [], chosen: 5 } }).map((i) => i.path)).to.include('severity.suggested');
  });

  it('refuses more than ten attachments and any over 10 MB', () => {
    const one = { name: 'a.log', type: 'text/plain', size: 1, kind: 'logs' };
    expect(issuesOf({ ...valid(), attachments: Array(11).fill(one) })[0].message).to.equal('At most 10 attachments.');
    const big = { ...one, size: TICKET_LIMITS.maxAttachmentBytes + 1 };
    expect(issuesOf({ ...valid(), attachments: [big] })[0]).to.deep.equal({ path: 'attachments.0.size', message: 'Each file must be at most 10 MB.' });
  });

  it('drops fields the contract does not know instead of storing them', () => {
    const checked = validateTicket({ ...valid(), authorization: 'Bearer secret' });
    expect(checked.ok).to.equal(true);
    if (checked.ok) expect(checked.ticket).to.not.have.property('authorization');
  });

  it('is a zod schema a host can check a ticket with itself, refusing in the same words', () => {
    expect(z.safeParse(ticketSchema, valid()).success).to.equal(true);
    const refused = { ...valid(), summary: '', reporter: { login: 'a\u0000' } };
    const parsed = z.safeParse(ticketSchema, refused);
    expect(parsed.error?.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }))).to.deep.equal(issuesOf(refused));
  });
});
