import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { agentContext, configContext, servicesContext } from '../../src/context.js';
import type { AgentContext, TriageConfig, TriageServices } from '../../src/context.js';
import type { AttachmentBytes, OutboxEntry, RelatedReports } from '../../src/delivery.js';
import type { TriageEditEvent } from '../reports/events.js';
import type { AttachmentMeta, FieldIssue, Ticket } from '../../src/ticket.js';
import { CATEGORIES, LEVELS, resolveCalendar, responseDueAt, slaFor, type Level } from '../../src/severity.js';
import { en, type Strings } from '../../src/strings.js';
import { browserAgentContext, defaultConfig } from '../../src/defaults.js';
import { composeTicket, formFromTicket, newForm, suggestionFor, type RecordKey, type ReportForm, type ReporterKey } from '../../src/compose.js';
import { clearDraft, hasContent, loadDraft, saveDraft } from '../../src/draft.js';
import { fill, formatBytes, formatDateTime, formatDuration, timeZones } from '../../src/format.js';
import { TriageCloseEvent, TriageFailedEvent, TriageOpenEvent, TriageQueuedEvent, TriageSentEvent, TriageSubmitEvent } from './events.js';
import { base } from '../shared/base.styles.js';
import { styles } from './reporter.styles.js';

export type AttachmentKind = 'screenshot' | 'logs' | 'file';
type Attachment = { file: File; kind: AttachmentKind };
type View = 'form' | 'confirm' | 'status' | 'reports';
type Pick = 'me' | 'several' | '30' | 'all';
/** What the status view shows: the outbox entry, or a failure that happened before the outbox had it. */
type Delivery = { ticket: Ticket; entry?: OutboxEntry; failure?: string; handedOver?: boolean };

const WHO: ReporterKey[] = ['accountId', 'login', 'profile', 'acdAgentId', 'extension'];
const WHERE: RecordKey[] = ['chatId', 'incidentId', 'incidentReference', 'queue'];
/** Form key -> the ticket path the schema reports issues under. */
const PATHS: Record<string, string> = {
  agentsAffected: 'impact.agentsAffected',
  agentsTotal: 'impact.agentsTotal',
  interactionsPercent: 'impact.interactionsAffectedPercent',
  uniqueTraits: 'impact.uniqueTraits',
  frequency: 'impact.frequency',
  frequencyNote: 'impact.frequencyNote',
  abandonRate: 'abandonment.ratePercent',
  normalAbandonRate: 'abandonment.normalRatePercent',
  overrideReason: 'severity.overrideReason',
};
const pathOf = (key: string) => PATHS[key] ?? key;
const idOf = (path: string) => 'f-' + path.replace(/\./g, '-');
const FOCUSABLE = 'button,input,select,textarea,a[href],[tabindex]:not([tabindex="-1"])';

/**
 * The report form: a modal dialog that walks the agent through the support policy's Step 1
 * questions, suggests a severity with its SLA as they type, and hands the validated ticket to
 * the outbox, reporting honestly where it is.
 *
 * Configuration, agent context and services come from a `<triage-provider>` above (context);
 * without one, set the `agent`, `config` and `services` properties, or the browser's defaults apply.
 *
 * @fires triage-open - the dialog opened
 * @fires triage-close - the dialog closed (the draft is kept)
 * @fires triage-submit - cancelable; detail {ticket, attachments}; cancel to deliver it yourself
 * @fires triage-queued - stored on this device, waiting to be sent
 * @fires triage-sent - detail {ticket, result}: the backend confirmed it
 * @fires triage-failed - detail {ticket, reason}
 * @slot evidence - more evidence tools (screenshot, logs); they call `addAttachment(file, kind)`
 * @csspart dialog, header, body, section, field, label, input, hint, error, picks, dropzone, files,
 *   severity, live-severity, sla, signals, footer, errors, submit, status, progress, actions, confirm
 * @cssprop --triage-accent, --triage-accent-fg, --triage-bg, --triage-surface, --triage-fg,
 *   --triage-muted, --triage-border, --triage-danger, --triage-ok, --triage-warn, --triage-radius,
 *   --triage-font, --triage-sev1, --triage-sev2, --triage-sev3, --triage-sev4
 * @attr theme - 'light' or 'dark'; otherwise the system's preference
 */
export class TriageReporter extends LitElement {
  static styles = [base, styles];

  @consume({ context: agentContext, subscribe: true })
  @property({ attribute: false })
  agent?: AgentContext;

  @consume({ context: configContext, subscribe: true })
  @property({ attribute: false })
  config?: TriageConfig;

