/**
 * The demo desktop's behaviour, separate from the page's entry so tests can run it on the page's
 * markup. The page plays Oracle's Browser UI (the BUI double, demo/bui-double/): it installs the
 * real add-in zip the build wrote, exactly as an administrator would, and the add-in puts
 * "Report an issue" in the header and opens the reporter in a modal window. The media bar is a
 * vendor's toolbar on the same desktop: its "Report" goes through the media-bar API
 * (src/hosts/media-bar.ts) over `connectOsvc()`. Delivery is the real outbox and intake service.
 * Every reporter a launcher opens gets the screenshot and logs tools in its `evidence` slot; their
 * code loads when the first reporter opens, and their heavy parts on first use.
 */
import { html, nothing, render } from 'lit';
import '../components/provider/define.js';
import '../components/launcher/define.js';
import '../components/reports/define.js';
import '../components/status/define.js';
import type { TriageProvider } from '../components/provider/provider.js';
import { connectOsvc, type OsvcHost } from '../src/hosts/osvc.js';
import type { AgentContext, TriageConfig } from '../src/context.js';
// Delivery as the README wires it: the transport and the follower load when first used.
import { createOutbox, createIntakeTransport, createIntakeSignals, createFollower, type Outbox, type Follower } from '../src/delivery-kit.js';
import { OsvcSimulator, simIncident } from './osvc-sim.js';
import { BuiShell } from './bui-double/shell.js';
import { createMediaBar, shareMediaBar, type MediaBar } from '../src/hosts/media-bar.js';
import { registerLogSource } from '../src/logs/sources.js';
import { demoEn, demoEs, translateMarkup, type DemoWords } from './strings.js';

export interface DemoIncident {
  id: number;
  reference: string;
  subject: string;
  contact: { id: number; name: string; email: string; phone: string };
  queue: { id: number; name: string };
  status: string;
  product: string;
  /** The chat engagement on this incident, if it came in by chat. */
  chatId?: string;
  /** The phone call on this incident, if it came in by phone. */
  callId?: string;
  thread: Array<{ author: string; kind: 'customer' | 'staff' | 'note'; at: string; text: string }>;
  chat: ChatLine[];
}

export interface ChatLine {
  from: 'customer' | 'agent' | 'system';
  text: string;
}

export const DEMO_INCIDENTS: DemoIncident[] = [
  {
    id: 48213,
    reference: '261127-000412',
    subject: 'Chat offers disappear before I can accept them',
    contact: { id: 90211, name: 'Daniel Ortega', email: 'd.ortega@example.com', phone: '+1 415 555 0142' },
    queue: { id: 7, name: 'ABC' },
    status: 'Unresolved',
    product: 'Media bar › Chat',
    chatId: 'ENG-20931',
    thread: [
      { author: 'Daniel Ortega', kind: 'customer', at: '09:02', text: 'Since this morning my chats vanish from the media bar a second after they ring.' },
      { author: 'maria.lopez', kind: 'note', at: '09:06', text: 'Reproduced on my desk too: the offer flashes and the queue count stays at 3.' },
    ],
    chat: [
      { from: 'system', text: 'Chat ENG-20931 accepted from queue ABC.' },
      { from: 'customer', text: 'Hi, the chat keeps dropping before I can type anything.' },
      { from: 'agent', text: 'Thanks Daniel, I am looking at it now. Which browser are you on?' },
    ],
  },
  {
    id: 48227,
    reference: '261127-000431',
    subject: 'Screen pop opens the wrong contact record',
    contact: { id: 90377, name: 'Priya Raman', email: 'priya.raman@example.com', phone: '+1 312 555 0187' },
    queue: { id: 9, name: 'Billing Voice' },
    status: 'Waiting',
    product: 'Interaction flows › Screen pop',
    callId: 'CALL-55012',
    thread: [
      { author: 'Priya Raman', kind: 'customer', at: '08:41', text: 'When a call comes in, the pop shows another customer with a similar number.' },
      { author: 'maria.lopez', kind: 'staff', at: '08:55', text: 'We are checking the lookup rule; I will update you within the hour.' },
    ],
    chat: [{ from: 'system', text: 'This incident came in by phone: no chat engagement.' }],
  },
];

