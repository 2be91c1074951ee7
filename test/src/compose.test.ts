import { expect } from 'chai';
import { describe, it } from '../support/harness.js';
import { formFromTicket, newForm, type ReportForm } from '../../src/compose.js';
import { composeTicket, suggestionFor } from '../../src/compose-ticket.js';
import { browserAgentContext, defaultConfig } from '../../src/defaults.js';
import { validateTicket } from '../../src/ticket.js';

const now = new Date('2026-12-01T20:30:00Z'); // Tuesday 15:30 in New York
const agent = browserAgentContext({
  host: 'osvc',
  locale: 'en-US',
  timeZone: 'America/New_York',
  reporter: { accountId: '4711', login: 'ana', profile: 'Chat Agents' },
  records: { chatId: 'C-88', queue: 'ABC' },
  sources: { 'reporter.accountId': 'OSvC' },
  appVersion: '1.2.3',
});
const config = defaultConfig();
const form = (patch: Partial<ReportForm> = {}): ReportForm => ({
  ...newForm(now, 'America/New_York', '4f9c1a52-7d1e-4c55-9a43-2b7f0c1d9e10'),
  summary: 'Chats from the ABC queue are not routing',
  category: 'chat-routing',
  ...patch,
});
const compose = (f: ReportForm, env = {}) => composeTicket(f, agent, config, now, [], env);
const issues = (f: ReportForm) => {
  const result = validateTicket(compose(f));
  return result.ok ? [] : result.issues.map((i) => i.path);
};

