/**
 * The report form's pure rules, apart from how it is drawn: where each control's problems are
 * reported in the ticket, what a quick pick means, and why a file is refused. Each answer is a
 * code with values; the elements turn it into words from their catalog.
 */
import { RECORD_KEYS, type ReportForm } from './compose.js';
import type { Records, TriageLimits } from './context.js';
import type { AttachmentMeta } from './ticket.js';

/** Form key -> the ticket path the schema reports issues under (others are the same on both sides). */
const TICKET_PATHS: Record<string, string> = {
  agentsAffected: 'impact.agentsAffected',
  agentsTotal: 'impact.agentsTotal',
  interactionsPercent: 'impact.interactionsAffectedPercent',
  uniqueTraits: 'impact.uniqueTraits',
  frequency: 'impact.frequency',
  frequencyNote: 'impact.frequencyNote',
  abandonRate: 'abandonment.ratePercent',
  normalAbandonRate: 'abandonment.normalRatePercent',
  overrideReason: 'severity.overrideReason',
};

/** The ticket path of a form key ('agentsTotal' -> 'impact.agentsTotal', 'reporter.login' stays). */
export const ticketPathOf = (formKey: string): string => TICKET_PATHS[formKey] ?? formKey;

/** The element id of the control for a ticket path, so a problem the schema reports can focus it. */
export const controlIdOf = (path: string): string => 'f-' + path.replace(/\./g, '-');

export const QUICK_PICKS = ['me', 'several', '30', 'all'] as const;
export type QuickPick = (typeof QUICK_PICKS)[number];

/**
 * What a quick pick sets agents affected to; NaN when it needs the team size first. "Several"
 * sets no number: the form keeps the agent's word (severalAgents), the ticket no invented count.
 */
export function quickPickValue(pick: QuickPick, form: Pick<ReportForm, 'agentsTotal'>): number | 'several' {
  const total = Number(form.agentsTotal) || NaN;
  return pick === 'several' ? 'several' : { me: 1, '30': Math.ceil(total * 0.3), all: total }[pick];
}

/** The form after a quick pick, or undefined when the pick needs the team size first. */
export function afterQuickPick(pick: QuickPick, form: ReportForm): Partial<ReportForm> | undefined {
  const value = quickPickValue(pick, form);
  if (value === 'several') return { severalAgents: true, agentsAffected: '' };
  return value ? { severalAgents: false, agentsAffected: String(value) } : undefined;
}

/** Whether a quick pick is the one the form holds now. */
export function isPicked(pick: QuickPick, form: ReportForm): boolean {
  const value = quickPickValue(pick, form);
  return value === 'several' ? form.severalAgents : !form.severalAgents && String(value) === form.agentsAffected;
}

export type AttachmentRefusal =
  | { code: 'attachStored'; names: string[] }
  | { code: 'fileWrongType'; name: string }
  | { code: 'fileTooBig'; name: string; size: number; max: number }
  | { code: 'fileTooMany'; name: string; max: number };

/**
 * Why a file cannot join the report, or undefined when it can. A stored report being corrected
 * keeps its files in the outbox, so it takes no new ones.
 */
export function attachmentRefusal(
  file: Pick<File, 'name' | 'type' | 'size'>,
  limits: TriageLimits,
  attached: number,
  kept?: readonly AttachmentMeta[],
): AttachmentRefusal | undefined {
  if (kept) return { code: 'attachStored', names: kept.map((a) => a.name) };
  if (!limits.attachmentTypes.includes(file.type)) return { code: 'fileWrongType', name: file.name };
  if (file.size > limits.maxAttachmentBytes) return { code: 'fileTooBig', name: file.name, size: file.size, max: limits.maxAttachmentBytes };
  if (attached >= limits.maxAttachments) return { code: 'fileTooMany', name: file.name, max: limits.maxAttachments };
  return undefined;
}

export const sameRecords = (a: Records | undefined, b: Records | undefined): boolean =>
  !!a && !!b && RECORD_KEYS.every((key) => (a[key] ?? '') === (b[key] ?? ''));

/** The workspace to offer: the agent's current one when it names something the report was not opened on. */
export function offeredWorkspace(current: Records, opened: Records | undefined, declined: Records | undefined): Records | undefined {
  if (!opened || sameRecords(current, opened) || sameRecords(current, declined)) return undefined;
  return RECORD_KEYS.some((key) => current[key]) ? current : undefined;
}