  @consume({ context: servicesContext, subscribe: true })
  @property({ attribute: false })
  services?: TriageServices;

  @property({ reflect: true }) theme?: 'light' | 'dark';

  @state() protected form!: ReportForm;
  @state() protected view: View = 'form';
  @state() protected attachments: Attachment[] = [];
  @state() protected fileErrors: string[] = [];
  @state() protected errors: Record<string, string> = {};
  @state() protected issues: FieldIssue[] = [];
  @state() protected delivery?: Delivery;
  @state() protected signals?: RelatedReports;
  @state() protected busy = false;

  protected get dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog')!;
  }

  private fallbackAgent?: AgentContext;
  private fallbackConfig?: TriageConfig;
  private returnFocus?: HTMLElement;
  private saveTimer?: ReturnType<typeof setTimeout>;
  private signalsTimer?: ReturnType<typeof setTimeout>;
  private clock?: ReturnType<typeof setInterval>;
  private unwatch?: () => void;
  /** The submitted form and files, so "Fix and resend" restores them after the draft moved to the outbox. */
  private submitted?: { form: ReportForm; attachments: Attachment[] };
  private resubmitting = false;
  private changedForm = false;
  /** Attachments of a stored report being corrected: the outbox keeps their bytes. */
  @state() protected kept?: AttachmentMeta[];

  protected get ctx(): AgentContext {
    return this.agent ?? (this.fallbackAgent ??= browserAgentContext());
  }
  protected get cfg(): TriageConfig {
    return this.config ?? (this.fallbackConfig ??= defaultConfig());
  }
  protected t: Strings = en;

  /** Opens the dialog above everything else (top layer) and moves focus into it. */
  async show(): Promise<void> {
    await this.updateComplete;
    if (this.dialog.open) return;
    this.returnFocus = deepActiveElement();
    this.dialog.showModal();
    this.clock = setInterval(() => this.requestUpdate(), 30_000);
    void this.services?.outbox?.flush().catch(() => {});
    void loadValidator().catch(() => {});
    await this.updateComplete;
    this.focusFirst();
    this.dispatchEvent(new TriageOpenEvent());
  }

  /** Closes the dialog; the draft stays saved. */
  close(): void {
    this.dialog?.close();
  }

  /**
   * Adds evidence (also for the screenshot and log tools in the `evidence` slot). Returns the
   * refusal in words, or undefined when the file was added.
   */
  addAttachment(file: File, kind: AttachmentKind = 'file'): string | undefined {
    const { limits } = this.cfg;
    const locale = this.ctx.locale;
    const refusal = this.kept
      ? fill(this.t.attachStored, { names: this.kept.map((a) => a.name).join(', ') })
      : !limits.attachmentTypes.includes(file.type)
      ? fill(this.t.fileWrongType, { name: file.name })
      : file.size > limits.maxAttachmentBytes
        ? fill(this.t.fileTooBig, { name: file.name, size: formatBytes(file.size, locale), max: formatBytes(limits.maxAttachmentBytes, locale) })
        : this.attachments.length >= limits.maxAttachments
          ? fill(this.t.fileTooMany, { name: file.name, max: limits.maxAttachments })
          : undefined;
    if (refusal) this.fileErrors = [...this.fileErrors, refusal];
    else this.attachments = [...this.attachments, { file, kind }];
    return refusal;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.saveNow();
    clearInterval(this.clock);
    this.unwatch?.();
  }

  protected willUpdate(changed: PropertyValues<this>) {
    // `reasons` merges key by key, so a host can reword one reason and keep the others.
    if (changed.has('config')) this.t = { ...en, ...this.cfg.strings, reasons: { ...en.reasons, ...this.cfg.strings.reasons } };
    if (!this.form) {
      const fresh = newForm(new Date(), this.ctx.timeZone);
      this.form = loadDraft(fresh) ?? fresh;
    }
  }

  protected firstUpdated() {
    const list = this.renderRoot.querySelector('#zones');
    list?.append(...timeZones(this.ctx.timeZone).map((zone) => new Option(zone)));
  }

  protected updated(changed: PropertyValues) {
    const before = changed.get('form') as ReportForm | undefined;
    if (!before || before === this.form) return;
    this.changedForm = true;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), 400);
    if (before.category !== this.form.category || before.records.queue !== this.form.records.queue) this.askSignals();
  }

  /**
   * Writes the draft, or removes it once the agent emptied the form. Only a form this element
   * changed is written, so a second reporter on the page (media bar and desk) never overwrites
   * the other's newer draft with its stale copy.
   */
  private saveNow() {
    clearTimeout(this.saveTimer);
    if (!this.changedForm || this.view === 'status') return;
    this.changedForm = false;
    if (hasContent(this.form)) saveDraft(this.form);
    else clearDraft();
  }

  private askSignals() {
    clearTimeout(this.signalsTimer);
    const signals = this.services?.signals;
    const category = this.form.category;
    if (this.signals) this.signals = undefined;
    if (!signals || !category) return;
    const queue = this.form.records.queue ?? this.ctx.records.queue;
    this.signalsTimer = setTimeout(async () => {
      try {
        const found = await signals.recent({ category, queue: queue || undefined, minutes: 60 });
        if (this.form.category === category) this.signals = found;
      } catch {
        // Correlation is a hint; without it the agent's own numbers decide.
      }
    }, 300);
  }

  private update_(patch: Partial<ReportForm>) {
    this.form = { ...this.form, ...patch };
  }

  /** One listener for every control: its `name` is the form key ('summary', 'reporter.login'). */
  private onInput = (event: Event) => {
    const target = event.target as HTMLInputElement;
    const [key, sub] = target.name.split('.') as [keyof ReportForm, string?];
    if (!key || key === ('files' as string)) return;
    const value = target.type === 'checkbox' ? target.checked : target.value;
    if (sub) this.update_({ [key]: { ...(this.form[key] as object), [sub]: value } });
    else this.update_({ [key]: key === 'chosenLevel' ? Number(value) : value });
    const path = pathOf(target.name);
    if (this.errors[path]) {
      const { [path]: _, ...rest } = this.errors;
      this.errors = rest;
    }
  };

  /** What a quick pick sets agents affected to; NaN when it needs the team size first. */
  private pickValue(which: Pick) {
    const total = Number(this.form.agentsTotal) || NaN;
    return { me: 1, several: 2, '30': Math.ceil(total * 0.3), all: total }[which];
  }

  private pick(which: Pick) {
    const value = this.pickValue(which);
    if (value) return this.update_({ agentsAffected: String(value) });
    this.errors = { ...this.errors, 'impact.agentsTotal': this.t.pickNeedsTotal };
    this.focusField('impact.agentsTotal');
  }

  private onFiles(files: FileList | null | undefined) {
    this.fileErrors = [];
    for (const file of files ?? []) this.addAttachment(file);
  }

  private focusFirst() {
    // The form starts at its first field; the other views at their first action, not the header.
    const first = this.dialog.querySelector<HTMLElement>(this.view === 'form' ? 'input,select,textarea' : '[part~=body] button');
    first?.focus();
  }

  private focusField(path: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#' + idOf(path))?.focus());
  }

  /** Keeps Tab inside the dialog, including past the last control (the browser would leave for its own UI). */
  private onKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Tab') return;
    const items = [...this.dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => !(el as HTMLInputElement).disabled && el.getClientRects().length > 0,
    );
    const active = this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null;
    const edge = event.shiftKey ? items[0] : items[items.length - 1];
    if (active === edge || !active) {
      event.preventDefault();
      (event.shiftKey ? items[items.length - 1] : items[0])?.focus();
    }
  };

  /** Escape: ask before closing over a started report; closing itself never loses it. */
  private onCancel = (event: Event) => {
    if (this.view === 'confirm') {
      event.preventDefault();
      this.view = 'form';
    } else if (this.view === 'form' && hasContent(this.form)) {
      event.preventDefault();
      this.view = 'confirm';
      void this.updateComplete.then(() => this.focusFirst());
    }
  };

  private onClose = () => {
    this.saveNow();
    clearInterval(this.clock);
    if (this.view === 'confirm' || this.view === 'reports') this.view = 'form';
    this.dispatchEvent(new TriageCloseEvent());
    this.returnFocus?.focus();
  };

  private discard() {
    clearDraft();
    this.reset();
    this.close();
  }

  private reset() {
    this.form = newForm(new Date(), this.ctx.timeZone);
    this.attachments = [];
    this.fileErrors = [];
    this.errors = {};
    this.issues = [];
    this.delivery = undefined;
    this.resubmitting = false;
    this.kept = undefined;
    this.view = 'form';
  }

  private showIssues(issues: FieldIssue[]) {
    // A missing suggested/chosen level only echoes another problem (no category, contradictory counts).
    const shown = issues.filter((i) => !/^severity\.(suggested|chosen)$/.test(i.path) || issues.length === 1);
    this.issues = shown;
    this.errors = Object.fromEntries(shown.map((i) => [i.path, i.message]));
    const first = shown.find((i) => this.renderRoot.querySelector('#' + idOf(i.path)));
    if (first) this.focusField(first.path);
    else void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~=errors]')?.focus());
  }

  protected async submit(event?: Event) {
    event?.preventDefault();
    if (this.busy) return;
    const meta = this.kept ?? this.attachments.map(({ file, kind }) => ({ name: file.name, type: file.type, size: file.size, kind }));
    const draft = composeTicket(this.form, this.ctx, this.cfg, new Date(), meta, { userAgent: navigator.userAgent, url: location.href });
    let validateTicket;
    try {
      ({ validateTicket } = await loadValidator());
    } catch {
      return this.fail(draft as Ticket, this.t.loadFailed);
    }
    const result = validateTicket(draft);
    if (!result.ok) return this.showIssues(result.issues);
    this.errors = {};
    this.issues = [];
    const ticket = result.ticket;
    const bytes: AttachmentBytes[] = this.attachments.map(({ file }) => ({ name: file.name, type: file.type, blob: file }));
    if (!this.dispatchEvent(new TriageSubmitEvent({ ticket, attachments: bytes }))) {
      this.delivery = { ticket, handedOver: true };
      return;
    }
    const outbox = this.services?.outbox;
    if (!outbox) return this.fail(ticket, this.t.statusNoOutbox);
    this.busy = true;
    try {
      const entry = await (this.resubmitting ? outbox.resubmit(ticket, this.kept ? undefined : bytes) : outbox.submit(ticket, bytes));
      // Stored: the outbox entry is now the source of truth; the next report starts fresh.
      this.submitted = { form: this.form, attachments: this.attachments };
      clearDraft();
      this.reset();
      this.delivery = { ticket, entry };
      this.view = 'status';
      this.watch(outbox.watch.bind(outbox), entry);
    } catch (error) {
      this.fail(ticket, (error as Error).message);
    } finally {
      this.busy = false;
    }
    await this.updateComplete;
    this.focusFirst();
  }

  private fail(ticket: Ticket, reason: string) {
    this.delivery = { ticket, failure: reason };
    this.dispatchEvent(new TriageFailedEvent({ ticket, reason }));
  }

  private watch(watch: NonNullable<TriageServices['outbox']>['watch'], first: OutboxEntry) {
    this.unwatch?.();
    let last = '';
    this.unwatch = watch(first.id, (entry) => {
      if (this.delivery?.ticket.id !== entry.id) return;
      this.delivery = { ...this.delivery, entry };
      const d = entry.delivery;
      if (d.state === last) return;
      last = d.state;
      const ticket = entry.ticket;
      if (d.state === 'queued') this.dispatchEvent(new TriageQueuedEvent({ ticket }));
      if (d.state === 'sent') this.dispatchEvent(new TriageSentEvent({ ticket, result: d.result }));
      if (d.state === 'failed') this.dispatchEvent(new TriageFailedEvent({ ticket, reason: d.reason }));
    });
  }

  /** Brings the submitted report back into the form, with the server's field problems beside the fields. */
  private fixAndResend() {
    const entry = this.delivery?.entry;
    if (this.submitted && entry) this.correct(entry, this.submitted.form, this.submitted.attachments);
  }

  /** "Fix and resend" in My reports: the stored ticket comes back into the form, its files stay in the outbox. */
  private onEdit = (event: TriageEditEvent) => {
    const { ticket, entry } = event.detail;
    this.correct(entry, formFromTicket(ticket), [], ticket.attachments);
  };

  private correct(entry: OutboxEntry, form: ReportForm, attachments: Attachment[], kept?: AttachmentMeta[]) {
    this.form = form;
    this.attachments = attachments;
    this.kept = kept?.length ? kept : undefined;
    this.resubmitting = true;
    this.view = 'form';
    this.delivery = undefined;
    const fields = entry.delivery.state === 'failed' ? entry.delivery.fields : undefined;
    if (fields?.length) this.showIssues(fields);
    else this.focusField('summary');
  }

  private async download() {
    const entry = this.delivery?.entry;
    const blob = entry
      ? await this.services!.outbox!.exportEntry(entry.id)
      : new Blob([JSON.stringify({ ticket: this.delivery?.ticket }, null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `report-${(entry?.id ?? this.delivery?.ticket.id ?? 'draft').slice(0, 8)}.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  private async openReports() {
    try {
      await import('../reports/define.js');
      this.view = 'reports';
    } catch {
      // Could not load "My reports" (offline): stay on the form, the draft untouched.
    }
  }

  // ---------------------------------------------------------------- rendering

  protected render() {
    const t = this.t;
    return html`<dialog part="dialog" aria-labelledby="title" @cancel=${this.onCancel} @close=${this.onClose} @keydown=${this.onKeydown}>
      <header part="header">
        <h2 id="title">${t.title}</h2>
        <button type="button" class="link" @click=${this.openReports}>${t.myReports}</button>
        <button type="button" class="x" aria-label=${t.close} @click=${this.close}>✕</button>
      </header>
      ${this.view === 'confirm'
        ? this.renderConfirm()
        : this.view === 'status'
          ? this.renderStatus()
          : this.view === 'reports'
            ? html`<div part="body" class="result">
                <triage-reports @triage-edit=${this.onEdit}></triage-reports>
                <div part="actions" class="actions"><button type="button" @click=${() => (this.view = 'form')}>${t.backToReport}</button></div>
              </div>`
            : html`<form part="body" novalidate @input=${this.onInput} @change=${this.onInput} @submit=${this.submit}>
                <p class="muted">${t.intro}</p>
                ${this.renderWhat()} ${this.renderImpact()} ${this.renderWhen()} ${this.renderWho()} ${this.renderEvidence()}
                ${this.renderSeverity()} ${this.renderSubmit()}
              </form>`}
      <p class="sr" role="status">${this.deliveryState()[1]}</p>
    </dialog>`;
  }

  private section(title: string, id: string, body: unknown, hint?: string) {
    return html`<section part="section" aria-labelledby=${id}>
      <h3 id=${id}>${title}</h3>
      ${hint ? html`<p class="muted">${hint}</p>` : nothing}
      <div class="grid">${body}</div>
    </section>`;
  }

  /** A labelled control with its hint and error wired through aria-describedby. */
  private field(
    name: string,
    label: string,
    control: (id: string, describedBy: string | typeof nothing, invalid: 'true' | typeof nothing) => TemplateResult,
    options: { hint?: string; wide?: boolean; required?: boolean; extra?: unknown } = {},
  ) {
    const path = pathOf(name);
    const id = idOf(path);
    const error = this.errors[path];
    const described = [options.hint && 'h-' + id, error && 'e-' + id].filter(Boolean).join(' ');
    return html`<div part="field" class=${options.wide ? 'field wide' : 'field'}>
      <label part="label" for=${id}>${label}${options.required ? html`<span aria-hidden="true" class="req"> ${this.t.required}</span>` : nothing}${options.extra ?? nothing}</label>
      ${control(id, described || nothing, error ? 'true' : nothing)}
      ${options.hint ? html`<small part="hint" id=${'h-' + id}>${options.hint}</small>` : nothing}
      ${error ? html`<small part="error" class="error" id=${'e-' + id}>${error}</small>` : nothing}
    </div>`;
  }

  private input(name: keyof ReportForm, label: string, options: { type?: string; hint?: string; wide?: boolean; required?: boolean; list?: string; max?: number } = {}) {
    return this.field(
      name,
      label,
      (id, describedBy, invalid) =>
        html`<input part="input" id=${id} name=${name} type=${options.type ?? 'text'} .value=${String(this.form[name])}
          list=${options.list ?? nothing} min=${options.type === 'number' ? 0 : nothing} max=${options.max ?? nothing}
          ?required=${options.required} aria-describedby=${describedBy} aria-invalid=${invalid} />`,
      options,
    );
  }

  private area(name: keyof ReportForm, label: string, hint?: string, wide = true) {
    return this.field(
      name,
      label,
      (id, describedBy, invalid) =>
        html`<textarea part="input" id=${id} name=${name} .value=${String(this.form[name])} aria-describedby=${describedBy} aria-invalid=${invalid}></textarea>`,
      { wide, hint },
    );
  }

  private select(name: keyof ReportForm, label: string, options: [string, string][], extra: { hint?: string; required?: boolean; wide?: boolean } = {}) {
    const value = String(this.form[name]);
    return this.field(
      name,
      label,
      (id, describedBy, invalid) => html`<select part="input" id=${id} name=${name} ?required=${extra.required} aria-describedby=${describedBy} aria-invalid=${invalid}>
        ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
      </select>`,
      extra,
    );
  }

  private check(name: keyof ReportForm, label: string) {
    return html`<label part="field" class="check wide"><input type="checkbox" id=${idOf(name)} name=${name} .checked=${Boolean(this.form[name])} /><span>${label}</span></label>`;
  }

  protected renderWhat() {
    const t = this.t;
    const category = this.form.category;
    return this.section(
      t.sectionWhat,
      's-what',
      html`${this.input('summary', t.summary, { required: true, wide: true, hint: t.summaryHint })}
      ${this.select('category', t.category, [['', t.categoryChoose], ...CATEGORIES.map((c): [string, string] => [c, t.categories[c].label])], {
        required: true,
        wide: true,
        hint: category ? t.categories[category].hint : undefined,
      })}
      ${this.area('observed', t.observed, undefined, false)} ${this.area('expected', t.expected, undefined, false)} ${this.area('steps', t.steps)}`,
    );
  }

  protected renderImpact() {
    const t = this.t;
    const { category, agentsAffected } = this.form;
    const picks: [Pick, string][] = [['me', t.pickMe], ['several', t.pickSeveral], ['30', t.pick30], ['all', t.pickAll]];
    return this.section(
      t.sectionImpact,
      's-impact',
      html`<div part="picks" class="wide picks" role="group" aria-labelledby="l-picks">
          <span id="l-picks" class="label">${t.agentsQuick}</span>
          ${picks.map(([which, label]) => html`<button type="button" aria-pressed=${String(this.pickValue(which)) === agentsAffected} @click=${() => this.pick(which)}>${label}</button>`)}
        </div>
        ${this.input('agentsAffected', t.agentsAffected, { type: 'number' })} ${this.input('agentsTotal', t.agentsTotal, { type: 'number' })}
        ${this.input('interactionsPercent', t.interactionsPercent, { type: 'number', max: 100 })}
        ${this.input('uniqueTraits', t.uniqueTraits, { list: 'traits', wide: true })}
        <datalist id="traits">${t.traitSuggestions.split('|').map((s) => html`<option value=${s}></option>`)}</datalist>
        ${category === 'chat-abandonment'
          ? html`${this.input('abandonRate', t.abandonRate, { type: 'number', max: 100 })} ${this.input('normalAbandonRate', t.normalAbandonRate, { type: 'number', max: 100 })}`
          : nothing}
        ${category === 'other-defect' ? this.check('coreFunction', t.coreFunction) : nothing} ${this.check('workaround', t.workaround)}
        ${this.check('platformChange', t.platformChange)}`,
    );
  }

  protected renderWhen() {
    const t = this.t;
    return this.section(
      t.sectionWhen,
      's-when',
      html`${this.input('occurredAt', t.occurredAt, { type: 'datetime-local', required: true })}
        ${this.input('timeZone', t.timeZone, { list: 'zones', required: true })}
        <datalist id="zones"></datalist>
        ${this.check('stillHappening', t.stillHappening)}
        ${this.select('frequency', t.frequency, [['', '—'], ['once', t.frequencyOnce], ['intermittent', t.frequencyIntermittent], ['constant', t.frequencyConstant]])}
        ${this.input('frequencyNote', t.frequencyNote)}`,
    );
  }

  private identifier(group: 'reporter' | 'records', key: ReporterKey | RecordKey) {
    const name = `${group}.${key}`;
    const edited = (this.form[group] as Record<string, string | undefined>)[key];
    const prefilled = (this.ctx[group] as Record<string, string | undefined>)[key];
    const source = this.ctx.sources[name];
    const badge = source && prefilled && (edited === undefined || edited === prefilled) ? html` <span class="source">${fill(this.t.fromSource, { source })}</span>` : undefined;
    return this.field(
      name,
      this.t[key as 'login'],
      (id, describedBy, invalid) =>
        html`<input part="input" id=${id} name=${name} .value=${edited ?? prefilled ?? ''} autocomplete="off" aria-describedby=${describedBy} aria-invalid=${invalid} />`,
      { extra: badge },
    );
  }

  protected renderWho() {
    return this.section(
      this.t.sectionWho,
      's-who',
      [...WHO.map((key) => this.identifier('reporter', key)), ...WHERE.map((key) => this.identifier('records', key))],
      this.t.whoHint,
    );
  }

  protected renderEvidence() {
    const t = this.t;
    const { limits } = this.cfg;
    const locale = this.ctx.locale;
    return this.section(
      t.sectionEvidence,
      's-evidence',
      html`${this.kept
        ? html`<p class="wide">${fill(t.attachStored, { names: this.kept.map((a) => a.name).join(', ') })}</p>`
        : html`<div part="dropzone" class="drop wide" @dragover=${(e: DragEvent) => e.preventDefault()} @drop=${(e: DragEvent) => {
          e.preventDefault();
          this.onFiles(e.dataTransfer?.files);
        }}>
          <label part="label" for="f-files">${t.attach}</label>
          <input id="f-files" name="files" type="file" multiple accept=${limits.attachmentTypes.join(',')} aria-describedby="h-files"
            @change=${(e: Event) => {
              const input = e.target as HTMLInputElement;
              this.onFiles(input.files);
              input.value = '';
            }} />
          <small id="h-files">${t.dropHere}. ${fill(t.attachLimits, { max: limits.maxAttachments, size: formatBytes(limits.maxAttachmentBytes, locale) })} ${t.attachKept}</small>
        </div>
        <div class="wide" role="alert">${this.fileErrors.map((m) => html`<p part="error" class="error">${m}</p>`)}</div>
        ${this.attachments.length
          ? html`<ul part="files" class="wide files">
              ${this.attachments.map(
                (a, i) => html`<li><span>${a.file.name}</span><small>${formatBytes(a.file.size, locale)}</small>
                  <button type="button" aria-label=${fill(t.remove, { name: a.file.name })} @click=${() => (this.attachments = this.attachments.filter((_, j) => j !== i))}>✕</button></li>`,
              )}
            </ul>`
          : nothing}`}
        <slot name="evidence" class="wide"></slot>`,
    );
  }

  protected renderSeverity() {
    const t = this.t;
    const result = suggestionFor(this.form);
    const suggested = result?.ok ? result.suggestion : undefined;
    const level = (this.form.chosenLevel || suggested?.level) as Level | undefined;
    const name = (l: Level) => t[`sev${l}`];
    const signals = this.signals;
    const raiseTo = signals ? 1 + signals.agents : 0;
    return html`<section part="section severity" aria-labelledby="s-severity">
      <h3 id="s-severity">${t.sectionSeverity}</h3>
      <div class="suggestion" aria-live="polite">
        ${suggested
          ? html`<p class=${'badge sev' + suggested.level}><strong>${fill(t.suggested, { level: suggested.level, name: name(suggested.level) })}</strong></p>
              <ul class="reasons" aria-label=${t.why}>${suggested.explanations.map(
                // The figures in the agent's locale; a reason the catalog lacks reads as the core's English.
                ({ key, values }, i) => html`<li>${t.reasons[key] ? fill(t.reasons[key], this.localNumbers(values)) : suggested.reasons[i]}</li>`,
              )}</ul>`
          : html`<p class=${result ? 'error' : 'muted'}>${result && !result.ok ? result.message : t.severityUnknown}</p>`}
      </div>
      ${signals && signals.agents > 0
        ? html`<div part="signals" class="signals"><p>${fill(t.signals, { n: signals.agents })}</p>
            ${Number(this.form.agentsAffected || 0) < raiseTo
              ? html`<button type="button" @click=${() => this.update_({ agentsAffected: String(raiseTo) })}>${fill(t.signalsRaise, { n: raiseTo })}</button>`
              : nothing}</div>`
        : nothing}
      <div class="grid">
        ${this.select('chosenLevel', t.chooseLevel, [
          ['0', fill(t.useSuggested, { level: suggested?.level ?? '–' })],
          ...LEVELS.map((l): [string, string] => [String(l), fill(t.levelOption, { level: l, name: name(l) })]),
        ])}
        ${this.form.chosenLevel && this.form.chosenLevel !== suggested?.level ? this.area('overrideReason', t.overrideReason, t.overrideHint) : nothing}
      </div>
      ${level ? this.renderSla(level) : nothing}
    </section>`;
  }

  /** The reason figures as the agent's locale writes them (27,5 in Spain), without grouping, as the core prints them. */
  private localNumbers(values: Record<string, number>) {
    const number = new Intl.NumberFormat(this.ctx.locale, { useGrouping: false });
    return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, number.format(value)]));
  }

  protected renderSla(level: Level) {
    const t = this.t;
    const { plan, calendar } = this.cfg;
    const { locale, timeZone } = this.ctx;
    const now = new Date();
    const sla = slaFor(level, plan);
    const due = responseDueAt(now, level, { plan, calendar });
    const support = resolveCalendar(calendar);
    return html`<div part="sla" class="sla">
      <p><strong>${fill(t.slaResponse, { relative: fill(t.in, { duration: formatDuration(due.getTime() - now.getTime(), locale) }) })}</strong></p>
      <p>${fill(t.slaDueLocal, { time: formatDateTime(due, locale, timeZone) })}<br />${fill(t.slaDueSupport, { time: formatDateTime(due, locale, support.timeZone) })}</p>
      <p class="muted">
        ${sla.coverage === '24x7' ? t.coverage24 : fill(t.coverageBusiness, { start: support.start, end: support.end, zone: support.timeZone })}
        ${sla.updateCadenceMinutes ? fill(t.cadence, { duration: formatDuration(sla.updateCadenceMinutes * 60_000, locale) }) : t.cadenceMaterial}
      </p>
    </div>`;
  }

  protected renderSubmit() {
    const t = this.t;
    return html`<footer part="footer">
      ${this.issues.length
        ? html`<div part="errors" class="errors" role="alert" tabindex="-1">
            <p>${fill(t.errorSummary, { n: this.issues.length })}</p>
            <ul>${this.issues.map((i) => html`<li><button type="button" class="link" @click=${() => this.focusField(i.path)}>${i.message}</button></li>`)}</ul>
          </div>`
        : nothing}
      ${this.delivery ? this.renderDelivery() : nothing}
      <div class="send">
        ${this.renderLiveSeverity()}
        <button part="submit" class="primary" type="submit" aria-disabled=${this.busy}>${t.send}</button>
      </div>
    </footer>`;
  }

  /** The suggestion again beside Send, so it stays in sight while the agent types the impact. */
  protected renderLiveSeverity() {
    const result = suggestionFor(this.form);
    if (!result?.ok) return nothing;
    const { level } = result.suggestion;
    return html`<p part="live-severity" class=${'badge sev' + level}>${fill(this.t.suggested, { level, name: this.t[`sev${level}`] })}</p>`;
  }

  /** The honest state of the last submission, read from the outbox entry and nothing else: [tone, words]. */
  protected deliveryState(): [string, string] {
    const t = this.t;
    if (!this.delivery) return ['', ''];
    const { entry, failure, handedOver } = this.delivery;
    const d = entry?.delivery;
    if (failure) return ['failed', failure];
    if (d?.state === 'queued') return ['info', d.attempts > 0 ? t.statusQueued : t.statusSaved];
    if (d?.state === 'sending') return ['info', t.statusSending];
    if (d?.state === 'sent') return ['sent', fill(t.statusSent, { reference: d.result.reference })];
    if (d?.state === 'failed') return ['failed', fill(t.statusFailed, { reason: d.reason })];
    return ['info', handedOver ? t.statusHandedOver : t.statusSaved];
  }

  protected renderDelivery() {
    const t = this.t;
    const { entry } = this.delivery!;
    const d = entry?.delivery;
    const [tone, message] = this.deliveryState();
    const related = d?.state === 'sent' ? d.result.related : undefined;
    return html`<div part="status" class=${'status ' + tone}>
      <p>${message}</p>
      ${tone === 'failed' ? (entry ? html`<p>${t.statusFailedHelp}</p>` : html`<button type="button" @click=${this.download}>${t.download}</button>`) : nothing}
      ${d?.state === 'sending'
        ? html`<progress part="progress" aria-label=${t.statusSending} max=${d.total || 1} value=${d.loaded}></progress>`
        : nothing}
      ${related && related.reports > 0 ? html`<p>${fill(t.related, { reports: related.reports, agents: related.agents, minutes: related.minutes })}</p>` : nothing}
    </div>`;
  }

  protected renderStatus() {
    const t = this.t;
    const d = this.delivery?.entry?.delivery;
    return html`<div part="body" class="result">
      ${this.renderDelivery()}
      <div part="actions" class="actions">
        ${d?.state === 'failed' ? html`<button type="button" class="primary" @click=${this.fixAndResend}>${t.fixAndResend}</button>` : nothing}
        ${d?.state !== 'sent' ? html`<button type="button" @click=${this.download}>${t.download}</button>` : nothing}
        <button type="button" @click=${() => this.reset()}>${t.newReport}</button>
        <button type="button" @click=${this.close}>${t.close}</button>
      </div>
    </div>`;
  }

  protected renderConfirm() {
    const t = this.t;
    return html`<div part="body confirm" class="confirm" role="alertdialog" aria-labelledby="c-title" aria-describedby="c-text">
      <h3 id="c-title">${t.confirmTitle}</h3>
      <p id="c-text">${t.confirmText}</p>
      <div part="actions" class="actions">
        <button type="button" class="primary" @click=${this.close}>${t.keepDraft}</button>
        <button type="button" class="danger" @click=${this.discard}>${t.discardDraft}</button>
        <button type="button" @click=${() => {
          this.view = 'form';
          this.focusField('summary');
        }}>${t.backToReport}</button>
      </div>
    </div>`;
  }
}

/**
 * The schema is a third of the reporter's weight and only needed on submit, so it loads on open,
 * beside the first paint, keeping the reporter's first load inside its budget.
 */
let validator: Promise<typeof import('../../src/ticket.js')> | undefined;
function loadValidator() {
  validator ??= import('../../src/ticket.js');
  validator.catch(() => (validator = undefined));
  return validator;
}

/** The focused element, looking through open shadow roots (the launcher's button, not the launcher). */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return (active as HTMLElement | null) ?? undefined;
}
