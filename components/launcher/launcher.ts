/**
 * The always-loaded "Report an issue" button. A plain custom element, no Lit, so a host pays
 * almost nothing up front. Outages are reported when the network is failing, so by default the
 * launcher warms the reporter (with what the form loads after its first view: the severity core and
 * the ticket schema) and the delivery code once the page is idle: the first click then opens the
 * form, and it grades, checks and queues the report, offline or not. Warming also creates the
 * reporter, closed, in a later idle moment: its form renders then, so the click only shows it.
 * `warm="intent"` waits for hover or focus instead, `warm="none"` loads and creates on click only.
 * A click opens it. The reporter is created inside the launcher's light DOM so its context
 * requests bubble from here to any `<triage-provider>` above.
 *
 * Its words follow the agent's language like every element's (its own small part of the catalog,
 * both languages, overridable through `config.strings`); it asks the provider for agent and
 * configuration with the context protocol's plain event, so it carries no Lit.
 *
 * When the host provides a follower (`services.follow`, src/follow.ts, loaded with the host's
 * delivery code, not here), the launcher shows a badge with how many reports support changed
 * since the agent last looked; the count is in the button's accessible name too.
 */
import { launcherCss } from './launcher.styles.js';
import { agentContext, configContext, servicesContext, showTheme, type AgentContext, type TriageConfig, type TriageServices } from '../../src/context.js';
import { launcherEn, launcherEs, type LauncherStrings } from '../../src/strings/launcher.js';

const ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><path d="M4 21V4h11l1 2h4v9h-6l-1-2H6"/><path d="M12 8v2"/></svg>';

interface Reporter extends HTMLElement {
  show(): void;
}

let sheet: CSSStyleSheet | undefined;

/** Runs once the page is idle; browsers without requestIdleCallback (Safari) run it soon after instead. */
function whenIdle(run: () => void) {
  (window.requestIdleCallback ?? ((later: () => void) => setTimeout(later, 500)))(run);
}

/**
 * @attr compact - the media bar's short form: icon and "Report"
 * @attr label - replaces the visible label
 * @attr theme - 'light' or 'dark'; otherwise `config.theme`, the host page's `color-scheme`, then the system's preference
 * @attr warm - when to load the reporter's code: `idle` (default, requestIdleCallback), `intent` (hover, focus), `none` (click)
 * @csspart button - the trigger
 * @csspart error - why the report form could not be loaded
 * @csspart badge - how many followed reports have news from support (hidden when none)
 * @slot - where the launcher puts the reporter it creates (a child must be slotted to render)
 * @cssprop --triage-accent - accent colour: primary buttons, focus ring, links
 * @cssprop --triage-accent-fg - text on the accent colour
 * @cssprop --triage-radius - corner radius
 * @cssprop --triage-font - font family
 * @cssprop --triage-danger - errors and destructive actions; the badge's background
 */
