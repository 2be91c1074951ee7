/**
 * The demo desktop's behaviour, separate from the page's entry so tests can run it on the page's
 * markup. It goes through the same path a real add-in would: a (simulated) ORACLE_SERVICE_CLOUD,
 * `connectOsvc()` for the agent context, the real outbox and intake transport for delivery.
 */
import { html, render } from 'lit';
import '../components/provider/define.js';
import '../components/launcher/define.js';
import '../components/reports/define.js';
import type { TriageProvider } from '../components/provider/provider.js';
import { connectOsvc, type OsvcHost } from '../src/hosts/osvc.js';
import type { AgentContext, TriageConfig } from '../src/context.js';
import { createOutbox, type Outbox } from '../src/outbox.js';
import { createIntakeTransport } from '../src/transports/intake.js';
import { createIntakeSignals } from '../src/signals.js';
import { OsvcSimulator, simIncident } from './osvc-sim.js';

export interface DemoIncident {
  id: number;
  reference: string;
  subject: string;
  contact: { id: number; name: string; email: string };
  queue: { id: number; name: string };
  status: string;
  product: string;
  /** The chat engagement on this incident, if it came in by chat. */
  chatId?: string;
  thread: Array<{ author: string; kind: 'customer' | 'staff' | 'note'; at: string; text: string }>;
  chat: Array<{ from: 'customer' | 'agent' | 'system'; text: string }>;
}

export const DEMO_INCIDENTS: DemoIncident[] = [
  {
    id: 48213,
    reference: '261127-000412',
    subject: 'Chat offers disappear before I can accept them',
    contact: { id: 90211, name: 'Daniel Ortega', email: 'd.ortega@example.com' },
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
    contact: { id: 90377, name: 'Priya Raman', email: 'priya.raman@example.com' },
    queue: { id: 9, name: 'Billing Voice' },
    status: 'Waiting',
    product: 'Interaction flows › Screen pop',
    thread: [
      { author: 'Priya Raman', kind: 'customer', at: '08:41', text: 'When a call comes in, the pop shows another customer with a similar number.' },
      { author: 'maria.lopez', kind: 'staff', at: '08:55', text: 'We are checking the lookup rule; I will update you within the hour.' },
    ],
    chat: [{ from: 'system', text: 'This incident came in by phone: no chat engagement.' }],
  },
];

export interface DemoConfig {
  intakeUrl: string;
  apiKey: string;
  /** The support plan the service was started with, so the SLA shown matches. */
  plan?: TriageConfig['plan'];
}

export interface DesktopOptions {
  /** Where the intake service is; defaults to GET /demo/config.json from the page's origin. */
  config?: DemoConfig;
  simulator?: OsvcSimulator;
  /** Spanish strings the page passes as config.strings (the elements also load Spanish for an es-* agent themselves). */
  spanishStrings?: Record<string, unknown>;
}