/**
 * Where the demo shows customer details, added to the built-in mask selectors (which already take
 * the chat transcript, `role="log"`), so every screenshot of the desktop has them blacked out.
 */
export const DEMO_MASK_SELECTORS = ['[data-customer]'];

export interface DemoConfig {
  intakeUrl: string;
  apiKey: string;
  /** The support plan the service was started with, so the SLA shown matches. */
  plan?: TriageConfig['plan'];
  /** How My reports follows support: `intervalMs` between asks (default a minute; tests use less), `autoUploadLogs` answers log requests without a click. */
  follow?: { intervalMs?: number; autoUploadLogs?: boolean };
  /** How long one delivery may take before the outbox tries again (the transport's default: two minutes). */
  timeoutMs?: number;
}

/** Where the demo finds the add-in zip and the BUI double's own scripts (built into /embed/). */
export interface BuiFiles {
  zipUrl: string;
  workerUrl: string;
  frameworkUrl: string;
  chatApiUrl: string;
  /** The Statuspage summary the add-in's configuration points at. */
  statusPageUrl: string;
}

export const DEMO_BUI_FILES: BuiFiles = {
  zipUrl: '/embed/osvc/triage-kit-addin.zip',
  workerUrl: '/embed/bui-double-worker.js',
  frameworkUrl: '/embed/bui-double-frame.js',
  chatApiUrl: '/embed/bui-double-chat-api.js',
  statusPageUrl: '/status/summary.json',
};

export interface DesktopOptions {
  /** Where the intake service is; defaults to GET /demo/config.json from the page's origin. */
  config?: DemoConfig;
  simulator?: OsvcSimulator;
  /** Defaults to the built files the demo hosting serves. */
  bui?: Partial<BuiFiles>;
  /** Spanish strings the page passes as config.strings (the elements also load Spanish for an es-* agent themselves). */
  spanishStrings?: Record<string, unknown>;
}

export interface Desktop {
  provider: TriageProvider;
  host: OsvcHost;
  simulator: OsvcSimulator;
  shell: BuiShell;
  mediaBar: MediaBar;
  outbox?: Outbox;
  switchTo(incidentId: number): void;
  setSpanish(on: boolean): void;
  stop(): void;
}

const byId = <T extends HTMLElement>(root: ParentNode, id: string) => {
  const element = root.querySelector<T>(`#${id}`);
  if (!element) throw new Error(`The demo markup has no #${id}.`);
  return element;
};

