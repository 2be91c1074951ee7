/**
 * A stand-in for the reporter's side of the evidence contract (src/evidence.ts): a real
 * EvidenceTarget that records what was added and hides a panel of its own during capture, so a
 * test can check the panel is not in its own picture. The real reporter provides one after merge.
 */
import { LitElement, html } from 'lit';
import { ContextProvider } from '@lit/context';
import { evidenceContext, type EvidenceTarget, type EvidenceDetails, type AttachmentKind } from '../../../src/evidence.js';

export interface Added {
  file: File;
  kind: AttachmentKind;
  details?: EvidenceDetails;
}

export class RecordingTarget implements EvidenceTarget {
  readonly added: Added[] = [];
  hides = 0;
  shown = 0;
  refusal?: string;
  constructor(private readonly panel?: HTMLElement) {}
  add(file: File, kind: AttachmentKind, details?: EvidenceDetails): string | undefined {
    if (this.refusal) return this.refusal;
    this.added.push({ file, kind, details });
    return undefined;
  }
  async hide(): Promise<() => void> {
    this.hides++;
    if (this.panel) this.panel.hidden = true;
    // Two frames: the hidden panel has been painted away before anyone captures.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return () => {
      this.shown++;
      if (this.panel) this.panel.hidden = false;
    };
  }
}

export class TestEvidenceHost extends LitElement {
  target = new RecordingTarget();
  private readonly provider = new ContextProvider(this, { context: evidenceContext, initialValue: this.target });
  use(target: RecordingTarget): void {
    this.target = target;
    this.provider.setValue(target);
  }
  protected override render() {
    return html`<slot></slot>`;
  }
}
customElements.get('test-evidence-host') ?? customElements.define('test-evidence-host', TestEvidenceHost);
