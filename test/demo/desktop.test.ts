// Smoke test of the demo desktop: the page's own markup, the BUI double with the built add-in zip
// installed, the real adapter, the media-bar API, the real outbox and the real intake service
// (test plugin), wired by the demo's own code.
import { fixture, html, expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { startDesktop, type Desktop } from '../../demo/desktop-app.js';
import type { TriageReporter } from '../../components/reporter/reporter.js';
import { es } from '../../src/strings-es.js';
import { demoEn, demoEs } from '../../demo/strings.js';
import { describe, it } from '../support/harness.js';
import { afterEach, loadEnv } from '../support/delivery-fixtures.js';

const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 10_000 });

async function pageMarkup(): Promise<{ source: string; body: Document['body'] }> {
  const source = await (await fetch('/demo/index.html')).text();
  return { source, body: new DOMParser().parseFromString(source, 'text/html').body };
}

describe('demo desktop', () => {
  let desktop: Desktop | undefined;

  afterEach(async () => {
    desktop?.stop();
    await desktop?.shell.uninstall();
    desktop = undefined;
  });

  async function mount(): Promise<{ root: HTMLElement; desktop: Desktop }> {
    const env = await loadEnv();
    const root = await fixture<HTMLElement>(html`<div></div>`);
    root.append(...document.adoptNode((await pageMarkup()).body).childNodes);
    desktop = await startDesktop(root, {
      config: { intakeUrl: env.INTAKE_URL, apiKey: env.INTAKE_KEY, plan: 'premium' },
      spanishStrings: es,
      // The test runner serves the build output under /dist and the demo's files under /demo.
      bui: {
        zipUrl: '/dist/osvc/triage-kit-addin.zip',
        workerUrl: '/dist/embed/bui-double-worker.js',
        frameworkUrl: '/dist/embed/bui-double-frame.js',
        chatApiUrl: '/dist/embed/bui-double-chat-api.js',
        statusPageUrl: '/demo/status/summary.json',
      },
    });
    return { root, desktop };
  }

  it('has no inline scripts or styles, so the intake service CSP can stay strict', async () => {
    const { source, body } = await pageMarkup();
    const doc = body.ownerDocument;
    expect([...doc.querySelectorAll('script')].every((script) => script.hasAttribute('src'))).to.equal(true);
    expect(doc.querySelectorAll('style, [style]')).to.have.length(0);
    expect(source).to.not.match(/\son[a-z]+=/i, 'no inline event handlers');
    // The rewind buffer first, so it records the desktop from the start.
    expect([...doc.querySelectorAll('script[type=module]')].map((script) => script.getAttribute('src')).filter((src) => src?.startsWith('/embed/'))).to.deep.equal(['/embed/triage-rewind.js', '/embed/demo-desktop.js']);
  });

  it('prefills the agent from the simulated OSvC through connectOsvc and hands it to the reporter', async () => {
    const { root, desktop } = await mount();
    expect(desktop.simulator.loads).to.deep.equal([{ appId: 'triage-kit-demo', version: '1.0' }]);
    expect(desktop.provider.agent.reporter.accountId).to.equal('4187');
    expect(desktop.provider.agent.sources['reporter.accountId']).to.equal('OSvC');
    expect(desktop.provider.config.plan).to.equal('premium');
    expect(desktop.provider.services.outbox).to.equal(desktop.outbox);
    expect(root.querySelector('#agent-name')!.textContent).to.equal('maria.lopez');

    root.querySelector('#workspace-launcher')!.shadowRoot!.querySelector('button')!.click();
    await until(() => root.querySelector('#workspace-launcher triage-reporter'), 'the launcher opens the reporter');
    const reporter = root.querySelector('#workspace-launcher triage-reporter') as TriageReporter;
    await until(() => reporter.agent?.reporter.accountId === '4187', 'the reporter sees the OSvC account id');
    expect(reporter.agent!.records.incidentReference).to.equal('261127-000412');
    expect(reporter.agent!.records.chatId).to.equal('ENG-20931');
    expect(reporter.agent!.reporter).to.include({ acdAgentId: '7001', extension: '4411' });
    expect(reporter.agent!.sources).to.include({ 'reporter.acdAgentId': 'Media bar', 'reporter.extension': 'Media bar', 'records.chatId': 'Media bar' });
    await until(
      () => [...reporter.shadowRoot!.querySelectorAll('input')].some((input) => input.value === '4187'),
      'the form shows the account id',
    );
    const dialog = reporter.shadowRoot!.querySelector('dialog')!;
    await until(() => dialog.open && dialog.getBoundingClientRect().width > 0, 'the form is on screen, not just open');
  });

  it('follows a workspace tab switch into the prefill', async () => {
    const { root, desktop } = await mount();
    root.querySelector<HTMLElement>('#tab-48227')!.click();
    await until(() => desktop.provider.agent.records.incidentReference === '261127-000431', 'the second incident');
    expect(desktop.provider.agent.records.queue).to.equal('Billing Voice');
    expect(desktop.provider.agent.records.chatId).to.equal(undefined, 'a phone incident has no chat');
    expect(desktop.provider.agent.records.interactionId).to.equal('CALL-55012', 'the media bar names the call');
    expect(root.querySelector('#record-subject')!.textContent).to.equal('Screen pop opens the wrong contact record');
    expect(root.querySelector('#tab-48227')!.getAttribute('aria-selected')).to.equal('true');
  });

  it('has the add-in from the zip in the header: its modal reporter shows OSvC, chat and the switched incident', async () => {
    const { root, desktop } = await mount();
    await until(() => root.querySelector('#bui-menus .bui-menu-button'), 'the add-in put "Support" in the global header');
    root.querySelector<HTMLButtonElement>('#bui-menus .bui-menu-button')!.click();
    await until(() => root.querySelector('#bui-menus .bui-menu-item'), 'the menu opens');
    expect(root.querySelector('#bui-menus .bui-menu-item')!.textContent!.trim()).to.equal('Report an issue');
    root.querySelector<HTMLButtonElement>('#bui-menus .bui-menu-item')!.click();
    await until(() => root.querySelector<HTMLIFrameElement>('#bui-modals iframe')?.contentDocument?.querySelector('triage-reporter'), 'the modal window holds the reporter');
    const reporter = root.querySelector<HTMLIFrameElement>('#bui-modals iframe')!.contentDocument!.querySelector('triage-reporter') as TriageReporter;
    await until(() => reporter.agent?.records.chatId === 'ENG-20931', 'account, incident and the chat from BUI');
    expect(reporter.agent!.reporter.accountId).to.equal('4187');
    // The media bar, asked through Oracle's cross-extension actions, names the same chat and wins (it knows the interaction).
    expect(reporter.agent!.sources['records.chatId']).to.equal('Media bar');
    await until(() => reporter.agent?.reporter.acdAgentId === '7001', 'the media bar shares its ACD agent ID with the add-in');
    expect(reporter.agent!.reporter.extension).to.equal('4411');
    // The form renders once the core it shows has arrived, which can be after the agent is known.
    await until(() => reporter.querySelector('triage-status')?.assignedSlot?.name === 'status', 'the status page is inside the form');
    root.querySelector<HTMLElement>('#tab-48227')!.click();
    await until(() => reporter.agent?.records.incidentReference === '261127-000431', 'the modal follows the tab switch');
    expect(desktop.simulator.modals).to.have.length(1);
  });

  it('shows the live incident from the status page, which the agent can link', async () => {
    const { root } = await mount();
    const status = root.querySelector('triage-status')!;
    await until(() => status.shadowRoot!.querySelector('[part=incident]'), 'the status page incident is shown');
    expect(status.shadowRoot!.querySelector('[part=incident] .name')!.textContent).to.equal('Chat offers disappear before agents can accept them');
    const linked = new Promise<string | undefined>((resolve) => root.addEventListener('triage-status-link', (event) => resolve(event.detail.incidentId), { once: true }));
    status.shadowRoot!.querySelector<HTMLButtonElement>('[part=incident] button')!.click();
    expect(await linked).to.equal('demo-inc-chat-offers');
  });

  it('is accessible (axe), with keyboard tab switching between the open records', async () => {
    const { root, desktop } = await mount();
    await expect(root).to.be.accessible();
    const first = root.querySelector<HTMLElement>('#tab-48213')!;
    first.focus();
    first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await until(() => desktop.provider.agent.records.incidentId === '48227', 'the arrow key moves to the next record');
    await until(() => root.querySelector('#tab-48227') === document.activeElement, 'focus follows');
  });

  it('lets the agent type to the customer: Enter or Send shows the line in the transcript, and nothing leaves the page', async () => {
    const { root } = await mount();
    const input = root.querySelector<HTMLInputElement>('#chat-message')!;
    const lines = () => [...root.querySelectorAll('#chat-log li')].map((line) => line.textContent!.trim());
    const before = lines();
    const requests: string[] = [];
    const fetchBefore = window.fetch;
    window.fetch = (resource, init) => (requests.push(String(resource)), fetchBefore(resource, init));
    try {
      // Real key presses: a disabled or covered box takes none of them.
      input.focus();
      await sendKeys({ type: 'Could you try reloading the page?' });
      await sendKeys({ press: 'Enter' });
      expect(lines()).to.deep.equal([...before, 'You: Could you try reloading the page?']);
      expect(input.value, 'the box is empty for the next line').to.equal('');
      expect(document.activeElement, 'and keeps the focus').to.equal(input);
      await sendKeys({ type: 'Still there?' });
      await sendKeys({ press: 'Tab' });
      expect(document.activeElement).to.equal(root.querySelector('#chat-send'));
      await sendKeys({ press: 'Enter' });
      expect(lines().slice(-2)).to.deep.equal(['You: Could you try reloading the page?', 'You: Still there?']);
      expect(document.activeElement, 'back in the box after Send').to.equal(input);
      await sendKeys({ press: 'Enter' });
      expect(lines(), 'an empty line is not sent').to.have.length(before.length + 2);
      expect(requests, 'nothing is sent anywhere').to.deep.equal([]);
    } finally {
      window.fetch = fetchBefore;
    }
    // The transcript is a log, so a screen reader hears each new line, with who said it.
    expect(root.querySelector('#chat-transcript')!.getAttribute('role')).to.equal('log');
    expect(lines()[1]).to.match(/^Daniel Ortega: /);
    await expect(root.querySelector('.chat')).to.be.accessible();

    // A phone incident has no chat to type in; the chat incident keeps what was typed.
    root.querySelector<HTMLElement>('#tab-48227')!.click();
    await until(() => input.disabled, 'the box is off on a phone incident');
    expect(root.querySelector<HTMLButtonElement>('#chat-send')!.disabled).to.equal(true);
    root.querySelector<HTMLElement>('#tab-48213')!.click();
    await until(() => !input.disabled, 'and back on for the chat');
    expect(lines().slice(-1)).to.deep.equal(['You: Still there?']);
  });

  it('switches the kit to Spanish', async () => {
    const { root } = await mount();
    const toggle = root.querySelector<HTMLInputElement>('#spanish')!;
    toggle.click();
    const reports = root.querySelector('triage-reports')!;
    await until(() => reports.shadowRoot!.querySelector('h2')?.textContent === 'Mis informes', 'the reports speak Spanish');
    expect(desktop!.provider.agent.locale).to.equal('es-MX');
    expect(desktop!.provider.config.strings).to.have.property('reportsTitle', 'Mis informes');
    expect(desktop!.provider.config.strings).to.have.property('title', es.title);
    const label = root.querySelector('#workspace-launcher')!.shadowRoot!.querySelector('button')!.textContent!.trim();
    expect(label).to.equal(es.launcherLabel);
    toggle.click();
    await until(() => reports.shadowRoot!.querySelector('h2')?.textContent === 'My reports', 'and back to English');
    expect(root.querySelector('#workspace-launcher')!.hasAttribute('label')).to.equal(false);
  });

  it("switches the desktop's own words to Spanish too: header, media bar, record and chat", async () => {
    const { root } = await mount();
    const text = (selector: string) => root.querySelector(selector)!.textContent!.trim();
    const hold = root.querySelector('.media-button')!;
    expect(hold.textContent).to.equal('Hold');
    root.querySelector<HTMLInputElement>('#spanish')!.click();
    await until(() => hold.textContent === demoEs.hold, 'the media bar speaks Spanish');
    expect(root.querySelector('#desktop')!.getAttribute('lang')).to.equal('es');
    expect(root.querySelector('.media-bar')!.getAttribute('aria-label')).to.equal(demoEs.mediaBar);
    expect(root.querySelector<HTMLInputElement>('.global-search input')!.placeholder).to.equal(demoEs.searchPlaceholder);
    expect(text('#agent-status')).to.equal(demoEs.available);
    expect(text('#site-name')).to.contain(demoEs.serviceCenter);
    expect([...root.querySelectorAll('#record-fields dt')].map((term) => term.textContent)).to.include(demoEs.contact);
    expect(text('.record-kind')).to.match(/^Incidente /);
    expect(text('#chat-send')).to.equal(demoEs.send);
    // The customer's words are data and stay as written; only the demo's labels change.
    expect(text('#record-subject')).to.equal('Chat offers disappear before I can accept them');
    await expect(root).to.be.accessible();
    root.querySelector<HTMLInputElement>('#spanish')!.click();
    await until(() => hold.textContent === 'Hold', 'and back to English');
    expect(text('#agent-status')).to.equal('Available');
    expect(root.querySelector('#desktop')!.getAttribute('lang')).to.equal('en');
  });

  it('has every word the markup names in both demo catalogs', async () => {
    const { body } = await pageMarkup();
    const keys = [...body.querySelectorAll<HTMLElement>('[data-text], [data-aria-label], [data-placeholder]')].flatMap((element) =>
      [element.dataset.text, element.dataset.ariaLabel, element.dataset.placeholder].filter((key): key is string => key !== undefined),
    );
    expect(keys.length).to.be.greaterThan(30);
    for (const key of keys) expect(demoEn, key).to.have.property(key);
    expect(Object.keys(demoEs).sort()).to.deep.equal(Object.keys(demoEn).sort());
    // What the markup says in English is what the English catalog says, so switching back restores it.
    for (const element of body.querySelectorAll<HTMLElement>('[data-text]')) {
      expect(element.textContent!.replace(/\s+/g, ' ').trim(), element.dataset.text).to.equal(demoEn[element.dataset.text as keyof typeof demoEn].trim());
    }
  });
});
