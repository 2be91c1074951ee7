/**
 * What the evidence tools (`<triage-screenshot>`, `<triage-logs>`) share on top of TriageElement:
 * the report they attach to, which the reporter provides to its `evidence` slot (without one, a
 * tool says so or, for logs, downloads the file), and the polite live region each tool speaks
 * its outcomes through.
 */
import { html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ContextConsumer } from '@lit/context';
import { evidenceContext, type EvidenceTarget } from '../../src/evidence.js';
import { TriageElement } from './triage-element.js';

export class EvidenceTool extends TriageElement {
  // Declared without decorators: the evidence chunk then carries no decorator helper of its own.
  // A tool's own `properties` add to these (Lit finalizes each class in the chain).
  static override properties: PropertyDeclarations = {
    evidence: { state: true },
    announcement: { state: true },
  };

  /** The report this tool attaches to (the reporter provides it to its `evidence` slot). */
  evidence?: EvidenceTarget;

  /** What the live region says: the last outcome (attached, refused, what masking did). */
  protected announcement = '';

  constructor() {
    super();
    new ContextConsumer(this, { context: evidenceContext, subscribe: true, callback: (target) => (this.evidence = target) });
  }

  protected renderAnnouncement(): TemplateResult {
    return html`<p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>`;
  }
}
