/**
 * `<triage-provider>`: the root every triage element sits under. It hands them the agent
 * context, the configuration and the services (outbox, signals) through @lit/context, so a host
 * wires triage-kit in one place and the elements inside never look anything up themselves.
 *
 * A plain custom element (no Lit): it renders nothing but a slot, and hosts load it first. It
 * answers the context protocol itself (the `context-request` event, and `context-provider` for a
 * provider inside it), the way @lit/context's ContextProvider does, so the elements' @lit/context
 * consumers are served alike and a page at start pays for no more than the protocol.
 */
import { agentContext, configContext, servicesContext } from '../../src/context.js';
import type { AgentContext, TriageConfig, TriageServices } from '../../src/context.js';
import { browserAgentContext, defaultConfig } from '../../src/defaults.js';
import { askAgain, contextSender, type ContextProtocolEvent } from './context-root.js';

let sheet: CSSStyleSheet | undefined;

type Callback = ContextProtocolEvent['callback'];

/** One provided value and the consumers that subscribed to it. */
class Provided<T> {
  /** Each subscriber's callback, with its element and the unsubscribe handed to it. */
  readonly subscribers = new Map<Callback, { consumer: Element; unsubscribe: () => void }>();

  constructor(public value: T) {}

  /** Replaces the value and tells every subscriber. */
  set(value: T): void {
    this.value = value;
    for (const [callback, { unsubscribe }] of this.subscribers) callback(value, unsubscribe);
  }

  answer(callback: Callback, consumer: Element, subscribe?: boolean): void {
    if (!subscribe) return callback(this.value);
    let subscriber = this.subscribers.get(callback);
    if (!subscriber) this.subscribers.set(callback, (subscriber = { consumer, unsubscribe: () => void this.subscribers.delete(callback) }));
    callback(this.value, subscriber.unsubscribe);
  }
}

/**
 * Provides agent context, configuration and services to every triage element inside it.
 *
 * ```js
 * const provider = document.querySelector('triage-provider');
 * provider.agent = (await connectOsvc()).agent;            // or standaloneHost({ reporter: {...} })
 * provider.config = { plan: 'premium', strings: es };       // merged over defaultConfig()
 * provider.services = { outbox: createOutbox({ transport }), signals };
 * ```
 *
 * Each property takes a partial value, merged over the defaults, and replaces what is provided
 * (a new object every time, never mutated), so consumers update. Reading a property returns the
 * complete value being provided.
 *
 * @slot - the host's desktop, with triage elements anywhere inside it
 */
export class TriageProvider extends HTMLElement {
  private readonly agentProvided = new Provided(browserAgentContext());
  private readonly configProvided = new Provided(defaultConfig());
  private readonly servicesProvided = new Provided<TriageServices>({});
  private readonly provided = new Map<unknown, Provided<unknown>>([
    [agentContext, this.agentProvided],
    [configContext, this.configProvided],
    [servicesContext, this.servicesProvided],
  ]);

  constructor() {
    super();
    this.addEventListener('context-request', (event) => {
      const { context, callback, subscribe } = event as ContextProtocolEvent;
      const consumer = contextSender(event);
      const provided = this.provided.get(context);
      if (!provided || consumer === this) return;
      event.stopPropagation();
      provided.answer(callback, consumer, subscribe);
    });
    // A provider inside this one announced itself: its consumers ask again, and those inside it
    // move to it (a consumer drops the old subscription when a new provider answers).
    this.addEventListener('context-provider', (event) => {
      const { context } = event as ContextProtocolEvent;
      const provided = this.provided.get(context);
      if (!provided || contextSender(event) === this) return;
      event.stopPropagation();
      for (const [callback, { consumer }] of [...provided.subscribers]) askAgain(consumer, context, callback);
    });
    const root = this.attachShadow({ mode: 'open' });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(':host { display: contents; }');
    }
    root.adoptedStyleSheets = [sheet];
    root.append(document.createElement('slot'));
    // A host script may set properties before this element's code loaded; apply them now.
    for (const name of ['agent', 'config', 'services'] as const) {
      if (Object.prototype.hasOwnProperty.call(this, name)) {
        const value = (this as Record<string, unknown>)[name];
        delete (this as Record<string, unknown>)[name];
        (this as Record<string, unknown>)[name] = value;
      }
    }
  }

  connectedCallback(): void {
    // Announces what it provides, so an outer provider hands over consumers that now belong to
    // this one, and the context root replays requests made before any provider listened.
    for (const context of this.provided.keys()) {
      this.dispatchEvent(Object.assign(new Event('context-provider', { bubbles: true, composed: true }), { context, contextTarget: this }));
    }
  }

  /** Who the agent is and what they work on; partial values are merged over `browserAgentContext()`. */
  get agent(): AgentContext {
    return this.agentProvided.value;
  }
  set agent(value: Partial<AgentContext> | undefined) {
    this.agentProvided.set(browserAgentContext(value ?? {}));
  }

  /** Plan, calendar, strings, limits; partial values are merged over `defaultConfig()`. */
  get config(): TriageConfig {
    return this.configProvided.value;
  }
  set config(value: Partial<TriageConfig> | undefined) {
    this.configProvided.set(defaultConfig(value ?? {}));
  }

  /** The outbox and signals the elements use; components never talk HTTP themselves. */
  get services(): TriageServices {
    return this.servicesProvided.value;
  }
  set services(value: TriageServices | undefined) {
    this.servicesProvided.set({ ...value });
  }
}
