// Every element in every state, light and dark, against every WCAG 2.2 A and AA rule axe has
// (color-contrast and target-size included; target-size is off in axe's defaults, so the
// `to.be.accessible()` of the other suites does not check it). Contrast is read from the pixels
// Chromium renders with the real styles, so each state is rendered, then checked.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import type { AxeResults, RunOptions } from 'axe-core';
import { describe, it } from '../support/harness.js';
import { $, OutboxDouble, choose, typeInto } from '../support/reporter-fixtures.js';
import { makeTicket } from '../support/delivery-fixtures.js';
import '../../components/launcher/define.js';
import '../../components/reports/define.js';
import '../../components/status/define.js';
import '../../components/screenshot/define.js';
import '../../components/logs/define.js';
import type { TriageReporter } from '../../components/reporter/reporter.js';
import type { TriageReports } from '../../components/reports/reports.js';
import type { TriageStatus } from '../../components/status/status.js';
import type { TriageScreenshot } from '../../components/screenshot/screenshot.js';
import { TriageLauncher } from '../../components/launcher/launcher.js';
import type { OutboxEntry } from '../../src/delivery.js';
import { installRewind } from '../../src/logs/rewind.js';

const WCAG_22_AA: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
  resultTypes: ['violations'],
};
const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 10_000 });
const THEMES = ['light', 'dark'] as const;
const agent = { locale: 'en-US', timeZone: 'America/New_York' };

let axe: { run(context: Element, options: RunOptions): Promise<AxeResults> } | undefined;

