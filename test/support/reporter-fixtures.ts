// Shared by the reporter's browser tests (and any element test that needs an outbox it can drive): an outbox double whose progress the test drives (a
// double of a service boundary; the real IndexedDB outbox has its own tests), and small helpers.
import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AttachmentBytes, DeliveryState, OutboxEntry, OutboxService, RelatedReports, SignalsService } from '../../src/delivery.js';
import type { Ticket } from '../../src/ticket.js';
import type { AgentContext, TriageConfig, TriageServices } from '../../src/context.js';
import type { TriageReporter } from '../../components/reporter/reporter.js';
import '../../components/provider/define.js';
import '../../components/reporter/define.js';

export class OutboxDouble implements OutboxService {
  readonly submitted: { ticket: Ticket; attachments: AttachmentBytes[] }[] = [];
  readonly resubmitted: Ticket[] = [];
  readonly resubmittedFiles: (AttachmentBytes[] | undefined)[] = [];
  flushes = 0;
  private entries = new Map<string, OutboxEntry>();
  private watchers = new Map<string, (entry: OutboxEntry) => void>();
  private subscribers = new Set<(entry: OutboxEntry) => void>();

  async submit(ticket: Ticket, attachments: AttachmentBytes[]) {
    this.submitted.push({ ticket, attachments });
    return this.store(ticket);
  }
  async resubmit(ticket: Ticket, attachments?: AttachmentBytes[]) {
    this.resubmitted.push(ticket);
    this.resubmittedFiles.push(attachments);
    return this.store(ticket);
  }
  watch(id: string, callback: (entry: OutboxEntry) => void) {
    this.watchers.set(id, callback);
    callback(this.entries.get(id)!);
    return () => this.watchers.delete(id);
  }
  subscribe(listener: (entry: OutboxEntry) => void) {
    this.subscribers.add(listener);
    return () => void this.subscribers.delete(listener);
  }
  async list() {
    return [...this.entries.values()];
  }
  async flush() {
    this.flushes++;
  }
  async exportEntry(id: string) {
    return new Blob([JSON.stringify(this.entries.get(id))], { type: 'application/json' });
  }
  /** Puts an entry on the device as if stored earlier (for "My reports"). */
  seed(entry: OutboxEntry) {
    this.entries.set(entry.id, entry);
  }
  /** Moves an entry to a new delivery state, as the real outbox would while sending. */
  advance(id: string, delivery: DeliveryState) {
    const entry = { ...this.entries.get(id)!, delivery, updatedAt: new Date().toISOString() };
    this.entries.set(id, entry);
    this.changed(entry);
  }
  private store(ticket: Ticket) {
    const now = new Date().toISOString();
    const entry: OutboxEntry = { id: ticket.id, ticket, delivery: { state: 'queued', attempts: 0 }, storedAt: now, updatedAt: now };
    this.entries.set(ticket.id, entry);
    this.changed(entry);
    return entry;
  }
  private changed(entry: OutboxEntry) {
    this.watchers.get(entry.id)?.(entry);
    for (const listener of this.subscribers) listener(entry);
  }
}

export class SignalsDouble implements SignalsService {
  readonly asked: { category: string; queue?: string }[] = [];
  constructor(private readonly answer: RelatedReports) {}
  async recent(query: { category: string; queue?: string }) {
    this.asked.push(query);
    return this.answer;
  }
}

export interface Setup {
  agent?: Partial<AgentContext>;
  config?: Partial<TriageConfig>;
  services?: TriageServices;
  /** Leave localStorage as it is (a draft from before); otherwise every reporter starts clean. */
  keepDraft?: boolean;
}

/** A reporter inside a real `<triage-provider>`, opened. */
export async function openReporter(setup: Setup = {}): Promise<TriageReporter> {
  if (!setup.keepDraft) localStorage.clear();
  const provider = await fixture(
    html`<triage-provider .agent=${setup.agent} .config=${setup.config} .services=${setup.services}><triage-reporter></triage-reporter></triage-provider>`,
  );
  const reporter = provider.querySelector('triage-reporter')!;
  await reporter.show();
  return reporter;
}

export const $ = <T extends Element = HTMLInputElement>(reporter: TriageReporter, selector: string) =>
  reporter.shadowRoot!.querySelector<T>(selector)!;

/** The control for a ticket path ('impact.agentsAffected'), by the id the reporter gives it. */
export const control = (reporter: TriageReporter, path: string) => $(reporter, '#f-' + path.replace(/\./g, '-'));

/** Types into a control with the keyboard, replacing what it held. */
export async function typeInto(reporter: TriageReporter, path: string, text: string) {
  const el = control(reporter, path);
  el.focus();
  el.value = '';
  el.dispatchEvent(new Event('input', { bubbles: true }));
  await sendKeys({ type: text });
  await reporter.updateComplete;
}

/** Picks an option of a select, or ticks a checkbox, as a change event from the agent. */
export async function choose(reporter: TriageReporter, path: string, value: string | boolean) {
  const el = control(reporter, path);
  if (typeof value === 'boolean') el.checked = value;
  else el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
  await reporter.updateComplete;
}

export const suggestionText = (reporter: TriageReporter) => $(reporter, '.suggestion').textContent!.replace(/\s+/g, ' ').trim();
