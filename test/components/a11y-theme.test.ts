// The theme follows the host: the element's theme attribute, then config.theme, then the host
// page's color-scheme, and the operating system's preference only when the host says nothing.
// The OS preference is emulated in Chromium; colours are read from the rendered elements.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { emulateMedia } from '@web/test-runner-commands';
import { describe, it } from '../support/harness.js';
import { afterEach } from '../support/delivery-fixtures.js';
import '../../components/provider/define.js';
import '../../components/reports/define.js';
import '../../components/launcher/define.js';
import type { TriageReports } from '../../components/reports/reports.js';
import type { TriageLauncher } from '../../components/launcher/launcher.js';

const LIGHT_FG = 'rgb(27, 31, 36)';
const DARK_FG = 'rgb(232, 234, 238)';
const agent = { locale: 'en-US', timeZone: 'UTC' };

/** My reports inside a host element whose color-scheme is `scheme` (none when empty). */
async function reportsIn(scheme: string, config: object = {}, attrs: { theme?: string } = {}) {
  const page = await fixture(
    html`<div style=${scheme ? `color-scheme: ${scheme}` : ''}><triage-provider .agent=${agent} .config=${config}><triage-reports theme=${ifDefined(attrs.theme)}></triage-reports></triage-provider></div>`,
  );
  const reports = page.querySelector('triage-reports') as TriageReports;
  await reports.updateComplete;
  return reports;
}

const look = (el: Element) => ({ scheme: getComputedStyle(el).colorScheme, color: getComputedStyle(el).color });

describe('theme from the host', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('a dark OS inside a light host page shows light: the host page decides', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const reports = await reportsIn('light');
    expect(look(reports)).to.deep.equal({ scheme: 'light', color: LIGHT_FG });
  });

  it('a light OS inside a dark host page shows dark', async () => {
    const reports = await reportsIn('dark');
    expect(look(reports)).to.deep.equal({ scheme: 'dark', color: DARK_FG });
  });

  it('follows the OS, live, only when the host says nothing or takes both', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const silent = await reportsIn('');
    expect(look(silent)).to.deep.equal({ scheme: 'light dark', color: DARK_FG });
    const both = await reportsIn('light dark');
    expect(look(both).color).to.equal(DARK_FG);
    await emulateMedia({ colorScheme: 'light' });
    await waitUntil(() => look(both).color === LIGHT_FG, 'the OS change is followed', { timeout: 5000 });
    expect(look(silent).color).to.equal(LIGHT_FG);
  });

  it('config.theme outranks the host page, and the theme attribute outranks both', async () => {
    const configured = await reportsIn('light', { theme: 'dark' });
    expect(look(configured)).to.deep.equal({ scheme: 'dark', color: DARK_FG });
    const attributed = await reportsIn('light', { theme: 'dark' }, { theme: 'light' });
    expect(look(attributed)).to.deep.equal({ scheme: 'light', color: LIGHT_FG });
    attributed.theme = 'dark';
    await attributed.updateComplete;
    expect(look(attributed).color).to.equal(DARK_FG);
  });

  it('the launcher follows the same host: its error bubble is light in a light page under a dark OS', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const page = await fixture(html`<div style="color-scheme: light"><triage-launcher warm="none"></triage-launcher></div>`);
    const launcher = page.firstElementChild as TriageLauncher;
    const error = launcher.shadowRoot!.querySelector('[part=error]')!;
    expect(getComputedStyle(launcher).colorScheme).to.equal('light');
    expect(getComputedStyle(error).backgroundColor).to.equal('rgb(255, 255, 255)');
    const dark = await fixture(html`<div style="color-scheme: dark"><triage-launcher warm="none"></triage-launcher></div>`);
    expect(getComputedStyle(dark.firstElementChild!).colorScheme).to.equal('dark');
  });
});