/** Runs axe on the element as rendered; fails with every violation, its rule and its target. */
async function wcag22(el: Element, state: string): Promise<AxeResults> {
  if (!axe) {
    await import('axe-core/axe.min.js' as string);
    axe = (window as unknown as { axe: typeof axe }).axe;
  }
  await new Promise(requestAnimationFrame);
  const results = await axe!.run(el, WCAG_22_AA);
  const found = results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' > ')} — ${n.failureSummary?.replace(/\s+/g, ' ')}`));
  expect(found, `${state}: ${found.join('\n')}`).to.deep.equal([]);
  return results;
}

/** Any element, inside a provider with the theme in its configuration. */
async function mount<T extends Element>(theme: string, inner: ReturnType<typeof html>, services: object = {}, config: object = {}) {
  localStorage.clear();
  const provider = await fixture(html`<triage-provider .agent=${agent} .config=${{ theme, ...config }} .services=${services}>${inner}</triage-provider>`);
  return provider.firstElementChild as T;
}

/** A reporter whose filled form was sent to an outbox double; the states after Send are the double's to set. */
async function submitted(theme: string) {
  const outbox = new OutboxDouble();
  const reporter = await mount<TriageReporter>(theme, html`<triage-reporter></triage-reporter>`, { outbox });
  await reporter.show();
  await typeInto(reporter, 'summary', 'Agents cannot log in to the media bar');
  await choose(reporter, 'category', 'media-bar-login');
  $(reporter, '[part~=submit]').click();
  await until(() => outbox.submitted.length === 1, 'submitted');
  return { reporter, outbox, id: outbox.submitted[0]!.ticket.id };
}

const press = (root: ParentNode, label: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === label)!.click();

for (const theme of THEMES) {
  describe(`WCAG 2.2 AA, ${theme}`, () => {
    it('reporter: form with its evidence tools, a pressed quick pick under the mouse, errors, confirm', async () => {
      const outbox = new OutboxDouble();
      const reporter = await mount<TriageReporter>(
        theme,
        html`<triage-reporter><triage-screenshot slot="evidence"></triage-screenshot><triage-logs slot="evidence"></triage-logs></triage-reporter>`,
        { outbox },
      );
      await reporter.show();
      await wcag22(reporter, 'form');

      $(reporter, '[part~=submit]').click();
      await until(() => reporter.shadowRoot!.querySelector('[part~=errors]'), 'the error summary');
      await wcag22(reporter, 'errors');

      // A pressed quick pick, the mouse still on it: the hover style must not undo the pressed one.
      const pick = [...reporter.shadowRoot!.querySelectorAll<HTMLButtonElement>('.picks button')][1]!;
      pick.scrollIntoView({ block: 'center' });
      pick.click();
      await reporter.updateComplete;
      expect(pick.getAttribute('aria-pressed')).to.equal('true');
      const box = pick.getBoundingClientRect();
      await sendMouse({ type: 'move', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
      expect(pick.matches(':hover')).to.equal(true);
      await wcag22(reporter, 'pressed quick pick under the mouse');
      await resetMouse();

      await typeInto(reporter, 'summary', 'Hold button does nothing');
      await sendKeys({ press: 'Escape' });
      await until(() => reporter.shadowRoot!.querySelector('[role=alertdialog]'), 'the confirmation');
      await wcag22(reporter, 'confirm');
    });

    it('reporter: queued, waiting after a failed attempt, sending and sent', async () => {
      const { reporter, outbox, id } = await submitted(theme);
      await reporter.updateComplete;
      await wcag22(reporter, 'queued');
      outbox.advance(id, { state: 'queued', attempts: 1, nextAttemptAt: Date.now() + 20_000, lastError: 'The network is unreachable.' });
      await reporter.updateComplete;
      await wcag22(reporter, 'waiting');
      outbox.advance(id, { state: 'sending', attempts: 2, loaded: 300, total: 1200 });
      await reporter.updateComplete;
      await wcag22(reporter, 'sending');
      outbox.advance(id, { state: 'sent', sentAt: new Date().toISOString(), result: { id, reference: '261201-000042', related: { reports: 3, agents: 2, minutes: 60 } } });
      await until(() => $(reporter, '[part~=status]')?.textContent?.includes('261201-000042'), 'sent');
      await wcag22(reporter, 'sent');
    });

    it('reporter: refused by the service', async () => {
      const { reporter, outbox, id } = await submitted(theme);
      outbox.advance(id, { state: 'failed', reason: 'The service refused the report.', status: 422, fields: [{ path: 'summary', message: 'Summary is too vague.' }] });
      await reporter.updateComplete;
      await wcag22(reporter, 'failed');
    });

    it('My reports with an item in each delivery state', async () => {
      const outbox = new OutboxDouble();
      const now = new Date().toISOString();
      const entry = (summary: string, delivery: OutboxEntry['delivery']): OutboxEntry => {
        const ticket = makeTicket({ summary });
        return { id: ticket.id, ticket, delivery, storedAt: now, updatedAt: now };
      };
      for (const seeded of [
        entry('Queued one', { state: 'queued', attempts: 0 }),
        entry('Waiting one', { state: 'queued', attempts: 2, nextAttemptAt: Date.now() + 20_000, lastError: 'Network down' }),
        entry('Sending one', { state: 'sending', attempts: 1, loaded: 10, total: 100 }),
        entry('Sent one', { state: 'sent', sentAt: now, result: { id: 'x', reference: '261201-000042' } }),
        entry('Failed one', { state: 'failed', reason: 'Refused by the service', status: 422 }),
      ]) {
        outbox.seed(seeded);
      }
      const reports = await mount<TriageReports>(theme, html`<triage-reports></triage-reports>`, { outbox });
      await until(() => reports.shadowRoot!.querySelectorAll('[part=item]').length === 5, 'five items');
      await wcag22(reports, 'five states');
    });

    it('launcher: idle and after a failed load, its toolbar no taller', async () => {
      class OfflineLauncher extends TriageLauncher {
        protected override importReporter() {
          return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
        }
      }
      const tag = `offline-launcher-${theme}`;
      customElements.define(tag, OfflineLauncher);
      // On a dark media bar, as in the demo desktop.
      const bar = await fixture(html`<div style="display:flex;align-items:center;gap:8px;padding:4px;background:#3f3b38;color:#fff">
        <span>Queue ABC</span>${document.createElement(tag)}
      </div>`);
      const launcher = bar.lastElementChild as TriageLauncher;
      launcher.setAttribute('compact', '');
      launcher.setAttribute('theme', theme);
      await wcag22(bar, 'idle');
      const height = [bar.getBoundingClientRect().height, launcher.getBoundingClientRect().height];
      await launcher.open();
      const error = launcher.shadowRoot!.querySelector('[part=error]')!;
      expect(error.textContent).to.not.equal('');
      expect([bar.getBoundingClientRect().height, launcher.getBoundingClientRect().height]).to.deep.equal(height, 'the message does not grow the bar');
      await wcag22(bar, 'error');
    });

    it('status: operational, incident with link buttons, maintenance, unreadable', async () => {
      const fixtures = '/demo/status/fixtures/';
      for (const [state, url] of [
        ['operational', `${fixtures}github-2019-12-30-all-operational.json`],
        ['incident', `${fixtures}github-2020-04-02-unresolved-incident.json`],
        ['maintenance', `${fixtures}statuspage-docs-example-maintenance-in-progress.json`],
        ['unreadable', `${fixtures}missing.json`],
      ] as const) {
        const status = await mount<TriageStatus>(theme, html`<triage-status></triage-status>`, {}, { statusPageUrl: url });
        await until(() => ['read', 'unknown'].includes(status.shadowRoot!.querySelector('[part=base]')?.getAttribute('data-state') ?? ''), `${state} read`);
        await wcag22(status, state);
      }
    });

    it('screenshot: the ways to take one, then the editor with a black-out and a highlight', async () => {
      const reporter = await mount<TriageReporter>(theme, html`<triage-reporter><triage-screenshot slot="evidence"></triage-screenshot></triage-reporter>`, { outbox: new OutboxDouble() });
      await reporter.show();
      const shot = reporter.querySelector('triage-screenshot') as TriageScreenshot;
      await wcag22(shot, 'ladder');
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [400, 240];
      const paint = canvas.getContext('2d')!;
      paint.fillStyle = '#3a7';
      paint.fillRect(0, 0, 400, 240);
      const picture = await new Promise<Blob>((resolve) => canvas.toBlob((blob) => resolve(blob!), 'image/png'));
      await shot.fromFile(new File([picture], 'screen.png', { type: 'image/png' }), 'file');
      await until(() => shot.shadowRoot!.querySelector('triage-screenshot-editor'), 'the editor');
      const tools = shot.shadowRoot!.querySelector('triage-screenshot-editor') as unknown as { add(tool: string): void; updateComplete: Promise<unknown> };
      tools.add('redact');
      tools.add('highlight');
      await tools.updateComplete;
      await wcag22(shot, 'editor');
    });

    it('logs: before collecting and with the redacted preview', async () => {
      const reporter = await mount<TriageReporter>(theme, html`<triage-reporter><triage-logs slot="evidence"></triage-logs></triage-reporter>`, { outbox: new OutboxDouble() });
      await reporter.show();
      const logs = reporter.querySelector('triage-logs')!;
      await wcag22(logs, 'idle');
      installRewind();
      console.info('a line for the preview');
      press(logs.shadowRoot!, 'Attach logs');
      await until(() => logs.shadowRoot!.querySelector('[part=preview]'), 'the preview');
      expect(logs.shadowRoot!.querySelector('[part=summary]')).to.not.equal(null);
      await wcag22(logs, 'preview');
    });
  });
}

