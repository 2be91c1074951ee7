/**
 * The reporter's form as plain data. The form keeps exactly what the agent typed (numbers as
 * text) so a draft restores it unchanged; the severity it suggests and the ticket made from it
 * are ./compose-ticket.ts, which needs the severity core: the form's first view needs neither.
 */
import type { Category, Level } from './severity.js';
import type { AgentContext, Records, Reporter } from './context.js';
import type { AttachmentMeta, Ticket } from './ticket.js';
import { instantFromLocalInput, toLocalInput } from './format.js';

export type ReporterKey = keyof Reporter;
export type RecordKey = keyof Records;
export const REPORTER_KEYS: readonly ReporterKey[] = ['accountId', 'login', 'name', 'profile', 'acdAgentId', 'extension', 'site'];
export const RECORD_KEYS: readonly RecordKey[] = ['incidentId', 'incidentReference', 'chatId', 'contactId', 'queue', 'interactionId'];

export interface ReportForm {
  /** The ticket id, made when the draft starts; the outbox's idempotency key. */
  id: string;
  summary: string;
  category: Category | '';
  observed: string;
  expected: string;
  steps: string;
  agentsAffected: string;
  /** "Several" as the agent said it: more than one agent, no number (agentsAffected stays empty). */
  severalAgents: boolean;
  agentsTotal: string;
  interactionsPercent: string;
  uniqueTraits: string;
  workaround: boolean;
  platformChange: boolean;
  coreFunction: boolean;
  abandonRate: string;
  normalAbandonRate: string;
  /** 'YYYY-MM-DDTHH:MM' wall clock in `timeZone`. */
  occurredAt: string;
  timeZone: string;
  stillHappening: boolean;
  frequency: '' | 'once' | 'intermittent' | 'constant';
  frequencyNote: string;
  /** Only what the agent changed; the rest comes from the agent context at compose time. */
  reporter: Partial<Record<ReporterKey, string>>;
  records: Partial<Record<RecordKey, string>>;
  /** 0 follows the suggestion. */
  chosenLevel: Level | 0;
  overrideReason: string;
  /** The status-page incident the agent linked the report to (`<triage-status>`). */
  linkedStatusIncident?: string;
}

export function newForm(now: Date, timeZone: string, id: string = crypto.randomUUID()): ReportForm {
  return {
    id,
    summary: '',
    category: '',
    observed: '',
    expected: '',
    steps: '',
    agentsAffected: '',
    severalAgents: false,
    agentsTotal: '',
    interactionsPercent: '',
    uniqueTraits: '',
    workaround: false,
    platformChange: false,
    coreFunction: true,
    abandonRate: '',
    normalAbandonRate: '',
    occurredAt: toLocalInput(now, timeZone),
    timeZone,
    stillHappening: false,
    frequency: '',
    frequencyNote: '',
    reporter: {},
    records: {},
    chosenLevel: 0,
    overrideReason: '',
  };
}

/** The reason recorded for "several": the agent's word, not a number they never gave. */
export const SEVERAL_REASON = 'Several agents are affected (no number given): more than one agent is a Major Impairment.';

/** Text the agent typed into a number field: undefined when empty, the text itself when not a number (the schema then names the field). */
export function numberOrRaw(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

/** Values of one identifier group: the agent's edits over the host's prefill, blanks dropped. */
export function identifiers<K extends string>(prefill: Partial<Record<K, string>>, edits: Partial<Record<K, string>>) {
  const merged: Partial<Record<K, string>> = {};
  for (const [key, value] of Object.entries({ ...prefill, ...edits }) as [K, string | undefined][]) {
    const trimmed = value?.trim();
    if (trimmed) merged[key] = trimmed;
  }
  return Object.keys(merged).length ? merged : undefined;
}

/** Without query or fragment: those can carry session tokens, which never go into a ticket. */
function pageAddress(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.origin + parsed.pathname;
  } catch {
    return undefined;
  }
}

function withoutUndefined<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

export interface Environment {
  userAgent?: string;
  url?: string;
}

/** What the severity core made of the form (src/compose-ticket.ts grades it), for the ticket. */
export interface Graded {
  severity: { suggested?: Level; reasons: string[]; chosen?: Level; overrideReason?: string };
  sla?: { plan: string; responseDueAt: string; coverage: string };
}

