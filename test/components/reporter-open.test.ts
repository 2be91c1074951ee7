// What opening the reporter fetches (issue 11): the first view only. The validator (zod's core and
// the ticket schema) is fetched once the agent starts a report, so Send need not wait for it, and
// the severity core with the views once the form is open. Its own file, so no earlier test in the
// page has loaded the schema or the core already. (That opening does not
// fetch it cannot be asserted without a race: a resource is listed only once it has arrived.)
import { expect, waitUntil } from '@open-wc/testing';
import { describe, it } from '../support/harness.js';
import { newForm } from '../../src/compose.js';
import { saveDraft } from '../../src/draft.js';
import { $, control, openReporter, typeInto } from '../support/reporter-fixtures.js';

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
