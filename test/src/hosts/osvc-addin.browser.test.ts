// The OSvC add-in as an administrator installs it: the built zip, uploaded to the BUI double's
// Add-In Manager with the configuration edited as the README says, loaded as BUI loads a Console
// extension, and driven as an agent would: header menu, modal window, a real report delivered
// to the real intake service (test plugin).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { TriageReporter } from '../../../components/reporter/reporter.js';
import { simIncident } from '../../support/osvc-double.js';
import { addinZip, ADDIN_INIT_FILE, startBui, type BuiShell } from '../../support/bui-double/index.js';
import { afterEach, loadEnv } from '../../support/delivery-fixtures.js';
import { describe, it } from '../../support/harness.js';
import { es } from '../../../src/strings-es.js';
import { connectOsvc } from '../../../src/hosts/osvc.js';
import { createMediaBar, shareMediaBar } from '../../../src/hosts/media-bar.js';
import type { TriageStatus } from '../../../components/status/status.js';

const until = (condition: () => unknown, message: string) => waitUntil(condition, message, { timeout: 15_000 });
const billing = simIncident({ id: 48213, reference: '261127-000412', contactId: 90211, queueId: 7, queueName: 'ABC', subject: 'Chat offers disappear' });
const screenPop = simIncident({ id: 48227, reference: '261127-000431', contactId: 90377, queueId: 9, queueName: 'Billing Voice' });
const CONFIG = 'triage-kit/triage-kit.config.json';

