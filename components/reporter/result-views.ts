/**
 * The views that replace the form, which its first view does not need: after Send (where the
 * report is, what support already holds, a recap, the reference to copy) and the question
 * before closing over a started report. Loaded once the form is open (./views.ts).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { RelatedReports } from '../../src/delivery.js';
import { fill, formatDateTime, formatDuration, plural } from '../../src/format.js';
import type { Strings } from '../../src/strings.js';
import type { Delivery } from './delivery-controller.js';

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

export interface StatusScope {
  t: Strings;
  locale: string;
  timeZone: string;
  delivery?: Delivery;
  /** Where the report is (./status-view.ts deliveryStatus), drawn by the element. */
  status: unknown;
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
    ${scope.status}
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
