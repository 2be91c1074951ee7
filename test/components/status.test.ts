// <triage-status> over real HTTP: the Statuspage documents in demo/status/fixtures/ (real captures
// and Atlassian's documented example, see PROVENANCE.md) served by the test runner, a missing
// file for a failed fetch, and an HTML body for a malformed one.
import { fixture, html, expect, oneEvent, waitUntil } from '@open-wc/testing';
import '../../components/provider/define.js';
import '../../components/status/define.js';
import type { TriageProvider } from '../../components/provider/provider.js';
import type { TriageStatus } from '../../components/status/status.js';
import { statusEn } from '../../src/strings/status.js';
import { statusEs } from '../../src/strings/status-es.js';
import { parseStatusSummary, StatusPageError } from '../../src/status.js';
import { describe, it } from '../support/harness.js';

const FIXTURES = '/demo/status/fixtures/';
const OPERATIONAL = `${FIXTURES}github-2019-12-30-all-operational.json`;
const INCIDENT = `${FIXTURES}github-2020-04-02-unresolved-incident.json`;
const MAINTENANCE = `${FIXTURES}statuspage-docs-example-maintenance-in-progress.json`;
const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 10_000 });

async function mount(config: object, agent: object = { locale: 'en-US', timeZone: 'UTC' }) {
  const provider = await fixture<TriageProvider>(
    html`<triage-provider .agent=${agent} .config=${config}><triage-status></triage-status></triage-provider>`,
  );
  const status = provider.querySelector('triage-status') as TriageStatus;
  await status.updateComplete;
  return { provider, status, root: status.shadowRoot! };
}

const settled = (status: TriageStatus) =>
  until(() => ['read', 'unknown'].includes(status.shadowRoot!.querySelector('[part=base]')?.getAttribute('data-state') ?? ''), 'the status page was read');
const overall = (root: ShadowRoot) => root.querySelector('[part=overall]')!.textContent!.replace(/\s+/g, ' ').trim();
const incidents = (root: ShadowRoot) => [...root.querySelectorAll<HTMLElement>('[part=incident]')];

describe('Statuspage summary parsing', () => {
  it('keeps the unresolved incident with the components its updates name', async () => {
    const summary = parseStatusSummary(await (await fetch(INCIDENT)).json());
    expect(summary.indicator).to.equal('major');
    expect(summary.incidents).to.have.length(1);
    expect(summary.incidents[0]).to.include({ id: '80d0cs6kpsps', status: 'investigating', impact: 'major' });
    expect(summary.incidents[0]!.components).to.deep.equal(['Visit www.githubstatus.com for more information']);
    expect(summary.incidents[0]!.latestUpdate).to.equal('We are investigating reports of service unavailability.');
    expect(summary.components.filter((c) => c.status === 'major_outage')).to.have.length(5);
  });

  it('keeps scheduled and in-progress maintenance', async () => {
    const summary = parseStatusSummary(await (await fetch(MAINTENANCE)).json());
    expect(summary.maintenances.map((m) => [m.id, m.status])).to.deep.equal([
      ['w1zdr745wmfy', 'scheduled'],
      ['k7mf5z1gz05c', 'in_progress'],
    ]);
    expect(summary.maintenances[1]!.scheduledUntil).to.be.a('string');
  });

  it('refuses documents that are not a summary, naming the part', () => {
    expect(() => parseStatusSummary('<html>')).to.throw(StatusPageError, 'must be an object');
    expect(() => parseStatusSummary({ page: { name: 'x' }, status: { indicator: 'fine' }, components: [], incidents: [], scheduled_maintenances: [] })).to.throw(
      StatusPageError,
      'status.indicator',
    );
    expect(() => parseStatusSummary({ page: { name: 'x' }, status: { indicator: 'none' }, components: [], incidents: {}, scheduled_maintenances: [] })).to.throw(
      'incidents must be a list',
    );
    expect(() =>
      parseStatusSummary({ page: { name: 'x' }, status: { indicator: 'major' }, components: [], incidents: [{ id: 'a', status: 'identified' }], scheduled_maintenances: [] }),
    ).to.throw('incidents[0].name');
  });
});