export async function startDesktop(root: ParentNode = document, options: DesktopOptions = {}): Promise<Desktop> {
  const provider = byId<TriageProvider>(root, 'provider');
  const files = { ...DEMO_BUI_FILES, ...options.bui };
  const absolute = (url: string) => new URL(url, location.href).href;
  const simulator =
    options.simulator ??
    new OsvcSimulator({
      agent: { sessionToken: `demo-${crypto.randomUUID()}` },
      chatApiUrl: absolute(files.chatApiUrl),
      chat: { engagements: [{ id: 'ENG-20931', incidentId: 48213, queueId: 7, queueName: 'ABC' }], current: 'ENG-20931' },
      records: DEMO_INCIDENTS.map((incident) =>
        simIncident({
          id: incident.id,
          reference: incident.reference,
          contactId: incident.contact.id,
          queueId: incident.queue.id,
          queueName: incident.queue.name,
          subject: incident.subject,
        }),
      ),
    });
  simulator.install();

  // The media bar's own "Report": the same call a real add-in makes for the agent and workspace
  // (the chat comes from the media bar, which knows the interaction on each incident).
  const host = await connectOsvc({ appId: 'triage-kit-demo', chat: false });
  const mediaBar = createMediaBar({ initial: { acdAgentId: '7001', extension: '4411', agentState: 'available' } });
  // The add-in's reporter (in its BUI modal window) asks the bar through Oracle's cross-extension actions.
  shareMediaBar(mediaBar, host);
  // What the media bar and the OSvC extension logged travels with "Attach logs".
  const logSources = [registerLogSource(mediaBar.logSource), registerLogSource(host.logSource)];
  provider.addEventListener('triage-open', (event) => equipWithEvidence(event.target as Element));
  let spanish = false;
  let words: DemoWords = demoEn;
  let currentIncident = DEMO_INCIDENTS[0]!;
  // What the agent typed in each incident's chat, kept by this desktop only (the incidents are shared).
  const typed = new Map<number, ChatLine[]>();
  const chatOf = (incident: DemoIncident) => [...incident.chat, ...(typed.get(incident.id) ?? [])];

  const interactionOf = (incident: DemoIncident) =>
    incident.chatId
      ? { channel: 'chat', id: incident.chatId, queue: incident.queue.name }
      : incident.callId
        ? { channel: 'voice', id: incident.callId, queue: incident.queue.name }
        : undefined;
  const applyAgent = (agent: AgentContext) => {
    const next = DEMO_INCIDENTS.find((incident) => String(incident.id) === agent.records.incidentId) ?? currentIncident;
    if (next !== currentIncident || !mediaBar.state.interaction) {
      currentIncident = next;
      mediaBar.update({ interaction: interactionOf(next) });
    }
    provider.agent = { ...mediaBar.applyTo(agent), ...(spanish ? { locale: 'es-MX' } : {}) };
    renderRecord(root, currentIncident, chatOf(currentIncident), words);
    renderMediaBar(root, mediaBar);
  };
  let plan: TriageConfig['plan'] | undefined;
  const applyConfig = () => {
    // The elements pick Spanish from the agent's locale; the page may still pass its own catalog.
    const strings = spanish ? { ...options.spanishStrings } : {};
    provider.config = {
      strings: strings as TriageConfig['strings'],
      statusPageUrl: absolute(files.statusPageUrl),
      evidence: { maskSelectors: DEMO_MASK_SELECTORS },
      ...(plan ? { plan } : {}),
    };
  };

  renderChrome(root, host.agent, words);
  renderTabs(root, simulator, () => currentIncident.id);
  applyConfig();
  applyAgent(host.agent);
  const stopFollowing = host.onChange(applyAgent);

  let outbox: Outbox | undefined;
  let follow: Follower | undefined;
  let config: DemoConfig | undefined;
  try {
    config = options.config ?? (await loadConfig());
    outbox = createOutbox({ transport: createIntakeTransport({ url: config.intakeUrl, apiKey: config.apiKey, timeoutMs: config.timeoutMs }) });
    follow = createFollower({ url: config.intakeUrl, apiKey: config.apiKey, outbox, ...config.follow });
    provider.services = { outbox, signals: createIntakeSignals({ url: config.intakeUrl, apiKey: config.apiKey }), follow };
    plan = config.plan;
    applyConfig();
  } catch (error) {
    showError(root, `${words.cannotDeliver} ${error instanceof Error ? error.message : String(error)}`);
  }

  // The administrator's part: upload the zip the build wrote, with its configuration filled in.
  const shell = await BuiShell.create({
    simulator,
    menus: byId(root, 'bui-menus'),
    modals: byId(root, 'bui-modals'),
    frames: byId(root, 'bui-frames'),
    statusBar: byId(root, 'bui-status-bar'),
    workerUrl: files.workerUrl,
    frameworkUrl: files.frameworkUrl,
  });
  try {
    const zip = await fetch(files.zipUrl);
    if (!zip.ok) throw new Error(`GET ${files.zipUrl} answered ${zip.status} (run npm run build).`);
    await shell.installAddin(new Uint8Array(await zip.arrayBuffer()), {
      name: 'triage-kit',
      initFile: 'triage-kit/triage-kit-init.html',
      edit: {
        'triage-kit/triage-kit.config.json': (text) =>
          JSON.stringify({
            ...JSON.parse(text),
            ...(config ? { delivery: { mode: 'intake', intakeUrl: config.intakeUrl, apiKey: config.apiKey }, plan: config.plan ?? 'standard' } : {}),
            statusPageUrl: absolute(files.statusPageUrl),
            masking: { selectors: [...(JSON.parse(text).masking?.selectors ?? []), ...DEMO_MASK_SELECTORS] },
          }),
      },
    });
    shell.start();
  } catch (error) {
    showError(root, `${words.addinNotInstalled} ${error instanceof Error ? error.message : String(error)}`);
  }

  const spanishToggle = root.querySelector<HTMLInputElement>('#spanish');
  spanishToggle?.addEventListener('change', () => setSpanish(spanishToggle.checked));
  const dockedToggle = root.querySelector<HTMLInputElement>('#docked');
  dockedToggle?.addEventListener('change', () => dockReporters(root, dockedToggle.checked));
  makeRoomForDockedSheet(provider, byId(root, 'desktop'));
  startChat(root, (text) => {
    typed.set(currentIncident.id, [...(typed.get(currentIncident.id) ?? []), { from: 'agent', text }]);
    renderRecord(root, currentIncident, chatOf(currentIncident), words);
  });
  const stopClock = startMediaBar(root, mediaBar);

  function setSpanish(on: boolean) {
    spanish = on;
    if (spanishToggle) spanishToggle.checked = on;
    labelLaunchers(root, on ? options.spanishStrings : undefined);
    words = on ? demoEs : demoEn;
    speakDemo(root, words, on ? 'es' : 'en');
    renderChrome(root, host.agent, words);
    applyConfig();
    applyAgent(host.agent);
  }

  return {
    provider,
    host,
    simulator,
    shell,
    mediaBar,
    outbox,
    switchTo: (id) => simulator.switchTo(id),
    setSpanish,
    stop() {
      stopFollowing();
      stopClock();
      for (const unregister of logSources) unregister();
      host.dispose();
      follow?.close();
      outbox?.close();
      shell.stop();
      simulator.uninstall();
    },
  };
}

