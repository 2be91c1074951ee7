/**
 * Context keys (@lit/context): what flows from the host into the components.
 * Values are replaced, never mutated in place (@lit/context compares with Object.is).
 */
import { createContext } from '@lit/context';
import type { Plan, SupportCalendar } from './severity.js';
import type { HOSTS, Ticket } from './ticket.js';
import type { OutboxService, SignalsService } from './delivery.js';
import type { FollowService } from './follow.js';
import type { StringOverrides } from './strings.js';

export type HostKind = (typeof HOSTS)[number];
export type Reporter = NonNullable<Ticket['reporter']>;
export type Records = NonNullable<Ticket['records']>;

/** Who the agent is and what they are working on, as the host knows it. */
export interface AgentContext {
  host: HostKind;
  reporter: Reporter;
  records: Records;
  /** BCP 47 locale for formatting ('en-US', 'es-MX'). */
  locale: string;
  /** IANA zone the agent works in; the browser's when the host does not know. */
  timeZone: string;
  /** Where each prefilled value came from, by field path ('reporter.accountId' -> 'OSvC'). */
  sources: Record<string, string>;
  appVersion?: string;
}

export interface TriageLimits {
  maxAttachments: number;
  maxAttachmentBytes: number;
  attachmentTypes: readonly string[];
}

export interface TriageConfig {
  plan: Plan;
  calendar: Partial<SupportCalendar>;
  /** Overrides for any visible string, over the catalog of the agent's language; `reasons` merge reason by reason. */
  strings: StringOverrides;
  limits: TriageLimits;
  /** Evidence tools: `maskSelectors` are painted out of every tab capture, on top of the defaults (src/capture/mask.ts); `captureWindowUrl` is the same-origin capture page. */
  evidence?: { maskSelectors?: string[]; captureWindowUrl?: string };
  /** 'light' or 'dark' for every element; without it they follow the host page's `color-scheme`, then the system's preference. An element's `theme` attribute wins. */
  theme?: 'light' | 'dark';
  /** Atlassian Statuspage v2 summary.json that <triage-status> reads; no status shown without it. */
  statusPageUrl?: string;
}

export interface TriageServices {
  outbox?: OutboxService;
  signals?: SignalsService;
  /** Support's side of the sent reports and joined incidents (src/follow.ts): My reports and the launcher's badge. */
  follow?: FollowService;
}

export const agentContext = createContext<AgentContext>(Symbol('triage-agent'));
export const configContext = createContext<TriageConfig>(Symbol('triage-config'));
export const servicesContext = createContext<TriageServices>(Symbol('triage-services'));

/**
 * The theme an element shows, asked of the host first: the element's `theme` (attribute or
 * property), else `config.theme` (together `chosen`), else the colour scheme of the page around it
 * (the CSS `color-scheme` where the element sits, else `<meta name="color-scheme">`). When the host
 * says nothing, or takes both, the element follows the operating system, live, through `color-scheme:
 * light dark`. Shown as the custom state `:state(light)`, `:state(dark)` or `:state(os)`: the base
 * styles (components/shared/base.styles.ts, and the launcher's) set `color-scheme` from it and
 * every colour token picks its value with `light-dark()`. It lives beside the context keys so it
 * travels in the chunk the launcher and every element already load.
 */
export function showTheme(el: Element, states: CustomStateSet, chosen?: string): void {
  if (chosen !== 'light' && chosen !== 'dark') {
    // A connected element always sits in an element or a shadow root.
    let scheme = getComputedStyle(el.parentElement ?? (el.getRootNode() as ShadowRoot).host).colorScheme;
    if (!/light|dark/.test(scheme)) scheme = document.querySelector<HTMLMetaElement>('meta[name=color-scheme]')?.content ?? '';
    const light = /light/.test(scheme);
    chosen = light === /dark/.test(scheme) ? 'os' : light ? 'light' : 'dark';
  }
  states.clear();
  states.add(chosen);
}