export class TriageLauncher extends HTMLElement {
  static observedAttributes = ['compact', 'label', 'theme'];
  private loading?: Promise<[unknown, unknown]>;
  private button: HTMLButtonElement;
  private error: HTMLElement;
  private locale = navigator.language;
  private overrides: Partial<LauncherStrings> = {};
  private theme?: string;
  private states = this.attachInternals().states;
  private unsubscribe: (() => void)[] = [];
  private badge: HTMLElement;
  private unseen = 0;
  private stopFollowing?: () => void;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(launcherCss);
    }
    root.adoptedStyleSheets = [sheet];
    root.innerHTML = `<button part="button" type="button">${ICON}<span></span><span part="badge" aria-hidden="true" hidden></span></button><span part="error" role="alert"></span><slot></slot>`;
    this.button = root.querySelector('button')!;
    this.error = root.querySelector('[part=error]')!;
    this.badge = root.querySelector('[part=badge]')!;
    const preload = () => void (this.getAttribute('warm') !== 'none' && this.warm());
    this.button.addEventListener('pointerenter', preload);
    this.button.addEventListener('focus', preload);
    this.button.addEventListener('click', () => this.open());
  }

  connectedCallback() {
    this.ask(agentContext, (agent: AgentContext) => (this.locale = agent.locale));
    this.ask(configContext, (config: TriageConfig) => ((this.overrides = config.strings), (this.theme = config.theme)));
    this.ask(servicesContext, (services: TriageServices) => {
      this.stopFollowing?.();
      this.stopFollowing = services.follow?.subscribe((state) => {
        this.unseen = state.unseen;
        this.attributeChangedCallback();
      });
    });
    this.attributeChangedCallback();
    // A failed warm-up is forgotten (load()); the click tries again and says so if it fails.
    if ((this.getAttribute('warm') ?? 'idle') === 'idle') whenIdle(() => void (this.isConnected && this.warm()));
  }

  disconnectedCallback() {
    for (const stop of this.unsubscribe.splice(0)) stop();
    this.stopFollowing?.();
    this.stopFollowing = undefined;
  }

  attributeChangedCallback() {
    const t = this.words();
    const label = this.getAttribute('label') ?? (this.hasAttribute('compact') ? t.launcherShort : t.launcherLabel);
    this.button.children[1].textContent = label;
    this.badge.textContent = this.unseen ? String(this.unseen) : '';
    this.badge.hidden = !this.unseen;
    if (this.unseen) this.button.setAttribute('aria-label', `${label}, ${t.launcherNews.replace('{count}', String(this.unseen))}`);
    else this.button.removeAttribute('aria-label');
    if (this.isConnected) showTheme(this, this.states, this.getAttribute('theme') || this.theme);
  }

  /** The launcher's words in the agent's language, with the host's overrides. */
  private words(): LauncherStrings {
    return { ...(/^es(-|_|$)/i.test(this.locale) ? launcherEs : launcherEn), ...this.overrides };
  }

  /** A context request as the protocol defines it, answered now and on every change by a provider above. */
  private ask<T>(context: unknown, use: (value: T) => void) {
    const request = Object.assign(new Event('context-request', { bubbles: true, composed: true }), {
      context,
      contextTarget: this,
      subscribe: true,
      callback: (value: T, unsubscribe?: () => void) => {
        if (unsubscribe && !this.unsubscribe.includes(unsubscribe)) this.unsubscribe.push(unsubscribe);
        use(value);
        this.attributeChangedCallback();
      },
    });
    this.dispatchEvent(request);
  }

  /** The reporter's module; a method so a host (or a test) can point it elsewhere. */
  protected importReporter(): Promise<unknown> {
    return import('../reporter/define.js');
  }

  /**
   * The delivery entry (its outbox and transports load on idle), so Send stores the report offline
   * too. The embed build's own entry, triage-delivery.js.
   */
  protected importDelivery(): Promise<unknown> {
    return import('../../src/delivery-kit.js');
  }

  /** Loads the reporter's code; a failed load is forgotten so the next intent tries again. */
  private load() {
    this.loading ??= Promise.all([this.importReporter(), this.importDelivery()]).catch((error) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  /**
   * Loads the reporter ahead of a click, and what the form loads after its first view, so a
   * network that goes before the click still leaves a form that grades, checks and queues. Once
   * loaded, the next idle moment creates the reporter, closed: its first render (the whole form)
   * happens then rather than on the click.
   */
  private warm() {
    this.load()
      .then(([reporter]) => {
        whenIdle(() => void (this.isConnected && this.reporter()));
        return (reporter as { preloadLaterParts?: () => Promise<unknown> }).preloadLaterParts?.();
      })
      .catch(() => {});
  }

  /** The reporter this launcher opens: its child, created (closed) the first time. */
  private reporter(): Reporter {
    return this.querySelector<Reporter>('triage-reporter') ?? this.appendChild(document.createElement('triage-reporter') as Reporter);
  }

  /** Opens the report form, loading it first if needed. */
  async open() {
    this.error.textContent = '';
    this.button.setAttribute('aria-busy', 'true');
    try {
      await this.load();
      this.reporter().show();
    } catch {
      this.error.textContent = this.words().launcherLoadFailed;
    } finally {
      this.button.removeAttribute('aria-busy');
    }
  }

  override focus(options?: FocusOptions) {
    this.button.focus(options);
  }
}
