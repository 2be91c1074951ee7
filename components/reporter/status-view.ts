/**
 * Where the submitted report is (read from its outbox entry and nothing else), and the footer
 * with the form's problems and Send. The views that replace the form come later (./result-views.ts).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FieldIssue } from '../../src/ticket.js';
import { submissionStatus } from '../../src/delivery-status.js';
import { fill, plural, relativeTime } from '../../src/format.js';
import type { Strings } from '../../src/strings.js';
import type { Delivery } from './delivery-controller.js';

/** The status line in words: what submissionStatus() says, from the catalog. */
export function statusWords(t: Strings, delivery: Delivery | undefined): { tone: string; words: string } {
  if (!delivery) return { tone: '', words: '' };
  const { tone, key, values, failure } = submissionStatus(delivery);
  return { tone, words: failure ?? fill(t[key!], values ?? {}) };
}

/** `related`: what support already holds of the same kind, in words (after Send). */
export function deliveryStatus(t: Strings, locale: string, delivery: Delivery, download: () => void, related?: string): TemplateResult {
  const { entry } = delivery;
  const d = entry?.delivery;
  const { tone, words } = statusWords(t, delivery);
  return html`<div part="status" class=${'status ' + tone}>
    <p>${words}</p>
    ${tone === 'failed' ? (entry ? html`<p>${t.statusFailedHelp}</p>` : html`<button type="button" @click=${download}>${t.download}</button>`) : nothing}
    ${d?.state === 'sending' ? html`<progress part="progress" aria-label=${t.statusSending} max=${d.total || 1} value=${d.loaded}></progress>` : nothing}
    ${related ? html`<p>${related}</p>` : nothing}
    ${d?.state === 'queued' && d.nextAttemptAt !== undefined ? html`<p>${fill(t.statusNextAttempt, { relative: relativeTime(d.nextAttemptAt - Date.now(), locale) })}</p>` : nothing}
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