/** Puts the screenshot and logs tools in a reporter's evidence slot (once) and loads their code. */
function equipWithEvidence(reporter: Element) {
  if (reporter.localName !== 'triage-reporter' || reporter.querySelector('[slot="evidence"]')) return;
  const tool = (tag: string) => Object.assign(reporter.ownerDocument.createElement(tag), { slot: 'evidence' });
  reporter.append(tool('triage-screenshot'), tool('triage-logs'));
  void Promise.all([import('../components/screenshot/define.js'), import('../components/logs/define.js')]).catch((error: unknown) =>
    console.error(`The screenshot and logs tools did not load: ${error instanceof Error ? error.message : String(error)}`),
  );
}

/**
 * The launchers' reporters as a docked side sheet (the chat stays usable beside it) or the modal
 * dialog. A launcher opens the reporter it holds, so one made here takes the presentation.
 */
function dockReporters(root: ParentNode, docked: boolean) {
  for (const launcher of root.querySelectorAll('triage-launcher')) {
    const reporter = launcher.querySelector('triage-reporter') ?? launcher.appendChild(launcher.ownerDocument.createElement('triage-reporter'));
    reporter.setAttribute('presentation', docked ? 'docked' : 'modal');
  }
}

/**
 * While a docked sheet is open the desktop leaves it the right edge (desktop.css), so the chat and
 * the record sit beside the form instead of under it.
 */
function makeRoomForDockedSheet(provider: Element, desktop: HTMLElement) {
  const open = new Set<Element>();
  const update = () => desktop.toggleAttribute('data-docked-sheet', [...open].some((reporter) => reporter.getAttribute('presentation') === 'docked'));
  provider.addEventListener('triage-open', (event) => {
    open.add(event.target as Element);
    update();
  });
  provider.addEventListener('triage-close', (event) => {
    open.delete(event.target as Element);
    update();
  });
}

/**
 * The chat's message box: a line the agent sends shows in the transcript (`role="log"`, so screen
 * readers hear it) and the box is ready for the next one. Nothing is sent anywhere.
 */
function startChat(root: ParentNode, send: (text: string) => void) {
  const form = byId<HTMLFormElement>(root, 'chat-compose');
  const input = byId<HTMLInputElement>(root, 'chat-message');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || input.disabled) return;
    send(text);
    input.value = '';
    input.focus();
    const transcript = byId(root, 'chat-transcript');
    transcript.scrollTop = transcript.scrollHeight;
  });
}

