/**
 * How evidence tools (screenshot, logs) hand their files to the report they sit in. The reporter
 * provides an `EvidenceTarget` through `evidenceContext` to everything in its `evidence` slot, so a
 * tool never looks up the reporter in the DOM and works the same inside any host that provides one.
 */
import { createContext } from '@lit/context';
import type { AttachmentMeta } from './ticket.js';

export type AttachmentKind = AttachmentMeta['kind'];
/** What the ticket records about how an attachment was made (screenshot method and masks, log window). */
export type EvidenceDetails = Pick<AttachmentMeta, 'capture' | 'logs'>;

export interface EvidenceTarget {
  /** When the agent says the incident happened; the log window starts a margin before it. */
  readonly occurredAt?: Date;
  /** Adds the file to the report; returns the refusal in words, or undefined when it was added. */
  add(file: File, kind: AttachmentKind, details?: EvidenceDetails): string | undefined;
  /** Hides the report form while a screen is captured, so it is not in its own picture; call the result to show it again. */
  hide(): Promise<() => void>;
}

export const evidenceContext = createContext<EvidenceTarget>(Symbol('triage-evidence'));
