/**
 * `<triage-reports>` ("My reports"): the reports this device stored, newest first, with where
 * each one is on its way. It reads the outbox from context and follows every entry live, so a
 * report moves from "Waiting to send" to "Sent" in front of the agent, and a refused one can be
 * fixed (`triage-edit`) or downloaded to be sent another way.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import type { TriageServices } from '../../src/context.js';
import type { OutboxEntry } from '../../src/delivery.js';
import { fill, relativeTime } from '../../src/format.js';
import { CountdownController } from '../shared/countdown-controller.js';
import { STATE_LABELS } from '../../src/delivery-status.js';
import { downloadBlob } from '../shared/download.js';
import type { Strings } from '../../src/strings.js';
import { TriageElement } from '../shared/triage-element.js';
import { reportsEn } from '../../src/strings/reports.js';
import { base } from '../shared/base.styles.js';
import { reportsStyles } from './reports.styles.js';
import { TriageEditEvent } from './events.js';

/**
 * @fires triage-edit - "Fix and resend" on a refused report; `detail.ticket` is the stored ticket
 * @csspart base - the whole list
 * @csspart header - title row
 * @csspart list - the list of reports
 * @csspart item - one report
 * @csspart badge - a report's delivery state
 * @csspart actions - a report's buttons
 * @csspart empty - the text shown when there is nothing to list
 * @cssprop --triage-reports-queued - colour of waiting reports (default: --triage-warn)
 * @cssprop --triage-reports-sending - colour of reports being sent (default: --triage-accent)
 * @cssprop --triage-reports-sent - colour of confirmed reports (default: --triage-ok)
 * @cssprop --triage-reports-failed - colour of refused reports (default: --triage-danger)
 * @cssprop --triage-accent - accent colour: primary buttons, focus ring, links
 * @cssprop --triage-bg - background
 * @cssprop --triage-fg - text colour
 * @cssprop --triage-muted - secondary text
 * @cssprop --triage-border - borders and dividers
 * @cssprop --triage-radius - corner radius
 * @cssprop --triage-font - font family
 */
export class TriageReports extends TriageElement {
  static override styles = [base, reportsStyles];
  static override strings = reportsEn;

  @state() private entries: OutboxEntry[] = [];
  @state() private loaded = false;
  @state() private loadError?: string;
  @state() private busy: ReadonlySet<string> = new Set();
  @state() private announcement = '';

