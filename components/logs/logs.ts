/**
 * `<triage-logs>`: one "Attach logs" button. It collects every log source for the incident window
 * (from the report's occurredAt minus a margin to now, or a window an administrator picks),
 * redacts secrets, gzips NDJSON, and shows a summary and a text preview; only when the agent
 * confirms does the file go to the report through `evidenceContext`. Without a report around it
 * (an administrator's page) the same confirmation downloads the file instead.
 *
 * The collector and redaction load on the first click, not with the element.
 */
import { html, nothing, type TemplateResult } from 'lit';
// The reporter's own helpers: they ship in the severity core's chunk, which the reporter has loaded.
import { fill, formatBytes, instantFromLocalInput, intl, toLocalInput } from '../../src/format.js';
import type { CollectedLogs } from '../../src/logs/collect.js';
import type { Strings } from '../../src/strings.js';
import { logsEn } from '../../src/strings/logs.js';
import { EvidenceTool } from '../shared/evidence-tool.js';
import { base } from '../shared/base.styles.js';
import { logsStyles } from './logs.styles.js';

/** How long a download's object URL lives: long enough for the browser to start saving it. */
const DOWNLOAD_URL_LIFETIME_MS = 60_000;

type Phase = { name: 'idle' } | { name: 'collecting' } | { name: 'ready'; logs: CollectedLogs } | { name: 'failed'; message: string };

/**
 * @csspart base - the whole tool
 * @csspart window - the period picker (with `pick-window`)
 * @csspart summary - what was collected
 * @csspart preview - the newest redacted lines, as text
 * @csspart actions - the buttons
 * @cssprop --triage-logs-preview-height - the preview's height before it scrolls (default 12rem)
 * @cssprop --triage-mono - the preview's font family
 * @cssprop --triage-accent - accent colour: primary buttons, focus ring, links
 * @cssprop --triage-bg - background
 * @cssprop --triage-fg - text colour
 * @cssprop --triage-muted - secondary text
 * @cssprop --triage-border - borders and dividers
 * @cssprop --triage-radius - corner radius
 * @cssprop --triage-font - font family
 */
export class TriageLogs extends EvidenceTool {
  static override styles = [base, logsStyles];

  static override strings = logsEn;
  // Declared without decorators: this file then carries no decorator helper of its own.
  static override properties = {
    from: {},
    to: {},
    marginMinutes: { type: Number, attribute: 'margin-minutes' },
    pickWindow: { type: Boolean, attribute: 'pick-window' },
    redactEmails: { type: Boolean, attribute: 'redact-emails' },
    redactPhones: { type: Boolean, attribute: 'redact-phones' },
    phase: { state: true },
  };

  /** Start of an explicit window (ISO 8601); wins over the report's occurredAt. */
  from?: string;
  /** End of an explicit window (ISO 8601); now when absent. */
  to?: string;
  /** Minutes before occurredAt the window starts. */
  marginMinutes = 15;
  /** Shows From/To fields, for an administrator collecting a period they choose. */
  pickWindow = false;
  /** Also removes e-mail addresses / phone numbers. */
  redactEmails = false;
  redactPhones = false;

  private phase: Phase = { name: 'idle' };

  /** The window the button will collect, as the agent reads it. */
  private window(): { from: Date; to: Date } {
    const to = this.to ? new Date(this.to) : new Date();
    const from = this.from ? new Date(this.from) : new Date((this.evidence?.occurredAt ?? to).getTime() - this.marginMinutes * 60_000);
    return { from, to };
  }

  private time(value: Date | string): string {
    try {
      return intl(Intl.DateTimeFormat, this.ctx.locale, { dateStyle: 'short', timeStyle: 'medium', timeZone: this.ctx.timeZone }).format(new Date(value));
    } catch {
      return new Date(value).toISOString();
    }
  }

  protected override render(): TemplateResult {
    const t = this.t;
    const { from, to } = this.window();
    return html`<section part="base" aria-labelledby="logs-title">
      <h3 id="logs-title">${t.logsTitle}</h3>
      <p class="muted">${fill(t.logsIntro, { from: this.time(from), to: this.time(to) })}</p>
      ${this.pickWindow ? this.renderWindow(t) : nothing} ${this.renderBody(t)}
      ${this.renderAnnouncement()}
    </section>`;
  }