export interface Desktop {
  provider: TriageProvider;
  host: OsvcHost;
  simulator: OsvcSimulator;
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
  const simulator =
    options.simulator ??
    new OsvcSimulator({
      agent: { sessionToken: `demo-${crypto.randomUUID()}` },
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

  // The same call a real add-in makes: everything the kit knows about the agent comes from here.
  const host = await connectOsvc({ appId: 'triage-kit-demo' });
  let spanish = false;
  let currentIncident = DEMO_INCIDENTS[0]!;

  const applyAgent = (agent: AgentContext) => {
    currentIncident = DEMO_INCIDENTS.find((incident) => String(incident.id) === agent.records.incidentId) ?? currentIncident;
    // The chat id is the agent's to give in real OSvC (see the adapter); the demo knows it.
    const chatId = currentIncident.chatId;
    provider.agent = {
      ...agent,
      records: chatId ? { ...agent.records, chatId } : agent.records,
      sources: chatId ? { ...agent.sources, 'records.chatId': 'Chat' } : agent.sources,
      ...(spanish ? { locale: 'es-MX' } : {}),
    };
    renderRecord(root, currentIncident);
  };
  let plan: TriageConfig['plan'] | undefined;
  const applyConfig = () => {
    // The elements pick Spanish from the agent's locale; the page may still pass its own catalog.
    const strings = spanish ? { ...options.spanishStrings } : {};
    provider.config = {
      strings: strings as TriageConfig['strings'],
      ...(plan ? { plan } : {}),
    };
  };

  renderChrome(root, host.agent);
  renderTabs(root, simulator, () => currentIncident.id);
  applyConfig();
  applyAgent(host.agent);
  const stopFollowing = host.onChange(applyAgent);

  let outbox: Outbox | undefined;
  try {
    const config = options.config ?? (await loadConfig());
    outbox = createOutbox({ transport: createIntakeTransport({ url: config.intakeUrl, apiKey: config.apiKey }) });
    provider.services = { outbox, signals: createIntakeSignals({ url: config.intakeUrl, apiKey: config.apiKey }) };
    plan = config.plan;
    applyConfig();
  } catch (error) {
    showError(root, `Reports cannot be delivered: ${error instanceof Error ? error.message : String(error)}`);
  }

  const spanishToggle = root.querySelector<HTMLInputElement>('#spanish');
  spanishToggle?.addEventListener('change', () => setSpanish(spanishToggle.checked));
  const stopClock = startMediaBar(root);

  function setSpanish(on: boolean) {
    spanish = on;
    if (spanishToggle) spanishToggle.checked = on;
    labelLaunchers(root, on ? options.spanishStrings : undefined);
    applyConfig();
    applyAgent(host.agent);
  }

  return {
    provider,
    host,
    simulator,
    outbox,
    switchTo: (id) => simulator.switchTo(id),
    setSpanish,
    stop() {
      stopFollowing();
      stopClock();
      host.dispose();
      outbox?.close();
      simulator.uninstall();
    },
  };
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
  return { intakeUrl: config.intakeUrl, apiKey: config.apiKey, plan };
}

function showError(root: ParentNode, message: string) {
  const box = root.querySelector<HTMLElement>('#demo-error');
  if (!box) return;
  box.textContent = message;
  box.hidden = false;
}

function renderChrome(root: ParentNode, agent: AgentContext) {
  const login = agent.reporter.login ?? 'agent';
  byId(root, 'agent-name').textContent = login;
  byId(root, 'agent-profile').textContent = agent.reporter.profile ?? '';
  byId(root, 'agent-avatar').textContent = initials(login);
  if (agent.reporter.site) byId(root, 'site-name').textContent = `${agent.reporter.site} · Service Center`;
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

function renderRecord(root: ParentNode, incident: DemoIncident) {
  byId(root, 'record-ref').textContent = incident.reference;
  byId(root, 'record-subject').textContent = incident.subject;
  byId(root, 'record').setAttribute('aria-labelledby', `tab-${incident.id}`);
  render(
    [
      ['Reference #', incident.reference],
      ['Contact', `${incident.contact.name} · ${incident.contact.email}`],
      ['Queue', incident.queue.name],
      ['Status', incident.status],
      ['Product', incident.product],
      ['Assigned', 'maria.lopez'],
    ].map(([term, value]) => html`<div><dt>${term}</dt><dd>${value}</dd></div>`),
    byId(root, 'record-fields'),
  );
  render(
    incident.thread.map(
      (entry) => html`<li class=${`thread-entry ${entry.kind}`}>
        <p class="thread-meta"><strong>${entry.author}</strong> · ${entry.kind === 'note' ? 'Private note' : entry.kind === 'staff' ? 'Response' : 'Customer'} · ${entry.at}</p>
        <p>${entry.text}</p>
      </li>`,
    ),
    byId(root, 'record-thread'),
  );
  byId(root, 'chat-id').textContent = incident.chatId ?? '';
  render(
    incident.chat.map((line) => html`<li class=${`chat-line ${line.from}`}>${line.text}</li>`),
    byId(root, 'chat-log'),
  );
  byId(root, 'tabs').dispatchEvent(new Event('triage-demo-record'));
}

/** The media bar's agent state and session clock; returns a function that stops the clock. */
function startMediaBar(root: ParentNode): () => void {
  const select = root.querySelector<HTMLSelectElement>('#agent-state');
  const status = root.querySelector<HTMLElement>('#agent-status');
  select?.addEventListener('change', () => {
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