/**
 * The ticket document for the form as typed, with its grading: composeTicket() in
 * ./compose-ticket.ts, which needs the severity core, grades it and comes here, so the document's
 * shape, mirrored by formFromTicket() below, is written once, beside the form.
 */
export function ticketOf(
  form: ReportForm,
  agent: AgentContext,
  now: Date,
  { severity, sla }: Graded,
  attachments: AttachmentMeta[] = [],
  environment: Environment = {},
): Record<string, unknown> {
  const text = (value: string) => value.trim() || undefined;
  const rate = numberOrRaw(form.abandonRate);
  const normal = numberOrRaw(form.normalAbandonRate);

  return withoutUndefined({
    id: form.id,
    createdAt: now.toISOString(),
    summary: form.summary.trim(),
    category: form.category || undefined,
    observed: text(form.observed),
    expected: text(form.expected),
    steps: text(form.steps),
    impact: withoutUndefined({
      agentsAffected: numberOrRaw(form.agentsAffected),
      agentsTotal: numberOrRaw(form.agentsTotal),
      interactionsAffectedPercent: numberOrRaw(form.interactionsPercent),
      uniqueTraits: text(form.uniqueTraits),
      frequency: form.frequency || undefined,
      frequencyNote: text(form.frequencyNote),
    }),
    workaround: form.workaround,
    unsupportedPlatformChange: form.platformChange,
    coreFunctionAffected: form.category === 'other-defect' ? form.coreFunction : undefined,
    abandonment:
      form.category === 'chat-abandonment' && (rate !== undefined || normal !== undefined)
        ? { currentlyObserved: form.stillHappening, ratePercent: rate, normalRatePercent: normal }
        : undefined,
    occurredAt: instantFromLocalInput(form.occurredAt, form.timeZone) ?? form.occurredAt,
    timeZone: form.timeZone,
    currentlyObserved: form.stillHappening,
    reporter: identifiers<ReporterKey>(agent.reporter, form.reporter),
    records: identifiers<RecordKey>(agent.records, form.records),
    environment: withoutUndefined({
      host: agent.host,
      userAgent: environment.userAgent?.slice(0, 500),
      locale: agent.locale,
      url: pageAddress(environment.url),
      appVersion: agent.appVersion,
    }),
    severity,
    sla,
    attachments: attachments.length ? attachments : undefined,
    linkedStatusIncident: form.linkedStatusIncident || undefined,
  }) ?? {};
}


const text = (value: number | undefined) => (value === undefined ? '' : String(value));

/** The form a stored ticket was made from, to correct a refused report (same id, same wall clock). */
export function formFromTicket(ticket: Ticket): ReportForm {
  const impact = ticket.impact ?? {};
  const { suggested, chosen, overrideReason } = ticket.severity;
  return {
    ...newForm(new Date(ticket.occurredAt), ticket.timeZone, ticket.id),
    summary: ticket.summary,
    category: ticket.category,
    observed: ticket.observed ?? '',
    expected: ticket.expected ?? '',
    steps: ticket.steps ?? '',
    agentsAffected: text(impact.agentsAffected),
    severalAgents: impact.agentsAffected === undefined && ticket.severity.reasons.includes(SEVERAL_REASON),
    agentsTotal: text(impact.agentsTotal),
    interactionsPercent: text(impact.interactionsAffectedPercent),
    uniqueTraits: impact.uniqueTraits ?? '',
    frequency: impact.frequency ?? '',
    frequencyNote: impact.frequencyNote ?? '',
    workaround: !!ticket.workaround,
    platformChange: !!ticket.unsupportedPlatformChange,
    coreFunction: ticket.coreFunctionAffected ?? true,
    abandonRate: text(ticket.abandonment?.ratePercent),
    normalAbandonRate: text(ticket.abandonment?.normalRatePercent),
    stillHappening: !!ticket.currentlyObserved,
    reporter: { ...ticket.reporter },
    records: { ...ticket.records },
    chosenLevel: chosen === suggested ? 0 : (chosen as Level),
    overrideReason: overrideReason ?? '',
    linkedStatusIncident: ticket.linkedStatusIncident,
  };
}
