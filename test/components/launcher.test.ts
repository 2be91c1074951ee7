import { expect, fixture, html, nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { describe, it } from '../support/harness.js';
import '../../components/launcher/define.js';
import { TriageLauncher } from '../../components/launcher/launcher.js';
import '../../components/provider/define.js';
import type { TriageProvider } from '../../components/provider/provider.js';
import { es } from '../../src/strings-es.js';

/** A module address on a port nothing listens on: importing it fails the way an offline page does. */
const BLOCKED = 'http://127.0.0.1:9/blocked-module.js';

const button = (launcher: TriageLauncher) => launcher.shadowRoot!.querySelector('button')!;

describe('<triage-launcher>', () => {
  // First in this file: the reporter must not have been loaded (or warmed) by an earlier test.
  it('with warm="intent", loads and makes the reporter only when the agent shows intent, then opens it as its own child', async () => {
    const launcher = await fixture<TriageLauncher>(html`<triage-launcher warm="intent"></triage-launcher>`);
    await nextFrame(); // rendered and painted: a launcher that loaded eagerly would have started by now
    await new Promise((resolve) => requestIdleCallback(resolve)); // and idle: it does not warm either
    expect(customElements.get('triage-reporter'), 'loaded without intent').to.equal(undefined);

    button(launcher).focus(); // keyboard intent preloads, and the reporter is made closed once idle
    await waitUntil(() => launcher.querySelector('triage-reporter')?.shadowRoot?.querySelector('#f-summary'), 'focus did not prepare the reporter', { timeout: 5000 });
    const reporter = launcher.querySelector('triage-reporter')!;
    const dialog = reporter.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open, 'preparing opens nothing').to.equal(false);
    expect(launcher.shadowRoot!.activeElement, 'focus stays on the button').to.equal(button(launcher));

    const opened = oneEvent(launcher, 'triage-open');
    await sendKeys({ press: 'Enter' });
    await opened;
    expect(launcher.querySelector('triage-reporter'), 'the reporter made ahead is the one opened').to.equal(reporter);
    expect(reporter.parentElement).to.equal(launcher);
    expect(reporter.shadowRoot!.activeElement?.id).to.equal('f-summary', 'the first field has focus');
    expect(dialog.open).to.equal(true);
    expect(dialog.checkVisibility(), 'the dialog renders (the launcher slots its child)').to.equal(true);
    expect(button(launcher).hasAttribute('aria-busy')).to.equal(false);
  });

  it('shows a labelled button, short in the media bar and overridable', async () => {
    const launcher = await fixture<TriageLauncher>(html`<triage-launcher></triage-launcher>`);
    expect(button(launcher).textContent).to.equal('Report an issue');
    expect(button(launcher).getAttribute('part')).to.equal('button');
    launcher.setAttribute('compact', '');
    expect(button(launcher).textContent).to.equal('Report');
    launcher.setAttribute('label', 'Informar');
    expect(button(launcher).textContent).to.equal('Informar');
    await expect(launcher).to.be.accessible();
  });

  it('styles itself through an adopted stylesheet, with no inline style attribute', async () => {
    const launcher = await fixture<TriageLauncher>(html`<triage-launcher></triage-launcher>`);
    expect(launcher.shadowRoot!.adoptedStyleSheets).to.have.length(1);
    expect(launcher.shadowRoot!.querySelector('[style], style')).to.equal(null);
  });

  it('returns focus to the launcher button when the report closes', async () => {
    localStorage.clear(); // a draft left by another suite would make Escape ask first
    const launcher = await fixture<TriageLauncher>(html`<triage-launcher></triage-launcher>`);
    button(launcher).focus();
    const opened = oneEvent(launcher, 'triage-open');
    await sendKeys({ press: 'Enter' });
    await opened;
    const reporter = launcher.querySelector('triage-reporter')!;
    expect(reporter.shadowRoot!.activeElement?.id).to.equal('f-summary', 'focus moved into the dialog');
    const closed = oneEvent(launcher, 'triage-close');
    await sendKeys({ press: 'Escape' });
    await closed;
    expect(launcher.shadowRoot!.activeElement).to.equal(button(launcher));
  });

  it('says in words when the report form cannot load, and loads it on the next try', async () => {
    let offline = true;
    class FlakyLauncher extends TriageLauncher {
      protected override importReporter() {
        return offline ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : super.importReporter();
      }
    }
    customElements.define('flaky-launcher', FlakyLauncher);
    const launcher = await fixture<TriageLauncher>(html`<flaky-launcher></flaky-launcher>`);
    const error = launcher.shadowRoot!.querySelector('[part=error]')!;
    await launcher.open();
    expect(error.textContent).to.equal('Could not open the report form. Check the connection and try again.');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(button(launcher).hasAttribute('aria-busy')).to.equal(false);
    expect(launcher.querySelector('triage-reporter')).to.equal(null);
    await expect(launcher).to.be.accessible();

    offline = false;
    const opened = oneEvent(launcher, 'triage-open');
    button(launcher).click();
    await opened;
    expect(error.textContent).to.equal('');
    launcher.querySelector('triage-reporter')!.close();
  });

  it('warms the reporter and the submit code when the page is idle, then makes the reporter closed with its form rendered, so it opens with the module requests blocked', async () => {
    let blocked = false;
    const loads: string[] = [];
    class WarmLauncher extends TriageLauncher {
      protected override importReporter() {
        loads.push('reporter');
        if (blocked) return import(/* a refused port: a real failed module request */ BLOCKED);
        // What the form loads after its first view (the severity core, the validator) is warmed too.
        return super.importReporter().then((reporter) => ({
          ...(reporter as object),
          preloadLaterParts: () => (loads.push('later parts'), (reporter as { preloadLaterParts(): Promise<unknown> }).preloadLaterParts()),
        }));
      }
      protected override importDelivery() {
        loads.push('delivery');
        return blocked ? import(BLOCKED) : super.importDelivery();
      }
    }
    customElements.define('warm-launcher', WarmLauncher);
    localStorage.clear(); // no draft from another suite: this one opens on a blank form
    let events = 0;
    const count = () => events++;
    for (const type of ['triage-open', 'triage-close', 'triage-submit', 'triage-queued']) document.addEventListener(type, count);
    const launcher = await fixture<TriageLauncher>(html`<warm-launcher></warm-launcher>`);
    await waitUntil(() => loads.length === 3, 'the idle page did not warm the launcher', { timeout: 5000 });
    expect(loads).to.deep.equal(['reporter', 'delivery', 'later parts'], 'warmed without any intent, the form\'s later parts too');

    // Once idle again, the reporter is made and renders its whole form, closed: nothing shows, nothing takes focus.
    await waitUntil(() => launcher.querySelector('triage-reporter')?.shadowRoot?.querySelector('#f-summary'), 'the warm-up did not render the form', { timeout: 5000 });
    const reporter = launcher.querySelector('triage-reporter')!;
    const dialog = reporter.shadowRoot!.querySelector('dialog')!;
    expect(reporter.parentElement, 'made where the click opens it').to.equal(launcher);
    expect(dialog.open, 'warming opens nothing').to.equal(false);
    expect(dialog.checkVisibility(), 'nothing of the form is visible').to.equal(false);
    expect(document.activeElement, 'nothing took focus').to.equal(document.body);
    expect(events, 'no triage-* event before the click').to.equal(0);
    await expect(launcher).to.be.accessible();

    blocked = true; // the connection is gone before the first click
    const opened = oneEvent(launcher, 'triage-open');
    button(launcher).click();
    await opened;
    for (const type of ['triage-open', 'triage-close', 'triage-submit', 'triage-queued']) document.removeEventListener(type, count);
    expect(launcher.querySelectorAll('triage-reporter'), 'the click opened the reporter made ahead').to.have.length(1);
    expect(dialog.open).to.equal(true);
    expect(reporter.shadowRoot!.activeElement?.id).to.equal('f-summary', 'the first field has focus');
    expect(loads, 'the click needed no module request').to.have.length(3);
    expect(launcher.shadowRoot!.querySelector('[part=error]')!.textContent).to.equal('');
    launcher.querySelector('triage-reporter')!.close();
  });

  it('with warm="none" and the module requests blocked, says what to do, loads nothing early, and retries on the next click', async () => {
    let blocked = true;
    let attempts = 0;
    class ColdLauncher extends TriageLauncher {
      protected override importReporter() {
        attempts++;
        return blocked ? import(BLOCKED) : super.importReporter();
      }
    }
    customElements.define('cold-launcher', ColdLauncher);
    const launcher = await fixture<TriageLauncher>(html`<cold-launcher warm="none"></cold-launcher>`);
    await new Promise((resolve) => requestIdleCallback(resolve));
    button(launcher).focus();
    button(launcher).dispatchEvent(new PointerEvent('pointerenter'));
    expect(attempts, 'neither idle time nor intent loads with warm="none"').to.equal(0);
    await new Promise((resolve) => requestIdleCallback(resolve));
    expect(launcher.querySelector('triage-reporter'), 'nor makes a reporter').to.equal(null);

    button(launcher).click();
    const error = launcher.shadowRoot!.querySelector('[part=error]')!;
    await waitUntil(() => error.textContent, 'no message after a failed load', { timeout: 5000 });
    expect(error.textContent).to.equal('Could not open the report form. Check the connection and try again.');
    expect(attempts).to.equal(1);
    expect(launcher.querySelector('triage-reporter')).to.equal(null);

    blocked = false; // the connection is back: the next click tries again
    const opened = oneEvent(launcher, 'triage-open');
    button(launcher).click();
    await opened;
    expect(attempts).to.equal(2);
    expect(error.textContent).to.equal('');
    launcher.querySelector('triage-reporter')!.close();
  });

  it('creates one reporter however often it is clicked', async () => {
    const launcher = await fixture<TriageLauncher>(html`<triage-launcher></triage-launcher>`);
    await launcher.open();
    launcher.querySelector('triage-reporter')!.close();
    await launcher.open();
    expect(launcher.querySelectorAll('triage-reporter')).to.have.length(1);
    launcher.querySelector('triage-reporter')!.close();
  });

  it('speaks the agent\'s language from the provider, follows a change, and takes host overrides by key', async () => {
    const provider = await fixture<TriageProvider>(html`<triage-provider .agent=${{ locale: 'es-MX' }}>
      <triage-launcher id="full"></triage-launcher><triage-launcher id="short" compact></triage-launcher>
    </triage-provider>`);
    const full = provider.querySelector<TriageLauncher>('#full')!;
    const short = provider.querySelector<TriageLauncher>('#short')!;
    expect(button(full).textContent).to.equal('Informar un problema');
    expect(button(short).textContent).to.equal('Informar');
    await expect(full).to.be.accessible();

    provider.config = { strings: { launcherShort: 'Avisar' } };
    expect(button(short).textContent).to.equal('Avisar', 'an override replaces one key');
    expect(button(full).textContent).to.equal('Informar un problema', 'the other keys stay');

    provider.agent = { locale: 'en-GB' };
    expect(button(full).textContent).to.equal('Report an issue');
  });

  it('fits a 32 px media bar in its compact form, with a target of at least 24 px', async () => {
    const bar = await fixture<HTMLElement>(html`<div style="display:flex;align-items:center;block-size:32px;padding:0 8px;box-sizing:border-box;font:14px system-ui">
      <span>Queue ABC</span><triage-launcher compact warm="none"></triage-launcher>
    </div>`);
    const box = button(bar.querySelector<TriageLauncher>('triage-launcher')!).getBoundingClientRect();
    expect(box.height, 'the button fits the bar').to.be.at.most(32);
    expect(Math.min(box.height, box.width), 'WCAG 2.2 target size').to.be.at.least(24);
  });

  it('says in Spanish when the report form cannot load for a Spanish agent', async () => {
    class OfflineLauncher extends TriageLauncher {
      protected override importReporter() {
        return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
      }
    }
    customElements.define('offline-launcher', OfflineLauncher);
    const provider = await fixture<TriageProvider>(html`<triage-provider .agent=${{ locale: 'es-ES' }}><offline-launcher></offline-launcher></triage-provider>`);
    const launcher = provider.querySelector<TriageLauncher>('offline-launcher')!;
    await launcher.open();
    expect(launcher.shadowRoot!.querySelector('[part=error]')!.textContent).to.equal(es.launcherLoadFailed);
  });
});
