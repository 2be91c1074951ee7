// "My reports" follows support (issue 12) over the REAL outbox and the REAL intake service: support
// acts through the service's own API (the test plugin holds the admin key, the browser only the
// `api` key), the follower asks with each ticket's receipt, and the element, the launcher's badge
// and the known-incident banner show what support did.
import { fixture, html, expect, waitUntil } from '@open-wc/testing';
import '../../components/provider/define.js';
import '../../components/reports/define.js';
import '../../components/launcher/define.js';
import '../../components/reporter/define.js';
import type { TriageProvider } from '../../components/provider/provider.js';
import type { TriageReports } from '../../components/reports/reports.js';
import type { TriageReporter } from '../../components/reporter/reporter.js';
import { createOutbox, type Outbox } from '../../src/outbox.js';
import { createIntakeTransport } from '../../src/transports/intake.js';
import { createIntakeSignals } from '../../src/signals.js';
import { createFollower, followKey, type Follower, type FollowerOptions } from '../../src/follow.js';
import { registerLogSource } from '../../src/logs/sources.js';
import type { OutboxEntry, SendResult } from '../../src/delivery.js';
import { describe, it } from '../support/harness.js';
import { afterEach, before, beforeEach, command, deleteDatabase, isSent, loadEnv, makeTicket, waitForEntry, type IntakeEnv } from '../support/delivery-fixtures.js';
import { choose } from '../support/reporter-fixtures.js';

const NEVER = { baseMs: 600_000, maxMs: 600_000 };
const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 15_000, interval: 50 });

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}
const support = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => command<Answer<T>>('intake-support', { method, path, body });

