/**
 * `<triage-reports>` ("My reports"): the reports this device stored, newest first, with where
 * each one is on its way. It reads the outbox from context and follows every entry live, so a
 * report moves from "Waiting to send" to "Sent" in front of the agent, and a refused one can be
 * fixed (`triage-edit`) or downloaded to be sent another way.
 *
 * With a follower (`services.follow`, src/follow.ts) each sent report also shows support's side:
 * status, severity and why support changed it, the SLA, responses and updates, log requests
 * with one button to answer them; the known issues the agent joined are listed after the
 * reports. What is new since the agent marked it seen is tagged "New" and announced politely.
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
import { followKey } from '../../src/follow-view.js';
import type { FollowService, FollowState, Followed, LogRequest } from '../../src/follow.js';
import { supportBlock, type SupportScope } from './support-view.js';

/**
 * @fires triage-edit - "Fix and resend" on a refused report; `detail.ticket` is the stored ticket
 * @csspart base - the whole list
 * @csspart header - title row
 * @csspart list - the list of reports
 * @csspart item - one report
 * @csspart badge - a report's delivery state
 * @csspart actions - a report's buttons
 * @csspart empty - the text shown when there is nothing to list
 * @csspart support - support's side of a sent report or joined issue
 * @csspart sla - response and update due times
 * @csspart updates - support's responses and updates
 * @csspart log-request - a request for this device's logs, with its button
 * @csspart new - the "New" tag on what changed since the agent last looked
 * @csspart joined - the list of known issues the agent joined
 * @cssprop --triage-reports-queued - colour of waiting reports (default: --triage-warn)
 * @cssprop --triage-reports-sending - colour of reports being sent (default: --triage-accent)
 * @cssprop --triage-reports-sent - colour of confirmed reports (default: --triage-ok)
 * @cssprop --triage-reports-failed - colour of refused reports (default: --triage-danger)
 * @cssprop --triage-reports-new - background of the "New" tag (default: --triage-accent)
 * @cssprop --triage-accent - accent colour: primary buttons, focus ring, links
 * @cssprop --triage-accent-fg - text on the accent colour (the "New" tag)
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

  @state() private followState?: FollowState;
  @state() private logErrors: ReadonlyMap<string, string> = new Map();

  private listedFrom?: TriageServices['outbox'];
  /** "Next attempt in 20 seconds" counts down for every waiting report. */
  protected readonly countdown = new CountdownController(this, () =>
    this.entries.map(({ delivery }) => (delivery.state === 'queued' ? delivery.nextAttemptAt : undefined)),
  );
  private unsubscribe?: () => void;
  private followedFrom?: FollowService;
  private stopFollowing?: () => void;
  /** What was already announced as news, by followed key, so a poll without news says nothing. */
  private announced = new Map<string, string>();

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.listedFrom) this.follow(this.listedFrom);
    if (this.followedFrom) this.followSupport(this.followedFrom);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.stopFollowing?.();
    this.stopFollowing = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('services') && this.services?.outbox !== this.listedFrom) {
      this.entries = [];
      this.loaded = false;
      this.listedFrom = this.services?.outbox;
      this.follow(this.listedFrom);
    }
    if (changed.has('services') && this.services?.follow !== this.followedFrom) {
      this.followedFrom = this.services?.follow;
      this.followState = undefined;
      this.followSupport(this.followedFrom);
    }
  }

  /** Support's side of every sent report and joined issue, as the follower learns it. */
  private followSupport(follow: FollowService | undefined): void {
    this.stopFollowing?.();
    this.stopFollowing = follow?.subscribe((state) => {
      this.followState = state;
      this.announceNews(state);
    });
  }

  private announceNews(state: FollowState): void {
    for (const item of state.items.values()) {
      const news = item.changes.length ? `${item.changes.join()}|${item.newUpdates.join()}|${item.view?.status}` : '';
      const before = this.announced.get(item.key);
      this.announced.set(item.key, news);
      if (news && news !== before && before !== undefined) this.announcement = fill(this.t.reportsNews, { summary: this.titleOf(item) });
    }
  }

  private titleOf(item: Followed): string {
    if (item.target.kind === 'incident') return item.view?.title ?? '';
    const entry = this.entries.find((e) => e.delivery.state === 'sent' && e.delivery.result.id === item.target.id);
    return entry?.ticket.summary ?? item.view?.reference ?? '';
  }

  private supportScope(describedBy: string): SupportScope | undefined {
    const follow = this.services?.follow;
    const state = this.followState;
    if (!follow || !state) return undefined;
    return {
      t: this.t,
      time: (iso) => this.formatTime(iso),
      state,
      autoUploadLogs: follow.autoUploadLogs,
      logErrors: this.logErrors,
      answer: (item, request) => void this.answerLogs(item, request),
      markSeen: (item) => follow.markSeen(item.key),
      describedBy,
    };
  }

  private async answerLogs(item: Followed, request: LogRequest): Promise<void> {
    const follow = this.services?.follow;
    if (!follow) return;
    const errors = new Map(this.logErrors);
    errors.delete(request.id);
    this.logErrors = errors;
    this.announcement = this.t.reportsLogsSending;
    try {
      const answered = await follow.answerLogs(item.key, request.id);
      this.announcement = fill(this.t.reportsLogsSent, { time: this.formatTime(answered.at), entries: answered.entries });
    } catch (error) {
      this.logErrors = new Map(this.logErrors).set(request.id, reason(error));
      this.announcement = fill(this.t.reportsLogsFailed, { reason: reason(error) });
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
          ${this.services?.outbox ? html`<button type="button" class="link" @click=${() => this.refreshAll()}>${s.reportsRefresh}</button>` : nothing}
        </header>
        ${this.renderBody(s)} ${this.renderJoined(s)}
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
      ${delivery.state === 'sent' ? this.renderSupport(followKey('ticket', delivery.result.id), summaryId) : nothing}
    </li>`;
  }

  protected renderSupport(key: string, describedBy: string): TemplateResult | typeof nothing {
    const scope = this.supportScope(describedBy);
    return scope ? supportBlock(scope, scope.state.items.get(key)) : nothing;
  }

  /** The known issues the agent joined ("I'm affected too"), followed like reports. */
  protected renderJoined(s: Strings): TemplateResult | typeof nothing {
    const joins = this.followState?.joins ?? [];
    if (!joins.length) return nothing;
    return html`<h3 class="joined-title" id="joined-title">${s.reportsJoinedTitle}</h3>
      <ul part="list joined" aria-labelledby="joined-title">
        ${joins.map((join) => {
          const key = followKey('incident', join.incidentId);
          const view = this.followState?.items.get(key)?.view;
          const titleId = `joined-${join.incidentId}`;
          return html`<li part="item" data-kind="incident" data-id=${join.incidentId}>
            <div class="top"><h4 class="summary" id=${titleId}>${view?.title ?? join.title}</h4></div>
            <div class="meta">
              <time datetime=${join.joinedAt}>${fill(s.reportsStoredAt, { time: this.formatTime(join.joinedAt) })}</time>
              ${view?.joinedAgents !== undefined ? html` · ${fill(s.reportsJoinedAgents, { count: view.joinedAgents })}` : nothing}
            </div>
            ${view?.workaround ? html`<p class="detail">${fill(s.reportsWorkaround, { workaround: view.workaround })}</p>` : nothing} ${this.renderSupport(key, titleId)}
          </li>`;
        })}
      </ul>`;
  }

  private async refreshAll(): Promise<void> {
    await Promise.all([this.refresh(), this.services?.follow?.refresh()]);
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
