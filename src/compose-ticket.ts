/**
 * What the severity core makes of the reporter's form (./compose.ts): the severity it suggests
 * as the agent types, and the ticket graded with it, without a DOM; the shared schema then judges
 * the ticket. The form's first view needs neither (no category chosen yet), so the reporter loads
 * this module and the core once the form is open.
 */
import {
  responseDueAt,
  slaFor,
  suggestSeverity,
  type Level,
  type ReasonKey,
  type SeverityInput,
  type SeveritySuggestion,
} from './severity.js';
import type { AttachmentMeta } from './ticket.js';
import type { AgentContext, TriageConfig } from './context.js';
import { numberOrRaw, SEVERAL_REASON, ticketOf, type Environment, type ReportForm } from './compose.js';

const numberOnly = (text: string) => {
  const value = numberOrRaw(text);
  return typeof value === 'number' ? value : undefined;
};

/** What the severity core needs, from what the agent typed so far (unusable numbers left out). */
export function severityInputOf(form: ReportForm): SeverityInput | undefined {
  if (!form.category) return undefined;
  const rate = numberOnly(form.abandonRate);
  const normal = numberOnly(form.normalAbandonRate);
  return {
    category: form.category,
    agentsAffected: numberOnly(form.agentsAffected),
    agentsTotal: numberOnly(form.agentsTotal),
    interactionsAffectedPercent: numberOnly(form.interactionsPercent),
    workaround: form.workaround,
    unsupportedPlatformChange: form.platformChange,
    coreFunctionAffected: form.category === 'other-defect' ? form.coreFunction : undefined,
    abandonment:
      form.category === 'chat-abandonment' && rate !== undefined && normal !== undefined
        ? { currentlyObserved: form.stillHappening, ratePercent: rate, normalRatePercent: normal }
        : undefined,
  };
}

export type Suggestion = { ok: true; suggestion: SeveritySuggestion } | { ok: false; message: string };


/**
 * The live suggestion; the core's own words when the numbers contradict each other. "Several"
 * is graded as the contract's "more than one agent affected" (rule 4): the core sees two agents
 * of an unknown total, and its reason for that becomes the reporter's own, without the number.
 */
export function suggestionFor(form: ReportForm): Suggestion | undefined {
  const input = severityInputOf(form);
  if (!input) return undefined;
  const several = form.severalAgents && input.agentsAffected === undefined;
  try {
    const suggestion = suggestSeverity(several ? { ...input, agentsAffected: 2, agentsTotal: undefined } : input);
    if (!several) return { ok: true, suggestion };
    const explanations = suggestion.explanations.map((e) => (e.key === 'majorAgentsNoTotal' ? { key: 'severalAgents' as ReasonKey, values: {} } : e));
    const reasons = suggestion.explanations.map((e, i) => (e.key === 'majorAgentsNoTotal' ? SEVERAL_REASON : suggestion.reasons[i]!));
    return { ok: true, suggestion: { ...suggestion, reasons, explanations } };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}


/**
 * The ticket document for the form as it stands, graded by the severity core. Not validated:
 * pass it to `validateTicket`, which refuses, in words naming the field, whatever the agent
 * still has to fix.
 */
export function composeTicket(
  form: ReportForm,
  agent: AgentContext,
  config: TriageConfig,
  now: Date,
  attachments: AttachmentMeta[] = [],
  environment: Environment = {},
): Record<string, unknown> {
  const result = suggestionFor(form);
  const suggested = result?.ok ? result.suggestion : undefined;
  const chosen = (form.chosenLevel || suggested?.level) as Level | undefined;
  const severity = {
    suggested: suggested?.level,
    reasons: suggested?.reasons ?? [],
    chosen,
    overrideReason: chosen !== suggested?.level ? form.overrideReason.trim() || undefined : undefined,
  };
  const sla = chosen && {
    plan: config.plan,
    responseDueAt: responseDueAt(now, chosen, { plan: config.plan, calendar: config.calendar }).toISOString(),
    coverage: slaFor(chosen, config.plan).coverage,
  };
  return ticketOf(form, agent, now, { severity, sla }, attachments, environment);
}
