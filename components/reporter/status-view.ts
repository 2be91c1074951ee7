/**
 * Where the submitted report is (read from its outbox entry and nothing else), the footer with
 * the form's problems and Send, the view after sending, and the question before closing over a
 * started report.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FieldIssue } from '../../src/ticket.js';
import { submissionStatus } from '../../src/delivery-status.js';
import { fill } from '../../src/format.js';
import type { Strings } from '../../src/strings.js';
import type { Delivery } from './delivery-controller.js';

/** The status line in words: what submissionStatus() says, from the catalog. */
export function statusWords(t: Strings, delivery: Delivery | undefined): { tone: string; words: string } {
  if (!delivery) return { tone: '', words: '' };
  const { tone, key, values, failure } = submissionStatus(delivery);
  return { tone, words: failure ?? fill(t[key!], values ?? {}) };
}

export function deliveryStatus(t: Strings, delivery: Delivery, download: () => void): TemplateResult {
  const { entry } = delivery;
  const d = entry?.delivery;
  const { tone, words } = statusWords(t, delivery);
  const related = d?.state === 'sent' ? d.result.related : undefined;
  return html`<div part="status" class=${'status ' + tone}>
    <p>${words}</p>
    ${tone === 'failed' ? (entry ? html`<p>${t.statusFailedHelp}</p>` : html`<button type="button" @click=${download}>${t.download}</button>`) : nothing}
    ${d?.state === 'sending' ? html`<progress part="progress" aria-label=${t.statusSending} max=${d.total || 1} value=${d.loaded}></progress>` : nothing}
    ${related && related.reports > 0 ? html`<p>${fill(t.related, { reports: related.reports, agents: related.agents, minutes: related.minutes })}</p>` : nothing}
  </div>`;
}

export interface FooterScope {
  t: Strings;
  issues: readonly FieldIssue[];
  delivery?: Delivery;
  busy: boolean;
  liveSeverity: unknown;
  focusIssue(path: string): void;
  download(): void;
}

export function submitFooter({ t, issues, delivery, busy, liveSeverity, focusIssue, download }: FooterScope): TemplateResult {
  return html`<footer part="footer">
    ${issues.length
      ? html`<div part="errors" class="errors" role="alert" tabindex="-1">
          <p>${fill(t.errorSummary, { n: issues.length })}</p>
          <ul>${issues.map((i) => html`<li><button type="button" class="link" @click=${() => focusIssue(i.path)}>${i.message}</button></li>`)}</ul>
        </div>`
      : nothing}
    ${delivery ? deliveryStatus(t, delivery, download) : nothing}
    <div class="send">
      ${liveSeverity}
      <button part="submit" class="primary" type="submit" aria-disabled=${busy}>${t.send}</button>
    </div>
  </footer>`;
}

export interface StatusScope {
  t: Strings;
  delivery?: Delivery;
  download(): void;
  fixAndResend(): void;
  newReport(): void;
  close(): void;
}

/** "New report" comes before the actions that come and go, so focus put on it stays when the state changes. */
export function statusView({ t, delivery, download, fixAndResend, newReport, close }: StatusScope): TemplateResult {
  const d = delivery?.entry?.delivery;
  return html`<div part="body" class="result">
    ${delivery ? deliveryStatus(t, delivery, download) : nothing}
    <div part="actions" class="actions">
      ${d?.state === 'failed' ? html`<button type="button" class="primary" @click=${fixAndResend}>${t.fixAndResend}</button>` : nothing}
      <button type="button" @click=${newReport}>${t.newReport}</button>
      ${d?.state !== 'sent' ? html`<button type="button" @click=${download}>${t.download}</button>` : nothing}
      <button type="button" @click=${close}>${t.close}</button>
    </div>
  </div>`;
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
