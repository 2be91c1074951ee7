// What opening the reporter fetches (issue 11): the first view only. The validator (zod/mini and
// the ticket schema) is fetched once the agent starts a report, so Send need not wait for it. Its
// own file, so no earlier test in the page has loaded the schema already. (That opening does not
// fetch it cannot be asserted without a race: a resource is listed only once it has arrived.)
import { expect, waitUntil } from '@open-wc/testing';
import { describe, it } from '../support/harness.js';
import { control, openReporter, typeInto } from '../support/reporter-fixtures.js';

const fetched = (path: string) => performance.getEntriesByType('resource').some((entry) => entry.name.includes(path));

describe('<triage-reporter> opening', () => {
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