describe('<triage-reports> following support', () => {
  let env: IntakeEnv;
  let dbName: string;
  let storageKey: string;
  const outboxes: Outbox[] = [];
  const followers: Follower[] = [];
  const cleanups: (() => void)[] = [];

  const openOutbox = () => {
    const outbox = createOutbox({ transport: createIntakeTransport({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY }), dbName, backoff: NEVER });
    outboxes.push(outbox);
    return outbox;
  };
  const follower = (outbox: Outbox | undefined, options: Partial<FollowerOptions> = {}) => {
    const made = createFollower({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY, outbox, intervalMs: 150, storageKey, ...options });
    followers.push(made);
    return made;
  };

  async function sendOne(outbox: Outbox, summary = 'Chats from the ABC queue are not routing') {
    const entry = await outbox.submit(makeTicket({ summary }), []);
    const sent = await waitForEntry(outbox, entry.id, isSent);
    return { entry: sent, result: (sent.delivery as Extract<OutboxEntry['delivery'], { state: 'sent' }>).result as SendResult };
  }

  async function mount(services: object, agent: object = { locale: 'en-US', timeZone: 'UTC' }) {
    const provider = await fixture<TriageProvider>(
      html`<triage-provider .agent=${agent} .services=${services}>
        <triage-launcher warm="none"></triage-launcher>
        <triage-reports></triage-reports>
      </triage-provider>`,
    );
    const reports = provider.querySelector('triage-reports') as TriageReports;
    await reports.updateComplete;
    return { provider, reports, root: reports.shadowRoot!, launcher: provider.querySelector('triage-launcher')! };
  }

  const itemOf = (root: ShadowRoot, entryId: string) => root.querySelector<HTMLElement>(`[part=item][data-id="${entryId}"]`);
  const supportOf = (root: ShadowRoot, entryId: string) => itemOf(root, entryId)?.querySelector<HTMLElement>('[part=support]');
  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const button = (scope: ParentNode | null | undefined, label: string) =>
    [...(scope?.querySelectorAll('button') ?? [])].find((candidate) => candidate.textContent?.trim() === label);
  const launcherButton = (launcher: Element) => launcher.shadowRoot!.querySelector('button')!;
  const badge = (launcher: Element) => launcher.shadowRoot!.querySelector<HTMLElement>('[part=badge]')!;

  before(async () => {
    env = await loadEnv();
  });

  beforeEach(() => {
    dbName = `reports-follow-${crypto.randomUUID()}`;
    storageKey = `follow-test-${crypto.randomUUID()}`;
  });

  afterEach(async () => {
    for (const stop of cleanups.splice(0)) stop();
    for (const made of followers.splice(0)) made.close();
    for (const outbox of outboxes.splice(0)) outbox.close();
    await deleteDatabase(dbName);
  });

  it('shows each step support takes, marks it new with the launcher badge, and forgets it once seen', async () => {
    const outbox = openOutbox();
    const { entry, result } = await sendOne(outbox);
    const follow = follower(outbox);
    const { reports, root, launcher } = await mount({ outbox, follow });
    await until(() => supportOf(root, entry.id), 'support block of the sent report');
    expect(text(supportOf(root, entry.id)!.querySelector('.support-status'))).to.equal('Support: New');
    expect(supportOf(root, entry.id)!.dataset.new).to.equal('false', 'nothing new at first');
    expect(badge(launcher).hidden).to.equal(true);

    expect((await support('PATCH', `/api/tickets/${result.id}`, { status: 'acknowledged', reason: 'On it' })).status).to.equal(200);
    await until(() => supportOf(root, entry.id)?.dataset.status === 'acknowledged', 'acknowledged shown');
    expect(text(supportOf(root, entry.id)!.querySelector('.support-status'))).to.equal('Support: Acknowledged New');
    await until(() => !badge(launcher).hidden, 'the launcher badge');
    expect(badge(launcher).textContent).to.equal('1');
    expect(launcherButton(launcher).getAttribute('aria-label')).to.equal('Report an issue, 1 with news from support');
    expect(text(root.querySelector('[role=status]'))).to.contain('News from support on "Chats from the ABC queue are not routing"');

    const regrade = await support('PATCH', `/api/tickets/${result.id}`, { severity: 2, reason: 'Agents moved to the backup queue', regradeReason: 'bcp-in-place' });
    expect(regrade.status).to.equal(200);
    await until(() => text(supportOf(root, entry.id)?.querySelector('.severity')).includes('Severity 2'), 'the regrade');
    expect(text(supportOf(root, entry.id)!.querySelector('.severity'))).to.equal(
      'Severity 2, changed by support: business continuity plan in place: Agents moved to the backup queue New',
    );

    const update = await support<{ id: string }>('POST', `/api/tickets/${result.id}/updates`, { kind: 'response', text: 'We are looking into it.' });
    expect(update.status).to.equal(201);
    await until(() => supportOf(root, entry.id)?.querySelector(`[part=updates] li[data-id="${update.body.id}"]`), 'the response');
    const shown = supportOf(root, entry.id)!.querySelector(`[part=updates] li[data-id="${update.body.id}"]`)!;
    expect(text(shown)).to.match(/^Response from Support, .+ New We are looking into it\.$/);
    await until(() => text(supportOf(root, entry.id)?.querySelector('[part=sla]')).startsWith('Responded'), 'the SLA says responded');
    await expect(reports).to.be.accessible();

    button(supportOf(root, entry.id), 'Mark as seen')!.click();
    await until(() => supportOf(root, entry.id)?.dataset.new === 'false', 'seen');
    expect(supportOf(root, entry.id)!.querySelector('[part=new]')).to.equal(null);
    await until(() => badge(launcher).hidden, 'the badge goes');
    expect(launcherButton(launcher).hasAttribute('aria-label')).to.equal(false);

    // Seen marks live on the device: a new follower (a reload) shows nothing new for what was seen.
    follow.close();
    const again = follower(outbox);
    const second = await mount({ outbox, follow: again });
    await until(() => supportOf(second.root, entry.id)?.dataset.status === 'acknowledged', 'followed again');
    expect(supportOf(second.root, entry.id)!.dataset.new).to.equal('false');
  });

  it('speaks Spanish to a Spanish-speaking agent', async () => {
    const outbox = openOutbox();
    const { entry, result } = await sendOne(outbox);
    const { root, launcher } = await mount({ outbox, follow: follower(outbox) }, { locale: 'es-MX', timeZone: 'UTC' });
    await until(() => supportOf(root, entry.id), 'followed');
    expect(text(supportOf(root, entry.id)!.querySelector('.support-status'))).to.equal('Soporte: Nuevo');
    await support('PATCH', `/api/tickets/${result.id}`, { status: 'waiting', reason: 'Need the ACD owner' });
    await until(() => supportOf(root, entry.id)?.dataset.status === 'waiting', 'waiting shown');
    expect(text(supportOf(root, entry.id)!.querySelector('.support-status'))).to.equal('Soporte: En espera Nuevo');
    await until(() => launcherButton(launcher).getAttribute('aria-label') === 'Informar un problema, 1 con novedades de soporte', 'the badge in Spanish');
  });

  it('asks again with If-None-Match, so an unchanged ticket is answered 304 without a body', async () => {
    const outbox = openOutbox();
    const { entry } = await sendOne(outbox);
    const answers: number[] = [];
    const sentTags: (string | null)[] = [];
    const spyFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).includes('/api/tickets/')) {
        answers.push(response.status);
        sentTags.push(new Headers(init?.headers).get('If-None-Match'));
      }
      return response;
    };
    const follow = follower(outbox, { fetch: spyFetch });
    const { root } = await mount({ outbox, follow });
    await until(() => supportOf(root, entry.id), 'followed');
    await until(() => answers.includes(304), 'a 304 for an unchanged ticket');
    expect(answers[0]).to.equal(200);
    expect(sentTags[0]).to.equal(null);
    expect(sentTags[answers.indexOf(304)]).to.match(/^(W\/)?"/);
  });

  it('asks nothing while the page is hidden and asks right away when it shows again', async () => {
    const outbox = openOutbox();
    const { result } = await sendOne(outbox);
    const key = followKey('ticket', result.id);
    // Counts what each follower asks the real service (the real fetch does the asking).
    const counting = (counter: { asks: number; inFlight: number }): typeof fetch => async (input, init) => {
      if (!String(input).includes('/api/tickets/')) return fetch(input, init);
      counter.asks += 1;
      counter.inFlight += 1;
      try {
        return await fetch(input, init);
      } finally {
        counter.inFlight -= 1;
      }
    };
    const paused = { asks: 0, inFlight: 0 };
    const watching = { asks: 0, inFlight: 0 };
    const intervalMs = 100;
    const follow = follower(outbox, { fetch: counting(paused), intervalMs });
    const observer = follower(outbox, { fetch: counting(watching), intervalMs, storageKey: `${storageKey}-observer` });
    const statusOf = (made: Follower) => made.state().items.get(key)?.view?.status;
    cleanups.push(follow.subscribe(() => undefined), observer.subscribe(() => undefined));
    await until(() => statusOf(follow) === 'new' && statusOf(observer) === 'new', 'both follow the sent report');
    await until(() => paused.asks >= 2, 'the follower asks every round while the page shows');

    // The page goes hidden (Chromium's own getter comes back when the instance property goes).
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    const show = () => {
      delete (document as { hidden?: boolean }).hidden;
      document.dispatchEvent(new Event('visibilitychange'));
    };
    cleanups.unshift(() => {
      if (Object.getOwnPropertyDescriptor(document, 'hidden')) show();
    });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(document.hidden).to.equal(true);
    await until(() => paused.inFlight === 0, 'a round already under way ends');
    const asksWhenHidden = paused.asks;

    // Support acts while the agent looks elsewhere.
    expect((await support('PATCH', `/api/tickets/${result.id}`, { status: 'acknowledged', reason: 'On it' })).status).to.equal(200);
    // The observer keeps the follower's rhythm by its own timer (its own loop pauses too, the page is
    // one page): each of its rounds starts one interval after the last ended, so by its fourth round
    // the follower's timer, set before the page went hidden, would have fired at least three times.
    let rounds = 0;
    let stopped = false;
    const loop = () => {
      if (stopped) return;
      void observer.refresh().finally(() => {
        rounds += 1;
        setTimeout(loop, intervalMs);
      });
    };
    cleanups.unshift(() => {
      stopped = true;
    });
    setTimeout(loop, intervalMs);
    await until(() => statusOf(observer) === 'acknowledged' && rounds >= 4, 'the observer sees support act, rounds apart');
    stopped = true;
    expect(watching.asks).to.be.at.least(4, 'the observer asked every round');
    expect(paused.asks).to.equal(asksWhenHidden, 'the follower asked nothing while the page was hidden');
    expect(statusOf(follow)).to.equal('new', 'so it has not heard of the change yet');

    // The page shows again: the follower asks at once (its timer was cleared when the page hid, so
    // only the visibilitychange handler can start it again) and reports what support did.
    show();
    expect(document.hidden).to.equal(false);
    await until(() => statusOf(follow) === 'acknowledged', 'the follower hears of the change once the page shows');
    expect(paused.asks).to.be.greaterThan(asksWhenHidden);
    expect(follow.state().items.get(key)!.changes).to.include('status');
  });

  it('renders support texts as text: markup in an update stays inert', async () => {
    const outbox = openOutbox();
    const { entry, result } = await sendOne(outbox);
    const follow = follower(outbox);
    const { root } = await mount({ outbox, follow });
    await until(() => supportOf(root, entry.id), 'followed');
    const hostile = '<img src=x onerror="window.__triagePwned=1"><b>bold</b>';
    await support('POST', `/api/tickets/${result.id}/updates`, { kind: 'update', text: hostile });
    await support('POST', `/api/tickets/${result.id}/log-requests`, { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString(), note: hostile });
    await until(() => supportOf(root, entry.id)?.querySelector('[part=log-request]'), 'the update and the request');
    const block = supportOf(root, entry.id)!;
    expect(block.querySelector('img')).to.equal(null);
    expect(block.querySelector('b')).to.equal(null);
    expect([...block.querySelectorAll('.update-text')].map((p) => p.textContent)).to.deep.equal([hostile, hostile]);
    expect((window as { __triagePwned?: number }).__triagePwned).to.equal(undefined);
  });

  it('answers a log request with one click: the redacted logs of the window arrive on the ticket', async () => {
    const now = Date.now();
    cleanups.push(
      registerLogSource({
        name: 'test-media-bar',
        collect: () => [
          { time: new Date(now - 30 * 60_000).toISOString(), level: 'error', message: 'Chat offer expired; Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123456789' },
          { time: new Date(now - 5 * 3_600_000).toISOString(), level: 'info', message: 'outside the window' },
        ],
      }),
    );
    const outbox = openOutbox();
    const { entry, result } = await sendOne(outbox);
    const follow = follower(outbox);
    const { reports, root } = await mount({ outbox, follow });
    await until(() => supportOf(root, entry.id), 'followed');
    const asked = await support<{ id: string }>('POST', `/api/tickets/${result.id}/log-requests`, {
      from: new Date(now - 3_600_000).toISOString(),
      to: new Date(now + 60_000).toISOString(),
      note: 'Please send logs',
    });
    expect(asked.status).to.equal(201);
    await until(() => button(supportOf(root, entry.id), 'Send my logs for this window'), 'the request with its button');
    expect(text(supportOf(root, entry.id)!.querySelector('[part=log-request]'))).to.match(/^Support asks for your logs from .+ to .+\. New Please send logs/);
    await expect(reports).to.be.accessible();

    button(supportOf(root, entry.id), 'Send my logs for this window')!.click();
    await waitUntil(() => supportOf(root, entry.id)?.querySelector('[part=log-request]')?.getAttribute('data-state') === 'answered', 'sent', { timeout: 15_000 }).catch((error) => {
      throw new Error(`${error.message}: ${text(supportOf(root, entry.id))}`);
    });
    expect(text(supportOf(root, entry.id)!.querySelector('[part=log-request]'))).to.contain('(1 entries, sensitive values removed)');

    const ticket = await support<{ attachments: { kind: string; name: string }[]; logRequests: { id: string; state: string }[] }>('GET', `/api/tickets/${result.id}`);
    expect(ticket.body.attachments.filter((a) => a.kind === 'logs')).to.have.length(1);
    expect(ticket.body.logRequests.find((r) => r.id === asked.body.id)?.state).to.equal('answered');
  });

  it('sends requested logs by itself where the site allows it, and tells the agent', async () => {
    const outbox = openOutbox();
    const { entry, result } = await sendOne(outbox);
    const follow = follower(outbox, { autoUploadLogs: true, collect: async () => ({ file: new File([JSON.stringify({ entries: [] })], 'logs.json', { type: 'application/json' }), entries: 0 }) });
    const { root } = await mount({ outbox, follow });
    await until(() => supportOf(root, entry.id), 'followed');
    await support('POST', `/api/tickets/${result.id}/log-requests`, { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString() });
    await until(() => supportOf(root, entry.id)?.querySelector('[part=log-request][data-state=answered]'), 'answered without a click');
    expect(text(supportOf(root, entry.id)!.querySelector('[part=log-request]'))).to.match(/Your logs were sent automatically .+, as your site allows\./);
  });

  it('shows a known incident before filing; "I\'m affected too" joins once and My reports follows it', async () => {
    const incident = await support<{ id: string }>('POST', '/api/incidents', {
      title: `Chats not routing <i>${crypto.randomUUID().slice(0, 6)}</i>`,
      workaround: 'Use the backup queue',
      category: 'voice',
      queue: 'Billing Voice',
    });
    expect(incident.status).to.equal(201);
    const follow = follower(undefined);
    const signals = createIntakeSignals({ url: env.INTAKE_URL, apiKey: env.INTAKE_KEY });
    localStorage.removeItem('triage-draft');
    const provider = await fixture<TriageProvider>(
      html`<triage-provider
        .agent=${{ locale: 'en-US', timeZone: 'UTC', reporter: { accountId: `a-${storageKey}`, login: 'jdoe', name: 'Jane Doe' }, records: { queue: 'Billing Voice' } }}
        .services=${{ signals, follow }}
      >
        <triage-reporter></triage-reporter>
        <triage-reports></triage-reports>
      </triage-provider>`,
    );
    const reporter = provider.querySelector('triage-reporter') as TriageReporter;
    const reports = provider.querySelector('triage-reports') as TriageReports;
    await reporter.show();
    await choose(reporter, 'category', 'voice');
    const banner = () => reporter.shadowRoot!.querySelector<HTMLElement>(`[part~=known-incident][data-id="${incident.body.id}"]`);
    await until(banner, 'the known-incident banner');
    expect(text(banner()!.querySelector('p'))).to.match(/^Known issue: Chats not routing <i>\w+<\/i>$/);
    expect(banner()!.querySelector('i')).to.equal(null);
    expect(text(banner())).to.contain('Workaround: Use the backup queue');
    await expect(reporter).to.be.accessible();

    button(banner(), "I'm affected too")!.click();
    await until(() => text(banner()?.querySelector('[role=status]')).startsWith('You are counted as affected'), 'joined');
    expect(button(banner(), "I'm affected too")).to.equal(undefined);

    await until(() => reports.shadowRoot!.querySelector(`[data-kind=incident][data-id="${incident.body.id}"] [part=support]`), 'My reports follows the incident');
    const followed = reports.shadowRoot!.querySelector(`[data-kind=incident][data-id="${incident.body.id}"]`)!;
    expect(text(followed)).to.contain('1 agents affected');
    expect(text(followed)).to.contain('Workaround: Use the backup queue');
    await expect(reports).to.be.accessible();

    // Joining again (another follower on the same device, or a replay) counts the agent once.
    await follow.join({ id: incident.body.id, title: 'x' }, { agent: { accountId: `a-${storageKey}` } });
    const other = follower(undefined, { storageKey: `${storageKey}-other` });
    await other.join({ id: incident.body.id, title: 'x' }, { agent: { accountId: `a-${storageKey}` } });
    const listed = await support<{ id: string; joinedAgents: number }>('GET', `/api/incidents/${incident.body.id}`);
    expect(listed.body.joinedAgents).to.equal(1);
  });
});
