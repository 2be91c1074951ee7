/**
 * What every Lit element of triage-kit shares, so an element's own module reads as its behaviour
 * only: the three context consumers with their browser fallbacks, the base styles, and its words.
 */
import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { agentContext, configContext, servicesContext, showTheme } from '../../src/context.js';
import type { AgentContext, TriageConfig, TriageServices } from '../../src/context.js';
import { browserAgentContext, defaultConfig } from '../../src/defaults.js';
import { catalogFor, loadCatalog, localize } from '../../src/localize.js';
import type { Strings } from '../../src/strings.js';
import { base } from './base.styles.js';

/**
 * Configuration, agent context and services come from a `<triage-provider>` above (context);
 * without one, set the `agent`, `config` and `services` properties, or the browser's defaults apply.
 */
export class TriageElement extends LitElement {
  static override styles = [base];

  /**
   * The element's own English words (its part of the catalog, src/strings/*.ts): what it shows
   * when the agent's language has no catalog, so an element carries no other element's words.
   */
  static strings: Partial<Strings> = {};

  /** 'light' or 'dark'; without it the configuration's `theme`, the host page's colour scheme, or the system's preference (showTheme in src/context.ts). */
  @property({ reflect: true }) theme?: 'light' | 'dark';

  @consume({ context: agentContext, subscribe: true })
  @property({ attribute: false })
  agent?: AgentContext;

  @consume({ context: configContext, subscribe: true })
  @property({ attribute: false })
  config?: TriageConfig;

  @consume({ context: servicesContext, subscribe: true })
  @property({ attribute: false })
  services?: TriageServices;

  readonly #states = this.attachInternals().states;
  #fallbackAgent?: AgentContext;
  #fallbackConfig?: TriageConfig;
  #localized?: { catalog?: Strings; overrides: TriageConfig['strings']; strings: Strings };

  /** The agent context in use: the provided one, or the browser's (made once). */
  protected get ctx(): AgentContext {
    return this.agent ?? (this.#fallbackAgent ??= browserAgentContext());
  }

  /** The configuration in use: the provided one, or the defaults (made once). */
  protected get cfg(): TriageConfig {
    return this.config ?? (this.#fallbackConfig ??= defaultConfig());
  }

  /** The words to show: the catalog of the agent's language with the host's `config.strings` on top, key by key. */
  protected get t(): Strings {
    const catalog = catalogFor(this.ctx.locale);
    const overrides = this.cfg.strings;
    if (!this.#localized || this.#localized.catalog !== catalog || this.#localized.overrides !== overrides) {
      const own = (this.constructor as typeof TriageElement).strings;
      // Typed as the whole catalog: an element reads only its own keys, which its part always has.
      this.#localized = { catalog, overrides, strings: localize({ ...own, ...catalog }, overrides) as Strings };
    }
    return this.#localized.strings;
  }

  /** Settles the theme before each render that could change it. */
  protected override update(changed: PropertyValues): void {
    if (!this.hasUpdated || changed.has('theme') || changed.has('config')) showTheme(this, this.#states, this.theme || this.cfg.theme);
    super.update(changed);
  }

  /** Holds a render until the agent's language has loaded (once per language), so no English flashes first. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = loadCatalog(this.ctx.locale);
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }
}