  protected renderWindow(t: Strings): TemplateResult {
    const { from, to } = this.window();
    const zone = this.ctx.timeZone;
    const set = (which: 'from' | 'to') => (event: Event) => {
      const value = instantFromLocalInput((event.target as HTMLInputElement).value, zone);
      // Kept in UTC, as the attribute is usually written.
      if (value) this[which] = new Date(value).toISOString();
    };
    return html`<fieldset part="window">
      <legend>${t.logsWindowLegend}</legend>
      <label>${t.logsWindowFrom}<input type="datetime-local" name="from" .value=${toLocalInput(from, zone)} @change=${set('from')} /></label>
      <label>${t.logsWindowTo}<input type="datetime-local" name="to" .value=${toLocalInput(to, zone)} @change=${set('to')} /></label>
    </fieldset>`;
  }

  protected renderBody(t: Strings): TemplateResult {
    const phase = this.phase;
    if (phase.name === 'ready') {
      return html`${this.renderSummary(phase.logs, t)}
        ${phase.logs.preview.length
          ? html`<pre part="preview" tabindex="0" role="region" aria-label=${t.logsPreviewLabel}>${phase.logs.preview.join('\n')}</pre>`
          : nothing}
        <div part="actions">
          <button type="button" class="primary" @click=${() => this.confirm(phase.logs)}>${this.evidence ? t.logsConfirm : t.logsDownload}</button>
          <button type="button" @click=${() => this.discard()}>${t.logsCancel}</button>
        </div>`;
    }
    const busy = phase.name === 'collecting';
    return html`${phase.name === 'failed' ? html`<p class="error" role="alert">${phase.message}</p>` : nothing}
      <div part="actions">
        <button type="button" class="primary" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'} @click=${() => this.collect()}>
          ${busy ? t.logsCollecting : t.logsAttach}
        </button>
      </div>`;
  }

  protected renderSummary({ summary }: CollectedLogs, t: Strings): TemplateResult {
    const number = (n: number) => intl(Intl.NumberFormat, this.ctx.locale).format(n);
    return html`<ul part="summary">
      <li>${fill(t.logsSummaryEntries, { entries: number(summary.entries), errors: number(summary.errors) })}</li>
      <li>${summary.first && summary.last ? fill(t.logsSummarySpan, { first: this.time(summary.first), last: this.time(summary.last) }) : t.logsSummaryEmpty}</li>
      <li>${fill(t.logsSummarySize, { size: formatBytes(summary.bytes, this.ctx.locale) })}</li>
      <li>${fill(t.logsSummaryRedacted, { count: number(summary.redacted) })}</li>
      ${summary.sources.length ? html`<li>${fill(t.logsSummarySources, { sources: summary.sources.join(', ') })}</li>` : nothing}
      ${summary.failedSources.map((failed) => html`<li class="error">${fill(t.logsSummaryFailedSource, failed)}</li>`)}
    </ul>`;
  }

  /** Collects the window's logs and shows them; nothing is attached yet. */
  async collect(): Promise<void> {
    if (this.phase.name === 'collecting') return;
    this.phase = { name: 'collecting' };
    this.announcement = this.t.logsCollecting;
    try {
      const { collectLogs } = await import('../../src/logs/collect.js');
      const logs = await collectLogs({
        from: this.from,
        to: this.to,
        occurredAt: this.evidence?.occurredAt,
        marginMinutes: this.marginMinutes,
        redaction: { emails: this.redactEmails, phones: this.redactPhones },
      });
      this.phase = { name: 'ready', logs };
      this.announcement = fill(this.t.logsSummaryEntries, { entries: logs.summary.entries, errors: logs.summary.errors });
    } catch (error) {
      this.phase = { name: 'failed', message: fill(this.t.logsFailed, { reason: error instanceof Error ? error.message : String(error) }) };
    }
  }

  private confirm({ file, summary }: CollectedLogs): void {
    const t = this.t;
    if (!this.evidence) {
      this.download(file);
      this.announcement = fill(t.logsDownloaded, { entries: summary.entries });
      this.phase = { name: 'idle' };
      return;
    }
    const { from, to, entries, errors, redacted, sources } = summary;
    const refusal = this.evidence.add(file, 'logs', { logs: { from, to, entries, errors, redacted, sources } });
    if (refusal) {
      this.phase = { name: 'failed', message: fill(t.logsRefused, { reason: refusal }) };
      return;
    }
    this.announcement = fill(t.logsAttached, { entries: summary.entries });
    this.phase = { name: 'idle' };
  }

  private discard(): void {
    this.phase = { name: 'idle' };
    this.announcement = '';
  }

  // Not components/shared/download.js: sharing it would split the reporter's chunk that holds it.
  private download(file: File): void {
    const url = URL.createObjectURL(file);
    const link = document.createElement('a');
    link.href = url;
    link.download = file.name;
    this.renderRoot.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS);
  }
}