describe('<triage-status>', () => {
  it('renders nothing when no status page is configured', async () => {
    const { root } = await mount({});
    expect(root.querySelector('[part=base]')).to.equal(null);
  });

  it('shows all systems operational for the operational capture, with no incidents', async () => {
    const { status, root } = await mount({ statusPageUrl: OPERATIONAL });
    await settled(status);
    expect(overall(root)).to.equal(`GitHub: ${statusEn.statusNone}`);
    expect(incidents(root)).to.have.length(0);
    await expect(status).to.be.accessible();
  });

  it('shows the unresolved incident with its impact and affected components', async () => {
    const { status, root } = await mount({ statusPageUrl: INCIDENT });
    await settled(status);
    expect(overall(root)).to.equal(`GitHub: ${statusEn.statusMajor}`);
    const [incident] = incidents(root);
    expect(incident!.querySelector('.name')!.textContent).to.equal('Incident on 2020-04-02 20:20 UTC');
    expect(incident!.textContent).to.contain('Investigating · impact major');
    expect(incident!.textContent).to.contain('Affects: Visit www.githubstatus.com for more information');
    expect(incident!.querySelector('a')!.getAttribute('href')).to.equal('http://stspg.io/n0wskg2n6bvy');
    await expect(status).to.be.accessible();
  });

  it('shows maintenance in progress and scheduled, and the critical incident', async () => {
    const { status, root } = await mount({ statusPageUrl: MAINTENANCE });
    await settled(status);
    const windows = [...root.querySelectorAll<HTMLElement>('[part=maintenance] li')];
    expect(windows.map((li) => li.dataset.status)).to.deep.equal(['scheduled', 'in_progress']);
    expect(windows[1]!.textContent).to.contain('Web Tier Recycle');
    expect(windows[1]!.textContent).to.contain(statusEn.statusMaintenanceInProgress);
    expect(incidents(root)[0]!.textContent).to.contain('Unplanned Database Outage');
    expect(incidents(root)[0]!.textContent).to.contain('impact critical');
    await expect(status).to.be.accessible();
  });

  for (const [what, url] of [
    ['a failed fetch (404)', `${FIXTURES}does-not-exist.json`],
    ['an HTML answer', `${FIXTURES}not-json.json`],
    ['an unknown indicator', `${FIXTURES}wrong-indicator.json`],
    ['an unreachable host', 'http://127.0.0.1:9/summary.json'],
  ] as const) {
    it(`reads "status unknown" for ${what}, never operational or down`, async () => {
      const { status, root } = await mount({ statusPageUrl: url });
      await settled(status);
      expect(overall(root)).to.equal(statusEn.statusUnknown);
      expect(root.textContent).to.not.contain(statusEn.statusNone);
      expect(root.textContent).to.not.contain(statusEn.statusMajor);
      expect(root.textContent).to.not.contain(statusEn.statusCritical);
      expect(root.querySelector('[part=base]')!.getAttribute('data-indicator')).to.equal('unknown');
      await expect(status).to.be.accessible();
    });
  }

  it('keeps script-like text from the status page inert', async () => {
    const hostile = {
      page: { name: '<b>Acme</b>' },
      status: { indicator: 'minor', description: 'x' },
      components: [],
      incidents: [
        {
          id: 'evil',
          name: '<img src=x onerror="window.__pwned=1">',
          status: 'investigating',
          impact: 'minor',
          shortlink: 'javascript:window.__pwned=2',
          incident_updates: [{ body: '<script>window.__pwned=3</script>', created_at: '2026-01-01T00:00:00Z' }],
        },
      ],
      scheduled_maintenances: [],
    };
    const url = `data:application/json,${encodeURIComponent(JSON.stringify(hostile))}`;
    const { status, root } = await mount({ statusPageUrl: url });
    await settled(status);
    const incident = incidents(root)[0]!;
    expect(incident.querySelector('.name')!.textContent).to.equal(hostile.incidents[0]!.name);
    expect(incident.querySelector('.update')!.textContent).to.equal('<script>window.__pwned=3</script>');
    expect(root.querySelectorAll('img, script, b')).to.have.length(0);
    expect(incident.querySelector('a'), 'a javascript: shortlink is not a link').to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('fires triage-status-link with the incident id, bubbling out of shadow roots, and unlinks', async () => {
    const { provider, status, root } = await mount({ statusPageUrl: INCIDENT });
    await settled(status);
    const button = incidents(root)[0]!.querySelector('button')!;
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    let linked = oneEvent(provider, 'triage-status-link');
    button.click();
    let event = await linked;
    expect(event.detail.incidentId).to.equal('80d0cs6kpsps');
    expect(event.bubbles && event.composed).to.equal(true);
    await status.updateComplete;
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    expect(button.textContent!.trim()).to.equal(statusEn.statusLinked);
    linked = oneEvent(provider, 'triage-status-link');
    button.click();
    event = await linked;
    expect(event.detail.incidentId).to.equal(undefined);
  });

  it('speaks Spanish for a Spanish agent and takes overrides from config.strings', async () => {
    const { status, root } = await mount({ statusPageUrl: INCIDENT, strings: { statusLink: 'Vincular (sitio)' } }, { locale: 'es-MX', timeZone: 'UTC' });
    await settled(status);
    expect(overall(root)).to.equal(`GitHub: ${statusEs.statusMajor}`);
    expect(incidents(root)[0]!.querySelector('button')!.textContent!.trim()).to.equal('Vincular (sitio)');
    expect(Object.keys(statusEs).sort()).to.deep.equal(Object.keys(statusEn).sort());
    await expect(status).to.be.accessible();
  });

  it('does not read the page while hidden, and reads it once it is shown', async () => {
    const url = `${OPERATIONAL}?hidden=${crypto.randomUUID()}`;
    const requests = () => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith(url)).length;
    const provider = await fixture<TriageProvider>(
      html`<triage-provider .config=${{ statusPageUrl: url }}><div hidden><triage-status></triage-status></div></triage-provider>`,
    );
    const status = provider.querySelector('triage-status')!;
    await status.updateComplete;
    // Give the observer its first report: hidden, so no read.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(requests()).to.equal(0);
    expect(status.shadowRoot!.querySelector('[part=base]')!.getAttribute('data-state')).to.equal('idle');
    status.parentElement!.hidden = false;
    await settled(status);
    expect(requests()).to.equal(1);
    // Hiding and showing again within the minute does not read again.
    status.parentElement!.hidden = true;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    status.parentElement!.hidden = false;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    expect(requests()).to.equal(1);
  });
});