describe('OSvC add-in zip in the BUI double', () => {
  let shell: BuiShell | undefined;
  afterEach(async () => {
    await shell?.uninstall();
    shell = undefined;
  });

  async function install(configEdit: (config: Record<string, any>) => Record<string, any> = (config) => config, language = 'en_US') {
    const env = await loadEnv();
    const root = await fixture<HTMLElement>(html`<div></div>`);
    const started = await startBui(root, {
      agent: { accountId: 4187, login: 'maria.lopez', profileName: 'Tier 1 Chat Agent', language, restBase: env.OSVC_REST_BASE, sessionToken: env.OSVC_SESSION_TOKEN },
      records: [billing, screenPop],
      chat: { engagements: [{ id: 'ENG-20931', incidentId: 48213, queueName: 'ABC' }], current: 'ENG-20931' },
    });
    shell = started.shell;
    const addin = await shell.installAddin(await addinZip(), {
      name: 'triage-kit',
      initFile: ADDIN_INIT_FILE,
      // README step: put the intake address and key into the configuration before uploading.
      edit: {
        [CONFIG]: (text) => JSON.stringify(configEdit({ ...JSON.parse(text), delivery: { mode: 'intake', intakeUrl: env.INTAKE_URL, apiKey: env.INTAKE_KEY } })),
      },
    });
    shell.start();
    return { ...started, addin, env };
  }

  const menuItem = (places: { menus: HTMLElement }) => places.menus.querySelector<HTMLButtonElement>('.bui-menu-item');

  async function openReporter(places: { menus: HTMLElement; modals: HTMLElement }) {
    await until(() => places.menus.querySelector('.bui-menu-button'), 'the add-in put its menu in the global header');
    places.menus.querySelector<HTMLButtonElement>('.bui-menu-button')!.click();
    await until(() => menuItem(places), 'the menu opens');
    menuItem(places)!.click();
    await until(() => places.modals.querySelector('iframe.bui-modal-content'), 'a modal window opens');
    const frame = places.modals.querySelector<HTMLIFrameElement>('iframe.bui-modal-content')!;
    await until(() => (frame.contentDocument?.querySelector('triage-reporter') as TriageReporter | null)?.agent?.reporter.accountId, 'the reporter in the modal knows the agent');
    const reporter = frame.contentDocument!.querySelector('triage-reporter') as TriageReporter;
    // The form renders once the core it shows has arrived, which can be after the agent is known.
    await until(() => reporter.shadowRoot?.querySelector('#f-summary'), 'the form is rendered');
    return { frame, reporter };
  }

  it('ships an init file, a modal page and one configuration, all paths relative, no inline scripts or styles', async () => {
    const { addin } = await install();
    expect(addin.files).to.include.members([ADDIN_INIT_FILE, 'triage-kit/triage-kit-reporter.html', CONFIG]);
    for (const page of ['triage-kit/triage-kit-init.html', 'triage-kit/triage-kit-reporter.html']) {
      const source = await (await shell!.served(new URL(page, addin.base).href))!.text();
      const doc = new DOMParser().parseFromString(source, 'text/html');
      const own = [...doc.querySelectorAll('script')].filter((script) => !script.src.includes('bui-double'));
      expect(own.length, page).to.be.greaterThan(0);
      for (const script of own) {
        expect(script.getAttribute('src'), `${page}: external, relative`).to.match(/^js\//);
      }
      expect(doc.querySelectorAll('style, [style]'), page).to.have.length(0);
      expect(source, page).to.not.match(/\son[a-z]+=/i);
    }
    const response = (await shell!.served(new URL('triage-kit/triage-kit-reporter.html', addin.base).href))!;
    const csp = response.headers.get('Content-Security-Policy')!;
    expect(csp).to.contain("script-src 'self'").and.contain("style-src 'self'").and.contain("object-src 'none'");
    expect(csp, 'no inline script or style, no eval').to.not.contain('unsafe-');
  });

  it('puts "Report an issue" in the global header and opens the reporter in a BUI modal window', async () => {
    const { places, simulator } = await install();
    const { reporter, frame } = await openReporter(places);
    expect(places.menus.querySelector('.bui-menu-button')!.textContent!.trim()).to.equal('Support');
    expect(simulator.modals).to.have.length(1);
    expect(simulator.modals[0]!.title).to.equal('Report an issue');
    expect(simulator.modals[0]!.contentUrl).to.equal(new URL('triage-kit/triage-kit-reporter.html', shell!.addins[0]!.base).href, 'content URL relative to the init file');
    expect(frame.closest('[role=dialog]')!.getAttribute('aria-labelledby')).to.be.a('string');
    expect(simulator.loads.every((load) => load.appId === 'triage-kit')).to.equal(true);
    // BUI's window is the dialog: the reporter is embedded, filling it, its first field focused.
    expect(reporter.presentation).to.equal('embedded');
    expect(reporter.shadowRoot!.querySelector('dialog')).to.equal(null);
    const region = reporter.shadowRoot!.querySelector<HTMLElement>('[part~=dialog]')!;
    await until(() => region.getBoundingClientRect().height === frame.contentDocument!.documentElement.clientHeight, 'the form fills the modal window');
    expect(region.getBoundingClientRect().width).to.equal(frame.contentDocument!.documentElement.clientWidth);
    // (axe cannot run on another frame's element; the embedded form is checked in reporter-embedded.test.ts)
    await until(() => reporter.shadowRoot!.activeElement?.id === 'f-summary', 'the first field has focus');
  });

  it('fills account, profile, incident and chat from BUI, marked with their source, and follows a tab switch', async () => {
    const { places, simulator } = await install();
    const { reporter } = await openReporter(places);
    await until(() => reporter.agent?.records.chatId === 'ENG-20931', 'the chat engagement arrives through the Chat API');
    const agent = reporter.agent!;
    expect(agent.reporter).to.include({ accountId: '4187', login: 'maria.lopez', profile: 'Tier 1 Chat Agent' });
    expect(agent.records).to.include({ incidentId: '48213', incidentReference: '261127-000412', queue: 'ABC' });
    expect(agent.sources).to.include({ 'reporter.accountId': 'OSvC', 'records.incidentReference': 'OSvC', 'records.chatId': 'OSvC Chat' });
    expect(simulator.chatLoads, 'the adapter was given no loader: it loaded the script BUI named').to.deep.equal([]);
    await until(() => [...reporter.shadowRoot!.querySelectorAll('input')].some((input) => input.value === '4187'), 'the form shows the account id');

    simulator.switchTo(48227);
    await until(() => reporter.agent?.records.incidentReference === '261127-000431', 'the open incident follows the workspace tab');
    expect(reporter.agent!.records.queue).to.equal('Billing Voice');
    expect(reporter.agent!.records.chatId).to.equal('ENG-20931', 'the chat is the agent’s, not the tab’s');
  });

  async function fillAndSend(reporter: TriageReporter): Promise<{ id: string; linkedStatusIncident?: string }> {
    const shadow = reporter.shadowRoot!;
    const summary = shadow.querySelector<HTMLInputElement>('#f-summary')!;
    summary.value = 'Chat offers vanish from the media bar';
    summary.dispatchEvent(new Event('input', { bubbles: true }));
    const category = shadow.querySelector<HTMLSelectElement>('#f-category')!;
    category.value = 'chat-routing';
    category.dispatchEvent(new Event('change', { bubbles: true }));
    await reporter.updateComplete;
    const submitted = new Promise<{ id: string; linkedStatusIncident?: string }>((resolve) =>
      reporter.addEventListener('triage-submit', (event) => resolve((event as CustomEvent).detail.ticket), { once: true }),
    );
    const sent = new Promise<void>((resolve) => reporter.addEventListener('triage-sent', () => resolve(), { once: true }));
    shadow.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
    const ticket = await submitted;
    await sent;
    return ticket;
  }

  it('delivers a report to the intake service and closes the modal through BUI', async () => {
    const { places, simulator } = await install();
    const { reporter, frame } = await openReporter(places);
    const shadow = reporter.shadowRoot!;
    const ticket = await fillAndSend(reporter);
    expect(await executeServerCommand('intake-count', { id: ticket.id })).to.equal(1);

    // The agent closes the form: the page asks BUI to close its modal window.
    shadow.querySelector<HTMLButtonElement>('header .x')!.click();
    await until(() => simulator.modals.length === 0, 'the modal window is closed through IModalWindow.close()');
    expect(frame.isConnected).to.equal(false);
  });

  it('files an OSvC incident in incident mode, with the REST base and session token BUI gives at send time', async () => {
    await executeServerCommand('osvc-reset');
    const { places, simulator } = await install((config) => ({ ...config, delivery: { mode: 'osvc-incident' } }));
    const { reporter } = await openReporter(places);
    const tokensBefore = simulator.tokenRequests;
    await fillAndSend(reporter);
    const requests = (await executeServerCommand('osvc-requests')) as Array<{ method: string; path: string; headers: Record<string, string>; accepted?: boolean }>;
    const posts = requests.filter((request) => request.method === 'POST');
    expect(posts).to.have.length(1);
    expect(posts[0]!.path).to.contain('/connect/v1.4/incidents');
    expect(posts[0]!.accepted).to.equal(true);
    expect(simulator.tokenRequests).to.be.greaterThan(tokensBefore, 'the token was asked for when sending');
    expect(JSON.stringify(localStorage)).to.not.contain(simulator.agent.sessionToken);
  });

  it('speaks the agent’s language from BUI, with the configuration’s strings on top', async () => {
    const { places } = await install((config) => ({ ...config, strings: { send: 'Enviar a soporte' } }), 'es_MX');
    const { reporter } = await openReporter(places);
    expect(reporter.agent!.locale).to.equal('es-MX');
    await until(() => reporter.shadowRoot!.textContent!.includes(es.title), 'the Spanish catalog is loaded');
    expect(reporter.shadowRoot!.querySelector('[part~=submit]')!.textContent!.trim()).to.equal('Enviar a soporte');
  });

  it('has the media bar’s ACD agent ID and extension, asked through Oracle’s cross-extension actions', async () => {
    const { places, simulator } = await install();
    // The vendor's toolbar is another extension of the same agent session.
    const toolbar = await connectOsvc({ loader: simulator.loader, appId: 'vendor-toolbar', chat: false });
    shareMediaBar(createMediaBar({ initial: { acdAgentId: '7001', extension: '4411', agentState: 'available' } }), toolbar);
    const { reporter } = await openReporter(places);
    await until(() => reporter.agent?.reporter.acdAgentId === '7001', 'the ACD agent ID reaches the modal reporter');
    expect(reporter.agent!.reporter.extension).to.equal('4411');
    expect(reporter.agent!.sources).to.include({ 'reporter.acdAgentId': 'Media bar', 'reporter.extension': 'Media bar', 'reporter.accountId': 'OSvC' });
    simulator.switchTo(48227);
    await until(() => reporter.agent?.records.incidentReference === '261127-000431', 'a tab switch');
    expect(reporter.agent!.reporter.acdAgentId, 'kept over a tab switch').to.equal('7001');
  });

  it('shows the status page inside the form, and the linked incident goes into the delivered ticket', async () => {
    const statusPageUrl = new URL('/demo/status/fixtures/github-2020-04-02-unresolved-incident.json', location.href).href;
    const { places } = await install((config) => ({ ...config, statusPageUrl }));
    const { reporter } = await openReporter(places);
    const status = reporter.querySelector('triage-status') as TriageStatus;
    expect(status.assignedSlot?.name).to.equal('status');
    const link = () => status.shadowRoot!.querySelector<HTMLButtonElement>('[part=incident] button');
    await until(link, 'the known incident is shown before the agent files');
    link()!.click();
    await until(() => link()!.getAttribute('aria-pressed') === 'true', 'linked');
    const ticket = await fillAndSend(reporter);
    expect(ticket.linkedStatusIncident).to.equal('80d0cs6kpsps');
    expect(await executeServerCommand('intake-count', { id: ticket.id })).to.equal(1);
  });

  it('adds a side pane and a status bar item when the configuration asks for them', async () => {
    const { places, simulator } = await install((config) => ({ ...config, ui: { ...config.ui, sidePane: true, statusBar: { label: 'Report' } } }));
    await until(() => simulator.sidePanes.size === 1 && simulator.statusBarItems.size === 1, 'side pane and status bar item');
    const pane = [...simulator.sidePanes.values()][0]!;
    expect(pane.side).to.equal('left');
    expect(pane.contentUrl).to.contain('triage-kit-reporter.html?place=side-pane');
    await until(() => places.statusBar!.querySelector('iframe'), 'the status bar item is drawn');
    expect(places.statusBar!.querySelector('iframe')!.title).to.equal('Report');
  });
});
