import { expect, fixture, html, nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { describe, it } from '../support/harness.js';
import '../../components/launcher/define.js';
import { TriageLauncher } from '../../components/launcher/launcher.js';
import '../../components/provider/define.js';
import type { TriageProvider } from '../../components/provider/provider.js';
import { es } from '../../src/strings-es.js';

const button = (launcher: TriageLauncher) => launcher.shadowRoot!.querySelector('button')!;

describe('<triage-launcher>', () => {
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

  // Order matters in this file: the reporter must not have been loaded by an earlier test.
  it('loads the reporter only when the agent shows intent, then opens it as its own child', async () => {
    const launcher = await fixture<TriageLauncher>(html`<triage-launcher></triage-launcher>`);
    await nextFrame(); // rendered and painted: a launcher that loaded eagerly would have started by now
    expect(customElements.get('triage-reporter'), 'loaded without intent').to.equal(undefined);

    button(launcher).focus(); // keyboard intent preloads
    await waitUntil(() => customElements.get('triage-reporter'), 'focus did not preload the reporter', { timeout: 5000 });
    expect(launcher.querySelector('triage-reporter'), 'preloading opens nothing').to.equal(null);

    const opened = oneEvent(launcher, 'triage-open');
    await sendKeys({ press: 'Enter' });
    await opened;
    const reporter = launcher.querySelector('triage-reporter')!;
    expect(reporter.parentElement).to.equal(launcher);
    const dialog = reporter.shadowRoot!.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.checkVisibility(), 'the dialog renders (the launcher slots its child)').to.equal(true);
    expect(button(launcher).hasAttribute('aria-busy')).to.equal(false);
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
