/**
 * `<triage-reports>` ("My reports"): the reports this device stored, newest first, with where
 * each one is on its way. It reads the outbox from context and follows every entry live, so a
 * report moves from "Waiting to send" to "Sent" in front of the agent, and a refused one can be
 * fixed (`triage-edit`) or downloaded to be sent another way.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { consume } from '@lit/context';
import { state } from 'lit/decorators.js';
import { agentContext, configContext, servicesContext } from '../../src/context.js';
import type { AgentContext, TriageConfig, TriageServices } from '../../src/context.js';
import type { OutboxEntry } from '../../src/delivery.js';
import { browserAgentContext, defaultConfig } from '../../src/defaults.js';
import { fill } from '../../src/format.js';
import { base } from '../shared/base.styles.js';
import { reportsStyles } from './reports.styles.js';
import { reportsStrings, type ReportsStrings } from './strings.js';
import { TriageEditEvent } from './events.js';

/** Reporter events after which the outbox holds an entry this list may not know yet. */
const OUTBOX_EVENTS = ['triage-queued', 'triage-sent', 'triage-failed'] as const;

/** How long a download's object URL lives: long enough for the browser to start saving it. */
const DOWNLOAD_URL_LIFETIME_MS = 60_000;

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
 * @cssprop --triage-accent, --triage-bg, --triage-fg, --triage-muted, --triage-border, --triage-radius, --triage-font
 */
export class TriageReports extends LitElement {
  static override styles = [base, reportsStyles];

  @consume({ context: servicesContext, subscribe: true })
  @state()
  services?: TriageServices;

  @consume({ context: configContext, subscribe: true })
  @state()
  config?: TriageConfig;

  @consume({ context: agentContext, subscribe: true })
  @state()
  agent?: AgentContext;

  @state() private entries: OutboxEntry[] = [];
  @state() private loaded = false;
  @state() private loadError?: string;
  @state() private busy: ReadonlySet<string> = new Set();
  @state() private announcement = '';

  private watching = new Map<string, () => void>();
  private listedFrom?: TriageServices['outbox'];
  private readonly onOutboxEvent = () => void this.refresh();

  override connectedCallback(): void {
    super.connectedCallback();
    for (const name of OUTBOX_EVENTS) document.addEventListener(name, this.onOutboxEvent);
    if (this.listedFrom) void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const name of OUTBOX_EVENTS) document.removeEventListener(name, this.onOutboxEvent);
    this.stopWatching();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services') && this.services?.outbox !== this.listedFrom) {
      this.stopWatching();
      this.entries = [];
      this.loaded = false;
      this.listedFrom = this.services?.outbox;
      void this.refresh();
    }
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
      for (const entry of listed) {
        if (this.watching.has(entry.id)) continue;
        // watch() calls back right away and on every change, in this tab and others.
        this.watching.set(entry.id, outbox.watch(entry.id, (updated) => this.replace(updated)));
      }
    } catch (error) {
      this.loadError = reason(error);
    } finally {
      this.loaded = true;
    }
  }

  private replace(updated: OutboxEntry): void {
    this.entries = newestFirst(mergeEntries(this.entries, [updated]));
  }

  private stopWatching(): void {
    for (const stop of this.watching.values()) stop();
    this.watching.clear();
  }

  private get strings(): ReportsStrings {
    const locale = this.agent?.locale ?? browserAgentContext().locale;
    return reportsStrings(locale, (this.config ?? defaultConfig()).strings as Record<string, unknown>);
  }

  private formatTime(value: string | number): string {
    const agent = this.agent ?? browserAgentContext();
    try {
      return new Intl.DateTimeFormat(agent.locale, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: agent.timeZone,
      }).format(new Date(value));
    } catch {
      return new Date(value).toISOString();
    }
  }

  protected override render(): TemplateResult {
    const s = this.strings;
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

  protected renderBody(s: ReportsStrings): TemplateResult {
    if (!this.services?.outbox) return html`<p part="empty" class="muted">${s.reportsUnavailable}</p>`;
    if (this.loadError) return html`<p class="error" role="alert">${fill(s.reportsLoadFailed, { reason: this.loadError })}</p>`;
    if (this.loaded && this.entries.length === 0) return html`<p part="empty" class="muted">${s.reportsEmpty}</p>`;
    return html`<ul part="list" aria-labelledby="reports-title">
      ${this.entries.map((entry) => this.renderEntry(entry, s))}
    </ul>`;
  }

  protected renderEntry(entry: OutboxEntry, s: ReportsStrings): TemplateResult {
    const { ticket, delivery } = entry;
    const summaryId = `summary-${entry.id}`;
    return html`<li part="item" data-state=${delivery.state} data-id=${entry.id}>
      <div class="top">
        <h3 class="summary" id=${summaryId}>${ticket.summary}</h3>
        <span part="badge">${this.stateLabel(entry, s)}</span>
      </div>
      <div class="meta">
        <time datetime=${entry.storedAt}>${fill(s.reportsStoredAt, { time: this.formatTime(entry.storedAt) })}</time>
        · ${fill(s.reportsSeverity, { level: ticket.severity.chosen })}
      </div>
      <div class="detail">${this.renderDetail(entry, s)}</div>
      <div part="actions">${this.renderActions(entry, s, summaryId)}</div>
    </li>`;
  }

  private stateLabel(entry: OutboxEntry, s: ReportsStrings): string {
    switch (entry.delivery.state) {
      case 'queued':
        return s.reportsStateQueued;
      case 'sending':
        return s.reportsStateSending;
      case 'sent':
        return s.reportsStateSent;
      case 'failed':
        return s.reportsStateFailed;
    }
  }

  protected renderDetail(entry: OutboxEntry, s: ReportsStrings): TemplateResult {
    const delivery = entry.delivery;
    switch (delivery.state) {
      case 'queued':
        return html`<p>
            ${delivery.nextAttemptAt !== undefined
              ? fill(s.reportsQueuedNext, { time: this.formatTime(delivery.nextAttemptAt) })
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

  protected renderActions(entry: OutboxEntry, s: ReportsStrings, summaryId: string): TemplateResult | typeof nothing {
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
      this.announcement = fill(this.strings.reportsActionFailed, { reason: reason(error) });
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
      const blob = await outbox.exportEntry(entry.id);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = downloadName(entry);
      // In the shadow root so the click stays inside this element and the host page is untouched.
      this.renderRoot.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS);
    } catch (error) {
      this.announcement = fill(this.strings.reportsActionFailed, { reason: reason(error) });
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
