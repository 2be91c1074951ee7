/**
 * Where a report is, as codes the elements turn into words: a tone for the styling and a catalog
 * key with its values. Shared by the reporter's status line and "My reports", so both say the
 * same thing about the same state.
 */
import type { DeliveryState, OutboxEntry } from './delivery.js';
import type { Strings } from './strings.js';

export type Tone = 'info' | 'sent' | 'failed';

/** The badge of each delivery state in "My reports". */
export const STATE_LABELS = {
  queued: 'reportsStateQueued',
  sending: 'reportsStateSending',
  sent: 'reportsStateSent',
  failed: 'reportsStateFailed',
} as const satisfies Record<DeliveryState['state'], keyof Strings>;

/** A submission as the reporter knows it: the outbox entry, or a failure before the outbox had it. */
export interface Submission {
  entry?: OutboxEntry;
  /** Why it failed before reaching the outbox, in words already (a load or storage error). */
  failure?: string;
  /** The host took delivery over (`triage-submit` cancelled). */
  handedOver?: boolean;
}

export type StatusKey = 'statusQueued' | 'statusSaved' | 'statusSending' | 'statusSent' | 'statusFailed' | 'statusHandedOver';

/** The honest state of a submission, read from the outbox entry and nothing else. */
export function submissionStatus({ entry, failure, handedOver }: Submission): { tone: Tone; key?: StatusKey; values?: Record<string, string>; failure?: string } {
  const d = entry?.delivery;
  if (failure) return { tone: 'failed', failure };
  if (d?.state === 'queued') return { tone: 'info', key: d.attempts > 0 ? 'statusQueued' : 'statusSaved' };
  if (d?.state === 'sending') return { tone: 'info', key: 'statusSending' };
  if (d?.state === 'sent') return { tone: 'sent', key: 'statusSent', values: { reference: d.result.reference } };
  if (d?.state === 'failed') return { tone: 'failed', key: 'statusFailed', values: { reason: d.reason } };
  return { tone: 'info', key: handedOver ? 'statusHandedOver' : 'statusSaved' };
}
