/**
 * Where the submitted report is (read from its outbox entry and nothing else), the footer with
 * the form's problems and Send, the view after sending, and the question before closing over a
 * started report.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FieldIssue } from '../../src/ticket.js';
import type { RelatedReports } from '../../src/delivery.js';
import { submissionStatus } from '../../src/delivery-status.js';
import { fill, formatDateTime, formatDuration, plural, relativeTime } from '../../src/format.js';
import type { Strings } from '../../src/strings.js';
import type { Delivery } from './delivery-controller.js';

/** The status line in words: what submissionStatus() says, from the catalog. */
export function statusWords(t: Strings, delivery: Delivery | undefined): { tone: string; words: string } {
  if (!delivery) return { tone: '', words: '' };
  const { tone, key, values, failure } = submissionStatus(delivery);
  return { tone, words: failure ?? fill(t[key!], values ?? {}) };
}

/**
 * What support already holds of the same kind. The service leaves the sender's own reports out
 * when it can tell them (otherReports), so an agent is never told about themselves as another agent.
 */
export function relatedWords(t: Strings, locale: string, related: RelatedReports | undefined): string | undefined {
  if (!related) return undefined;
  const others = related.otherReports !== undefined;
  const reports = others ? related.otherReports! : related.reports;
  if (!reports) return undefined;
  return fill(t.related, {
    reports: plural(t.relatedReports, reports, locale),
    agents: plural(others ? t.relatedOthers : t.relatedAgents, (others ? related.otherAgents : related.agents) ?? 0, locale),
    window: plural(t.relatedWindow, related.minutes, locale),
  });
}

export function deliveryStatus(t: Strings, locale: string, delivery: Delivery, download: () => void): TemplateResult {
  const { entry } = delivery;
  const d = entry?.delivery;
  const { tone, words } = statusWords(t, delivery);
  const related = relatedWords(t, locale, d?.state === 'sent' ? d.result.related : undefined);
  return html`<div part="status" class=${'status ' + tone}>
    <p>${words}</p>
    ${tone === 'failed' ? (entry ? html`<p>${t.statusFailedHelp}</p>` : html`<button type="button" @click=${download}>${t.download}</button>`) : nothing}
    ${d?.state === 'sending' ? html`<progress part="progress" aria-label=${t.statusSending} max=${d.total || 1} value=${d.loaded}></progress>` : nothing}
    ${d?.state === 'queued' && d.nextAttemptAt !== undefined ? html`<p>${fill(t.statusNextAttempt, { relative: relativeTime(d.nextAttemptAt - Date.now(), locale) })}</p>` : nothing}
    ${related ? html`<p>${related}</p>` : nothing}
  </div>`;
}

export interface FooterScope {
  t: Strings;
  locale: string;
  issues: readonly FieldIssue[];
  delivery?: Delivery;
  busy: boolean;
  liveSeverity: unknown;
  focusIssue(path: string): void;
  download(): void;
}

export function submitFooter({ t, locale, issues, delivery, busy, liveSeverity, focusIssue, download }: FooterScope): TemplateResult {
  return html`<footer part="footer">
    ${issues.length
      ? html`<div part="errors" class="errors" role="alert" tabindex="-1">
          <p>${plural(t.errorSummary, issues.length, locale)}</p>
          <ul>${issues.map((i) => html`<li><button type="button" class="link" @click=${() => focusIssue(i.path)}>${i.message}</button></li>`)}</ul>
        </div>`
      : nothing}
    ${delivery ? deliveryStatus(t, locale, delivery, download) : nothing}
    <div class="send">
      ${liveSeverity}
      <button part="submit" class="primary" type="submit" aria-disabled=${busy}>${t.send}</button>
    </div>
  </footer>`;
}

export interface StatusScope {
  t: Strings;
  locale: string;
  timeZone: string;
  delivery?: Delivery;
  copy(reference: string): void;
  download(): void;
  fixAndResend(): void;
  newReport(): void;
  close(): void;
}

/** "New report" comes before the actions that come and go, so focus put on it stays when the state changes. */
export function statusView(scope: StatusScope): TemplateResult {
  const { t, delivery, download, fixAndResend, newReport, close } = scope;
  const d = delivery?.entry?.delivery;
  return html`<div part="body" class="result">
    ${delivery ? deliveryStatus(t, scope.locale, delivery, download) : nothing}
    ${delivery ? recap(scope, delivery) : nothing}
    <div part="actions" class="actions">
      ${d?.state === 'failed' ? html`<button type="button" class="primary" @click=${fixAndResend}>${t.fixAndResend}</button>` : nothing}
      <button type="button" @click=${newReport}>${t.newReport}</button>
      ${d?.state === 'sent' ? html`<button type="button" @click=${() => scope.copy(d.result.reference)}>${t.copyReference}</button>` : nothing}
      ${d?.state !== 'sent' ? html`<button type="button" @click=${download}>${t.download}</button>` : nothing}
      <button type="button" @click=${close}>${t.close}</button>
    </div>
  </div>`;
}

/** What was reported, in sight after Send: the severity and when support's first answer is due. */
function recap({ t, locale, timeZone }: StatusScope, { ticket }: Delivery): TemplateResult {
  const level = ticket.severity.chosen as 1 | 2 | 3 | 4;
  const due = ticket.sla?.responseDueAt;
  return html`<dl part="recap" class="recap">
    <dt>${t.sectionSeverity}</dt>
    <dd>${fill(t.levelOption, { level, name: t[`sev${level}`] })}</dd>
    ${due
      ? html`<dt>${t.recapDue}</dt>
          <dd>${formatDateTime(new Date(due), locale, timeZone)} (${fill(t.in, { duration: formatDuration(Date.parse(due) - Date.now(), locale) })})</dd>`
      : nothing}
  </dl>`;
}

export function confirmView(t: Strings, actions: { keep(): void; discard(): void; back(): void }): TemplateResult {
  return html`<div part="body confirm" class="confirm" role="alertdialog" aria-labelledby="c-title" aria-describedby="c-text">
    <h3 id="c-title">${t.confirmTitle}</h3>
    <p id="c-text">${t.confirmText}</p>
    <div part="actions" class="actions">
      <button type="button" class="primary" @click=${actions.keep}>${t.keepDraft}</button>
      <button type="button" class="danger" @click=${actions.discard}>${t.discardDraft}</button>
      <button type="button" @click=${actions.back}>${t.backToReport}</button>
    </div>
  </div>`;
}