  private listedFrom?: TriageServices['outbox'];
  /** "Next attempt in 20 seconds" counts down for every waiting report. */
  protected readonly countdown = new CountdownController(this, () =>
    this.entries.map(({ delivery }) => (delivery.state === 'queued' ? delivery.nextAttemptAt : undefined)),
  );
  private unsubscribe?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.listedFrom) this.follow(this.listedFrom);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services') && this.services?.outbox !== this.listedFrom) {
      this.entries = [];
      this.loaded = false;
      this.listedFrom = this.services?.outbox;
      this.follow(this.listedFrom);
    }
  }

  /** Follows every change of every entry, this tab's and other tabs', then lists what is stored. */
  private follow(outbox: TriageServices['outbox']): void {
    this.unsubscribe?.();
    this.unsubscribe = outbox?.subscribe((entry) => this.replace(entry));
    void this.refresh();
  }

  /** Reads the outbox again and follows any entry not followed yet. */
  async refresh(): Promise<void> {
    const outbox = this.services?.outbox;
    if (!outbox) return;
    try {
      const listed = await outbox.list();
      if (outbox !== this.services?.outbox) return;
      this.loadError = undefined;
      this.entries = newestFirst(mergeEntries(this.entries, listed));
    } catch (error) {
      this.loadError = reason(error);
    } finally {
      this.loaded = true;
    }
  }

  private replace(updated: OutboxEntry): void {
    this.entries = newestFirst(mergeEntries(this.entries, [updated]));
  }

  private formatTime(value: string | number): string {
    const { locale, timeZone } = this.ctx;
    try {
      return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(value));
    } catch {
      return new Date(value).toISOString();
    }
  }

  protected override render(): TemplateResult {
    const s = this.t;
    return html`
      <section part="base" aria-labelledby="reports-title">
        <header part="header">
          <h2 id="reports-title">${s.reportsTitle}</h2>
          ${this.services?.outbox ? html`<button type="button" class="link" @click=${() => this.refresh()}>${s.reportsRefresh}</button>` : nothing}
        </header>
        ${this.renderBody(s)}
        <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      </section>
    `;
  }

  protected renderBody(s: Strings): TemplateResult {
    if (!this.services?.outbox) return html`<p part="empty" class="muted">${s.reportsUnavailable}</p>`;
    if (this.loadError) return html`<p class="error" role="alert">${fill(s.reportsLoadFailed, { reason: this.loadError })}</p>`;
    if (this.loaded && this.entries.length === 0) return html`<p part="empty" class="muted">${s.reportsEmpty}</p>`;
    return html`<ul part="list" aria-labelledby="reports-title">
      ${this.entries.map((entry) => this.renderEntry(entry, s))}
    </ul>`;
  }

  protected renderEntry(entry: OutboxEntry, s: Strings): TemplateResult {
    const { ticket, delivery } = entry;
    const summaryId = `summary-${entry.id}`;
    return html`<li part="item" data-state=${delivery.state} data-id=${entry.id}>
      <div class="top">
        <h3 class="summary" id=${summaryId}>${ticket.summary}</h3>
        <span part="badge">${s[STATE_LABELS[delivery.state]]}</span>
      </div>
      <div class="meta">
        <time datetime=${entry.storedAt}>${fill(s.reportsStoredAt, { time: this.formatTime(entry.storedAt) })}</time>
        · ${fill(s.reportsSeverity, { level: ticket.severity.chosen })}
      </div>
      <div class="detail">${this.renderDetail(entry, s)}</div>
      <div part="actions">${this.renderActions(entry, s, summaryId)}</div>
    </li>`;
  }

  protected renderDetail(entry: OutboxEntry, s: Strings): TemplateResult {
    const delivery = entry.delivery;
    switch (delivery.state) {
      case 'queued':
        return html`<p>
            ${delivery.nextAttemptAt !== undefined
              ? fill(s.reportsQueuedNext, { relative: relativeTime(delivery.nextAttemptAt - Date.now(), this.ctx.locale) })
              : s.reportsQueuedOffline}
          </p>
          ${delivery.lastError ? html`<p class="muted">${fill(s.reportsQueuedLastError, { reason: delivery.lastError })}</p>` : nothing}`;
      case 'sending': {
        const percent = delivery.total > 0 ? Math.min(100, Math.round((delivery.loaded / delivery.total) * 100)) : 0;
        return html`<progress max="100" .value=${percent} aria-label=${s.reportsSendingLabel}></progress>
          <p>${fill(s.reportsSendingProgress, { percent })}</p>`;
      }
      case 'sent':
        return html`<p>
          ${fill(s.reportsSentReference, { reference: delivery.result.reference, time: this.formatTime(delivery.sentAt) })}
        </p>`;
      case 'failed':
        return html`<p class="error">${fill(s.reportsFailedReason, { reason: delivery.reason })}</p>
          ${delivery.fields?.length
            ? html`<ul class="fields">
                ${delivery.fields.map((field) => html`<li>${field.path}: ${field.message}</li>`)}
              </ul>`
            : nothing}
          <p class="muted">${s.reportsFailedHelp}</p>`;
    }
  }

  protected renderActions(entry: OutboxEntry, s: Strings, summaryId: string): TemplateResult | typeof nothing {
    const busy = this.busy.has(entry.id);
    switch (entry.delivery.state) {
      case 'queued':
        return html`<button type="button" aria-describedby=${summaryId} ?disabled=${busy} @click=${() => this.retry(entry)}>
            ${busy ? s.reportsRetrying : s.reportsRetryNow}
          </button>
          <button type="button" aria-describedby=${summaryId} @click=${() => this.download(entry)}>${s.reportsDownload}</button>`;
      case 'failed':
        return html`<button type="button" class="primary" aria-describedby=${summaryId} @click=${() => this.edit(entry)}>
            ${s.reportsFixResend}
          </button>
          <button type="button" aria-describedby=${summaryId} @click=${() => this.download(entry)}>${s.reportsDownload}</button>`;
      default:
        return nothing;
    }
  }

  private async retry(entry: OutboxEntry): Promise<void> {
    const outbox = this.services?.outbox;
    if (!outbox) return;
    this.busy = new Set([...this.busy, entry.id]);
    try {
      await outbox.flush();
    } catch (error) {
      this.announcement = fill(this.t.reportsActionFailed, { reason: reason(error) });
    } finally {
      const rest = new Set(this.busy);
      rest.delete(entry.id);
      this.busy = rest;
    }
  }

  private edit(entry: OutboxEntry): void {
    this.dispatchEvent(new TriageEditEvent({ ticket: entry.ticket, entry }));
  }

  private async download(entry: OutboxEntry): Promise<void> {
    const outbox = this.services?.outbox;
    if (!outbox) return;
    try {
      // In the shadow root so the click stays inside this element and the host page is untouched.
      downloadBlob(await outbox.exportEntry(entry.id), downloadName(entry), this.renderRoot);
    } catch (error) {
      this.announcement = fill(this.t.reportsActionFailed, { reason: reason(error) });
    }
  }
}

function mergeEntries(current: OutboxEntry[], incoming: OutboxEntry[]): OutboxEntry[] {
  const byId = new Map(current.map((entry) => [entry.id, entry]));
  for (const entry of incoming) {
    const known = byId.get(entry.id);
    // A slower list() must not undo a newer state a watcher already delivered.
    if (!known || known.updatedAt <= entry.updatedAt) byId.set(entry.id, entry);
  }
  return [...byId.values()];
}

function newestFirst(entries: OutboxEntry[]): OutboxEntry[] {
  return entries.sort((a, b) => (a.storedAt < b.storedAt ? 1 : a.storedAt > b.storedAt ? -1 : 0));
}

function downloadName(entry: OutboxEntry): string {
  const label = entry.delivery.state === 'sent' ? entry.delivery.result.reference : entry.id.slice(0, 8);
  return `triage-report-${label.replace(/[^\w.-]+/g, '_')}.json`;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
