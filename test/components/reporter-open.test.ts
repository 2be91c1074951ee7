// What opening the reporter fetches (issue 11): the first view only. The validator (zod's core and
// the ticket schema) is fetched once the agent starts a report, so Send need not wait for it, and
// the severity core with the views once the form is open. Its own file, so no earlier test in the
// page has loaded the schema or the core already. (That opening does not
// fetch it cannot be asserted without a race: a resource is listed only once it has arrived.)
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { describe, it } from '../support/harness.js';
import { newForm } from '../../src/compose.js';
import { saveDraft } from '../../src/draft.js';
import type { TriageReporter } from '../../components/reporter/reporter.js';
import { $, control, openReporter, SignalsDouble, typeInto } from '../support/reporter-fixtures.js';

const fetched = (path: string) => performance.getEntriesByType('resource').some((entry) => entry.name.includes(path));

describe('<triage-reporter> opening', () => {
  // First in the file: the severity core has not loaded yet when this reporter renders.
  it("shows a restored draft's suggested severity and SLA on its first render, waiting for the core", async () => {
    localStorage.clear();
    saveDraft({ ...newForm(new Date(), 'America/New_York'), summary: 'Chats are not routing', category: 'chat-routing', agentsAffected: '2', agentsTotal: '40' });
    const reporter = await openReporter({ agent: { timeZone: 'America/New_York', locale: 'en-US' }, keepDraft: true });
    // No waiting after show(): the panel never showed the form without its severity.
    expect($(reporter, '.suggestion .badge').textContent).to.contain('Severity 2');
    expect($(reporter, '[part~=sla]')).to.exist;
  });

  it('fetches the validator once the agent starts typing, before any Send', async () => {
    const reporter = await openReporter({ agent: { timeZone: 'America/New_York', locale: 'en-US' } });
    await typeInto(reporter, 'summary', 'Chats are not routing');
    await waitUntil(() => fetched('/src/ticket.') && fetched('/zod/'), 'the schema loads once the agent types', { timeout: 5000 });
  });
});

describe('<triage-reporter> made ahead of its opening (the launcher warms it)', () => {
  it('renders its form closed and asks nothing, then opens on the draft saved meanwhile, and only then asks about related reports', async () => {
    localStorage.clear();
    const signals = new SignalsDouble({ reports: 2, agents: 2, minutes: 60, otherReports: 2, otherAgents: 2 });
    saveDraft({ ...newForm(new Date(), 'America/New_York'), summary: 'Chats are not routing', category: 'chat-routing' });
    const provider = await fixture(html`<triage-provider .agent=${{ timeZone: 'America/New_York', locale: 'en-US', records: { queue: 'ABC' } }}
      .services=${{ signals }}><triage-reporter></triage-reporter></triage-provider>`);
    const reporter = provider.querySelector<TriageReporter>('triage-reporter')!;
    await waitUntil(() => reporter.shadowRoot!.querySelector('#f-summary'), 'the closed reporter renders its form', { timeout: 5000 });
    expect($<HTMLDialogElement>(reporter, 'dialog').open).to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, 500)); // past the wait before the related reports are asked
    expect(signals.asked, 'a reporter never opened asks the backend nothing').to.deep.equal([]);

    // Another reporter on the page (the desk's) saves a newer draft before this one is opened.
    saveDraft({ ...newForm(new Date(), 'America/New_York'), summary: 'Calls drop after transfer', category: 'voice' });
    await reporter.show();
    expect(control(reporter, 'summary').value, 'opens on the report started elsewhere').to.equal('Calls drop after transfer');
    await waitUntil(() => signals.asked.length, 'related reports asked once open', { timeout: 5000 });
    expect(signals.asked[0]).to.include({ category: 'voice', queue: 'ABC' });
    reporter.close();
  });
});

describe('<triage-reporter> time-zone suggestions', () => {
  it('lists every zone once the agent comes to the zone field, the agent own one included', async () => {
    const reporter = await openReporter({ agent: { timeZone: 'America/New_York', locale: 'en-US' } });
    const zones = reporter.shadowRoot!.querySelector('#zones')!;
    control(reporter, 'timeZone').focus();
    const listed = [...zones.querySelectorAll('option')].map((option) => option.value);
    expect(listed).to.include('America/New_York');
    expect(listed.length).to.be.greaterThan(50);
    control(reporter, 'timeZone').blur();
    control(reporter, 'timeZone').focus();
    expect(zones.childElementCount, 'built once').to.equal(listed.length);
  });
});