/** The launchers take their words from a `label` attribute (they load before any catalog). */
function labelLaunchers(root: ParentNode, strings: Record<string, unknown> | undefined) {
  const labels: Array<[string, unknown]> = [
    // The compact one prefers a short label; a catalog without one gets the full label.
    ['#media-launcher', strings?.launcherShort ?? strings?.launcherLabel],
    ['#workspace-launcher', strings?.launcherLabel],
  ];
  for (const [selector, label] of labels) {
    const launcher = root.querySelector(selector);
    if (typeof label === 'string') launcher?.setAttribute('label', label);
    else launcher?.removeAttribute('label');
  }
}

async function loadConfig(): Promise<DemoConfig> {
  const response = await fetch('/demo/config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /demo/config.json answered ${response.status}.`);
  const config = (await response.json()) as Partial<DemoConfig>;
  if (typeof config.intakeUrl !== 'string' || typeof config.apiKey !== 'string') {
    throw new Error('/demo/config.json must give intakeUrl and apiKey.');
  }
  const plan = config.plan === 'premium' || config.plan === 'standard' ? config.plan : undefined;
  const follow = config.follow && typeof config.follow === 'object' ? config.follow : undefined;
  const timeoutMs = Number.isInteger(config.timeoutMs) && config.timeoutMs! > 0 ? config.timeoutMs : undefined;
  return {
    intakeUrl: config.intakeUrl,
    apiKey: config.apiKey,
    plan,
    timeoutMs,
    follow: follow && {
      intervalMs: typeof follow.intervalMs === 'number' ? follow.intervalMs : undefined,
      autoUploadLogs: follow.autoUploadLogs === true,
    },
  };
}

function showError(root: ParentNode, message: string) {
  const box = root.querySelector<HTMLElement>('#demo-error');
  if (!box) return;
  box.textContent = message;
  box.hidden = false;
}

/** The demo's own words in one language: the markup's, the page title's and the agent state's. */
function speakDemo(root: ParentNode, words: DemoWords, lang: string) {
  translateMarkup(root, words);
  byId(root, 'desktop').lang = lang;
  if (root instanceof Document) {
    root.title = words.title;
    root.documentElement.lang = lang;
  }
  const state = root.querySelector<HTMLSelectElement>('#agent-state')?.selectedOptions[0];
  const status = root.querySelector<HTMLElement>('#agent-status');
  if (state && status) status.textContent = state.textContent;
}

function renderChrome(root: ParentNode, agent: AgentContext, words: DemoWords) {
  const login = agent.reporter.login ?? 'agent';
  byId(root, 'agent-name').textContent = login;
  byId(root, 'agent-profile').textContent = agent.reporter.profile ?? '';
  byId(root, 'agent-avatar').textContent = initials(login);
  byId(root, 'site-name').textContent = agent.reporter.site ? `${agent.reporter.site} · ${words.serviceCenter}` : words.serviceCenter;
}

function initials(login: string): string {
  const parts = login.split(/[.\s_-]+/).filter(Boolean);
  return (parts.length > 1 ? parts[0]![0]! + parts[1]![0]! : login.slice(0, 2)).toUpperCase();
}

function renderTabs(root: ParentNode, simulator: OsvcSimulator, current: () => number) {
  const tabs = byId(root, 'tabs');
  const draw = () =>
    render(
      DEMO_INCIDENTS.map((incident) => {
        const selected = incident.id === current();
        return html`<button
          type="button"
          role="tab"
          id=${`tab-${incident.id}`}
          aria-selected=${selected ? 'true' : 'false'}
          aria-controls="record"
          tabindex=${selected ? 0 : -1}
          data-incident=${incident.id}
          @click=${() => {
            simulator.switchTo(incident.id);
          }}
          @keydown=${(event: KeyboardEvent) => moveTab(event, incident.id, simulator)}
        >
          <span class="tab-kind" aria-hidden="true">▤</span>${incident.reference}
        </button>`;
      }),
      tabs,
    );
  draw();
  // Redraw after the adapter reported the switch (the record panel is drawn by applyAgent).
  tabs.addEventListener('triage-demo-record', draw);
}

function moveTab(event: KeyboardEvent, id: number, simulator: OsvcSimulator) {
  if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
  const index = DEMO_INCIDENTS.findIndex((incident) => incident.id === id);
  const step = event.key === 'ArrowRight' ? 1 : -1;
  const next = DEMO_INCIDENTS[(index + step + DEMO_INCIDENTS.length) % DEMO_INCIDENTS.length]!;
  simulator.switchTo(next.id);
  const target = (event.currentTarget as HTMLElement).parentElement?.querySelector<HTMLElement>(`#tab-${next.id}`);
  target?.focus();
}

function renderRecord(root: ParentNode, incident: DemoIncident, chat: ChatLine[], words: DemoWords) {
  byId(root, 'record-ref').textContent = incident.reference;
  byId(root, 'record-subject').textContent = incident.subject;
  byId(root, 'record').setAttribute('aria-labelledby', `tab-${incident.id}`);
  render(
    [
      [words.reference, incident.reference],
      [words.contact, incident.contact.name, 'name'],
      [words.email, incident.contact.email, 'email'],
      [words.phone, incident.contact.phone, 'phone'],
      [words.queue, incident.queue.name],
      [words.status, incident.status],
      [words.product, incident.product],
      [words.assigned, 'maria.lopez'],
    ].map(([term, value, customer]) => html`<div><dt>${term}</dt><dd data-customer=${customer ?? nothing}>${value}</dd></div>`),
    byId(root, 'record-fields'),
  );
  render(
    incident.thread.map(
      (entry) => html`<li class=${`thread-entry ${entry.kind}`}>
        <p class="thread-meta"><strong data-customer=${entry.kind === 'customer' ? 'name' : nothing}>${entry.author}</strong> · ${entry.kind === 'note' ? words.privateNote : entry.kind === 'staff' ? words.response : words.customer} · ${entry.at}</p>
        <p>${entry.text}</p>
      </li>`,
    ),
    byId(root, 'record-thread'),
  );
  byId(root, 'chat-id').textContent = incident.chatId ?? '';
  // Who said each line, for a screen reader (the bubbles' side and colour say it to the eye).
  const speaker = { customer: `${incident.contact.name}: `, agent: words.you, system: '' };
  render(
    chat.map((line) => html`<li class=${`chat-line ${line.from}`}><span class="visually-hidden">${speaker[line.from]}</span>${line.text}</li>`),
    byId(root, 'chat-log'),
  );
  // A phone incident has no chat to type in.
  for (const control of [byId<HTMLInputElement>(root, 'chat-message'), byId<HTMLButtonElement>(root, 'chat-send')]) control.disabled = !incident.chatId;
  byId(root, 'tabs').dispatchEvent(new Event('triage-demo-record'));
}

function renderMediaBar(root: ParentNode, bar: MediaBar) {
  const set = (id: string, text: string | undefined) => {
    const element = root.querySelector(`#${id}`);
    if (element) element.textContent = text ?? '—';
  };
  set('media-acd', bar.state.acdAgentId);
  set('media-extension', bar.state.extension);
  set('media-queue', bar.state.interaction?.queue);
}

/** The media bar's agent state and session clock; returns a function that stops the clock. */
function startMediaBar(root: ParentNode, bar: MediaBar): () => void {
  const select = root.querySelector<HTMLSelectElement>('#agent-state');
  const status = root.querySelector<HTMLElement>('#agent-status');
  select?.addEventListener('change', () => {
    bar.update({ agentState: select.value });
    if (!status) return;
    status.dataset.state = select.value;
    status.textContent = select.selectedOptions[0]?.textContent ?? select.value;
  });
  const timer = root.querySelector<HTMLTimeElement>('#session-timer');
  const started = Date.now() - 3 * 60_000 - 12_000;
  const tick = () => {
    if (!timer) return;
    const seconds = Math.floor((Date.now() - started) / 1000);
    timer.textContent = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
    timer.dateTime = `PT${seconds}S`;
  };
  tick();
  const clock = setInterval(tick, 1000);
  return () => clearInterval(clock);
}
