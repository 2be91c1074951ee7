/**
 * `<triage-provider>`: the root every triage element sits under. It hands them the agent
 * context, the configuration and the services (outbox, signals) through @lit/context, so a host
 * wires triage-kit in one place and the elements inside never look anything up themselves.
 *
 * A plain custom element (no Lit): it renders nothing but a slot, and hosts load it first.
 */
import { ContextProvider } from '@lit/context';
import { agentContext, configContext, servicesContext } from '../../src/context.js';
import type { AgentContext, TriageConfig, TriageServices } from '../../src/context.js';
import { browserAgentContext, defaultConfig } from '../../src/defaults.js';

let sheet: CSSStyleSheet | undefined;

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
  private readonly agentProvider = new ContextProvider(this, { context: agentContext, initialValue: browserAgentContext() });
  private readonly configProvider = new ContextProvider(this, { context: configContext, initialValue: defaultConfig() });
  private readonly servicesProvider = new ContextProvider(this, { context: servicesContext, initialValue: {} as TriageServices });

  constructor() {
    super();
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
    // Announces the providers, so an outer provider hands over consumers that now belong to this one.
    this.agentProvider.hostConnected();
    this.configProvider.hostConnected();
    this.servicesProvider.hostConnected();
  }

  /** Who the agent is and what they work on; partial values are merged over `browserAgentContext()`. */
  get agent(): AgentContext {
    return this.agentProvider.value;
  }
  set agent(value: Partial<AgentContext> | undefined) {
    this.agentProvider.setValue(browserAgentContext(value ?? {}));
  }

  /** Plan, calendar, strings, limits; partial values are merged over `defaultConfig()`. */
  get config(): TriageConfig {
    return this.configProvider.value;
  }
  set config(value: Partial<TriageConfig> | undefined) {
    this.configProvider.setValue(defaultConfig(value ?? {}));
  }

  /** The outbox and signals the elements use; components never talk HTTP themselves. */
  get services(): TriageServices {
    return this.servicesProvider.value;
  }
  set services(value: TriageServices | undefined) {
    this.servicesProvider.setValue({ ...value });
  }
}