describe('composeTicket', () => {
  it('makes a ticket the shared schema accepts from the required fields alone', () => {
    const result = validateTicket(compose(form()));
    expect(result.ok, JSON.stringify(result)).to.equal(true);
  });

  it('keeps the draft id, the creation time and the occurrence in the agent zone', () => {
    const ticket = compose(form({ occurredAt: '2026-12-01T15:10' }));
    expect(ticket.id).to.equal('4f9c1a52-7d1e-4c55-9a43-2b7f0c1d9e10');
    expect(ticket.createdAt).to.equal('2026-12-01T20:30:00.000Z');
    expect(ticket.occurredAt).to.equal('2026-12-01T15:10:00-05:00');
    expect(ticket.timeZone).to.equal('America/New_York');
  });

  it('suggests severity 3 for one agent, 2 for several, 1 from 30 % of the team', () => {
    const level = (agentsAffected: string) =>
      (compose(form({ agentsAffected, agentsTotal: '20' })).severity as { suggested: number }).suggested;
    expect(level('1')).to.equal(3);
    expect(level('3')).to.equal(2);
    expect(level('6')).to.equal(1);
  });

  it('computes the SLA of the chosen level on the configured plan and calendar', () => {
    // Severity 2, standard plan: 2 business hours; 30 min left on Tuesday, 90 on Wednesday from 06:00.
    const ticket = compose(form({ agentsAffected: '3', agentsTotal: '20' }));
    expect(ticket.sla).to.deep.equal({ plan: 'standard', responseDueAt: '2026-12-02T12:30:00.000Z', coverage: 'business-hours' });
  });

  it('refuses another level without a justification, and accepts it with one', () => {
    expect(issues(form({ chosenLevel: 1 }))).to.deep.equal(['severity.overrideReason']);
    const ticket = compose(form({ chosenLevel: 1, overrideReason: 'All VIP chats go through ABC' }));
    expect(validateTicket(ticket).ok).to.equal(true);
    expect(ticket.severity).to.include({ suggested: 3, chosen: 1, overrideReason: 'All VIP chats go through ABC' });
  });

  it('drops a justification left over when the agent went back to the suggestion', () => {
    const ticket = compose(form({ chosenLevel: 0, overrideReason: 'old words' }));
    expect(ticket.severity).to.include({ suggested: 3, chosen: 3 });
    expect((ticket.severity as object)).not.to.have.property('overrideReason', 'old words');
  });

  it('names the field when a count is not a number', () => {
    expect(issues(form({ agentsAffected: 'many' }))).to.include('impact.agentsAffected');
  });

  it('names the missing summary and category', () => {
    const paths = issues(form({ summary: '  ', category: '' }));
    expect(paths).to.include('summary');
    expect(paths).to.include('category');
  });

  it('fills identifiers from the host, lets the agent correct them and drops blanked ones', () => {
    const ticket = compose(form({ reporter: { login: 'ana.m', profile: '' }, records: { incidentId: ' 991 ' } }));
    expect(ticket.reporter).to.deep.equal({ accountId: '4711', login: 'ana.m' });
    expect(ticket.records).to.deep.equal({ chatId: 'C-88', queue: 'ABC', incidentId: '991' });
  });

  it('records the environment without the page query or fragment, where tokens travel', () => {
    const ticket = compose(form(), { userAgent: 'UA', url: 'https://desk.example.com/agent/?session=abc123#chat' });
    expect(ticket.environment).to.deep.equal({
      host: 'osvc',
      userAgent: 'UA',
      locale: 'en-US',
      url: 'https://desk.example.com/agent/',
      appVersion: '1.2.3',
    });
    expect(JSON.stringify(ticket)).not.to.contain('abc123');
  });

  it('sends abandonment rates only for the abandonment category and grades them', () => {
    const f = form({ category: 'chat-abandonment', abandonRate: '18', normalAbandonRate: '10', stillHappening: true });
    const ticket = compose(f);
    expect(ticket.abandonment).to.deep.equal({ currentlyObserved: true, ratePercent: 18, normalRatePercent: 10 });
    expect(suggestionFor(f)).to.deep.include({ ok: true });
    expect(compose({ ...f, category: 'voice' }).abandonment).to.equal(undefined);
  });

  it('asks whether an other defect stops core work, and grades it 3 when it does not', () => {
    const f = form({ category: 'other-defect', agentsAffected: '10', agentsTotal: '10', coreFunction: false });
    expect(compose(f).coreFunctionAffected).to.equal(false);
    expect((compose(f).severity as { suggested: number }).suggested).to.equal(3);
    expect(compose(form()).coreFunctionAffected).to.equal(undefined);
  });

  it('reports contradictory counts in the core words instead of throwing', () => {
    const result = suggestionFor(form({ agentsAffected: '30', agentsTotal: '10' }));
    expect(result?.ok).to.equal(false);
    expect(result && !result.ok && result.message).to.match(/agentsAffected/);
    expect(issues(form({ agentsAffected: '30', agentsTotal: '10' }))).to.include('impact.agentsAffected');
  });

  it('lists attachment metadata, never bytes', () => {
    const meta = [{ name: 'shot.png', type: 'image/png', size: 1200, kind: 'screenshot' as const }];
    const ticket = composeTicket(form(), agent, config, now, meta);
    expect(ticket.attachments).to.deep.equal(meta);
    expect(validateTicket(ticket).ok).to.equal(true);
  });
});

describe('formFromTicket', () => {
  it('restores the form a stored ticket was made from, so correcting it keeps id, words and wall clock', () => {
    const original = form({
      occurredAt: '2026-11-01T01:30', // the repeated hour in New York
      observed: 'No screen pop',
      agentsAffected: '3',
      agentsTotal: '20',
      frequency: 'intermittent',
      workaround: true,
      chosenLevel: 1,
      overrideReason: 'VIP queue',
      records: { incidentId: '991' },
    });
    const ticket = validateTicket(compose(original));
    if (!ticket.ok) throw new Error(JSON.stringify(ticket.issues));
    const restored = formFromTicket(ticket.ticket);
    expect(restored).to.deep.include({
      id: original.id,
      summary: original.summary,
      occurredAt: '2026-11-01T01:30',
      timeZone: 'America/New_York',
      observed: 'No screen pop',
      agentsAffected: '3',
      agentsTotal: '20',
      frequency: 'intermittent',
      workaround: true,
      chosenLevel: 1,
      overrideReason: 'VIP queue',
    });
    expect(compose(restored)).to.deep.equal(compose(original));
  });
});
