import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { property, state } from 'lit/decorators.js';
import type { AttachmentBytes, OutboxEntry } from '../../src/delivery.js';
import type { AttachmentMeta, FieldIssue, Ticket } from '../../src/ticket.js';
import { formFromTicket, identifiers, newForm, type ReportForm } from '../../src/compose.js';
import type { AgentContext, Records } from '../../src/context.js';
import { hasContent } from '../../src/draft.js';
import { evidenceContext, type AttachmentKind, type EvidenceDetails, type EvidenceTarget } from '../../src/evidence.js';
import { fill, formatBytes, instantFromLocalInput, plural, timeZones } from '../../src/format.js';
import { afterQuickPick, attachmentRefusal, controlIdOf, offeredWorkspace, ticketPathOf, type QuickPick } from '../../src/report-form.js';
import type { TriageEditEvent } from '../reports/events.js';
import type { TriageStatusLinkEvent } from '../status/events.js';
import { TriageElement } from '../shared/triage-element.js';
import type { Strings } from '../../src/strings.js';
import { reporterEn } from '../../src/strings/reporter.js';
import { downloadBlob } from '../shared/download.js';
import { base } from '../shared/base.styles.js';
import { styles } from './reporter.styles.js';
import { TriageCloseEvent, TriageOpenEvent } from './events.js';
import { ModalController } from './modal-controller.js';
import { DraftController } from './draft-controller.js';
import { DeliveryController } from './delivery-controller.js';
import { RelatedReports } from './related-reports.js';
import { CountdownController } from '../shared/countdown-controller.js';
import { evidenceSection, impactSection, whatSection, whenSection, whoSection, type FieldScope } from './fields.js';
import { liveSeverity, severityPanel } from './severity-panel.js';
import { deliveryStatus, statusWords, submitFooter } from './status-view.js';

export type { AttachmentKind } from '../../src/evidence.js';
type Attachment = { file: File; kind: AttachmentKind; details?: EvidenceDetails };
type View = 'form' | 'confirm' | 'status' | 'reports';

/**
 * The report form: a modal dialog that walks the agent through the support policy's Step 1
 * questions, suggests a severity with its SLA as they type, and hands the validated ticket to
 * the outbox, reporting honestly where it is.
 *
 * A report keeps the workspace it was opened on (incident, chat, queue): when the agent's
 * workspace changes while it is open, the form offers the new one and changes nothing until
 * the agent accepts.
 *
 * Configuration, agent context and services come from a `<triage-provider>` above (context);
 * without one, set the `agent`, `config` and `services` properties, or the browser's defaults apply.
 *
 * Only the Send button, or Ctrl+Enter (Cmd+Enter) anywhere in the form, sends: Enter in a
 * one-line field does not, and makes a new line in a text area.
 *
 * @fires triage-open - the dialog opened
 * @fires triage-close - the dialog closed (the draft is kept); embedded, the host closes its window on it
 * @fires triage-submit - cancelable; detail {ticket, attachments}; cancel to deliver it yourself
 * @fires triage-queued - stored on this device, waiting to be sent
 * @fires triage-sent - detail {ticket, result}: the backend confirmed it
 * @fires triage-failed - detail {ticket, reason}
 * @slot evidence - more evidence tools (screenshot, logs); they get an `EvidenceTarget` through
 *   `evidenceContext` (src/evidence.ts), or call `addAttachment(file, kind, details)`
 * @csspart dialog - the `<dialog>` (embedded: the `<section>` filling the host window)
 * @csspart header - title row with "My reports" and close
 * @csspart body - the form, or the view that replaces it
 * @csspart section - one group of questions
 * @csspart field - one question with its label, control, hint and error
 * @csspart label - a question's label
 * @csspart input - a text control
 * @csspart hint - help under a control
 * @csspart error - a field's problem, in words
 * @csspart picks - the quick picks for agents affected
 * @csspart dropzone - where files are dropped
 * @csspart files - the attached files
 * @csspart severity - the suggested severity and its reasons
 * @csspart live-severity - the suggestion beside Send
 * @csspart sla - the response due time
 * @csspart signals - other agents' reports of the same problem
 * @csspart known-incident - a known issue support confirmed for this kind of problem, with "I'm affected too"
 * @csspart footer - the sticky Send row
 * @csspart errors - the list of problems to fix before sending
 * @csspart submit - the Send button
 * @csspart status - where the report is (saved, sending, sent, failed)
 * @csspart progress - the upload progress bar
 * @csspart actions - a view's buttons
 * @csspart confirm - "keep or discard" before closing a started report
 * @cssprop --triage-accent - accent colour: primary buttons, focus ring, links
 * @cssprop --triage-accent-fg - text on the accent colour
 * @cssprop --triage-bg - background
 * @cssprop --triage-surface - raised surfaces: panels, chips, the drop zone
 * @cssprop --triage-fg - text colour
 * @cssprop --triage-muted - secondary text
 * @cssprop --triage-border - borders and dividers
 * @cssprop --triage-danger - errors and destructive actions
 * @cssprop --triage-ok - confirmed, sent
 * @cssprop --triage-warn - warnings, waiting
 * @cssprop --triage-radius - corner radius
 * @cssprop --triage-font - font family
 * @cssprop --triage-sev1 - severity 1 colour
 * @cssprop --triage-sev2 - severity 2 colour
 * @cssprop --triage-sev3 - severity 3 colour
 * @cssprop --triage-sev4 - severity 4 colour
 * @cssprop --triage-z-index - the docked sheet's stacking level over the host's page (default 1000)
 * @attr theme - 'light' or 'dark'; otherwise `config.theme`, the host page's `color-scheme`, then the system's preference
 * @attr presentation - 'modal' (default): its own `<dialog>`; 'docked': a non-modal side sheet
 *   at the window's inline end, the host's page (the live chat) usable beside it, Tab free to
 *   leave it; 'embedded': the form fills the window a host already gives it (BUI modal or side
 *   pane, a console panel), and `triage-close` is the host's cue to close that window
 * @csspart context - the offer to use the workspace the agent moved to
 * @csspart recap - after Send: the severity reported and when the first response is due
 * @slot status - a `<triage-status>` shown above the form; linking an incident there puts it in
 *   the ticket's `linkedStatusIncident`
 */
export class TriageReporter extends TriageElement {
  static override styles = [base, styles];
  // Its English reasons are the core's, read beside these once the core has loaded (severity-panel.ts).
  static override strings = reporterEn as Partial<Strings>;

  @property({ reflect: true }) presentation: 'modal' | 'docked' | 'embedded' = 'modal';

  @state() protected form!: ReportForm;
  @state() protected view: View = 'form';
  @state() protected attachments: Attachment[] = [];
  @state() protected fileErrors: string[] = [];
  @state() protected errors: Record<string, string> = {};
  @state() protected issues: FieldIssue[] = [];
  /** Attachments of a stored report being corrected: the outbox keeps their bytes. */
  @state() protected kept?: AttachmentMeta[];
  /** Hidden while an evidence tool captures the screen. */
  @state() protected capturing = false;
  /** The workspace (incident, chat, queue...) the form of this id was opened on: what the report keeps. */
  @state() protected openedOn?: { formId: string; records: Records };
  /** A workspace the agent chose not to use for this report, so it is not offered again. */
  @state() protected declined?: Records;
  /** What the last copy of the reference came to, in words. */
  @state() protected copied = '';

  protected get dialog(): HTMLElement {
    return this.renderRoot.querySelector('[part~=dialog]')!;
  }

  readonly #modal = new ModalController(this, {
    dialog: () => this.dialog,
    embedded: () => this.presentation === 'embedded',
    docked: () => this.presentation === 'docked',
    mayClose: () => this.#mayClose(),
    closed: () => this.#closed(),
  });
  readonly #draft = new DraftController(this, { form: () => this.form, paused: () => this.view === 'status' });
  readonly #delivery = new DeliveryController(this, () => this.services?.outbox);
  /**
   * Other agents' reports are asked about once the form has been shown: a reporter made ahead of
   * the click (the launcher's warm-up) with a restored draft asks nothing for an agent who never opens it.
   */
  readonly #related = new RelatedReports(this, () => {
    const { records, reporter } = this.#agent;
    const me = identifiers(reporter, this.form?.reporter ?? {}) ?? {};
    return [this.#shown ? this.services?.signals : undefined, this.form?.category, this.form?.records.queue ?? records.queue, this.form?.reporter.site ?? reporter.site, me.accountId, me.login];
  });
  #shown = false;
  /** "Next attempt in 20 seconds" counts down while the report waits. */
  protected readonly countdown = new CountdownController(this, () => {
    const d = this.#delivery.current?.entry?.delivery;
    return [d?.state === 'queued' ? d.nextAttemptAt : undefined];
  });
  /** The known-incident banner's module and its joins, once the lookup named an incident. */
  #known?: { module: typeof import('./templates/known-incident.js'); joins: import('./templates/known-incident.js').KnownIncidentJoins };
  /** The submitted form and files, so "Fix and resend" restores them after the draft moved to the outbox. */
  #submitted?: { form: ReportForm; attachments: Attachment[] };
  /** The paths the last Send refused, which the problems shown are judged on again as the agent types. */
  #watched = new Set<string>();
  /** The id of the form control the agent was last in, where "Back to the report" returns. */
  #lastField = controlIdOf('summary');
  #resubmitting = false;

  /** What the evidence tools in the `evidence` slot get through `evidenceContext`. */
  readonly #evidence: EvidenceTarget;

  constructor() {
    super();
    const reporter = this;
    this.#evidence = {
      get occurredAt() {
        const { occurredAt, timeZone } = reporter.form ?? {};
        const at = occurredAt && instantFromLocalInput(occurredAt, timeZone);
        return at ? new Date(at) : undefined;
      },
      add: (file, kind, details) => this.addAttachment(file, kind, details),
      hide: () => this.#hideForCapture(),
    };
    // Provides evidenceContext to the slotted tools: the target never changes, so no subscriptions to keep.
    this.addEventListener('context-request', (event) => {
      if (event.context !== evidenceContext) return;
      event.stopPropagation();
      event.callback(this.#evidence);
    });
  }

  /** Opens the dialog above everything else (top layer) and moves focus into it. */
  async show(): Promise<void> {
    await this.updateComplete;
    if (!this.#modal.open()) return;
    this.#shown = true;
    // The reporter may have been made long before the click (the launcher's warm-up): a report not
    // started yet starts now, at this time, and one this element only restored is restored again,
    // in case another reporter on the page saved a newer draft since. A report not started takes
    // the workspace it is opened on; a started one keeps its own.
    const fresh = !this.#started;
    if (fresh || this.#draft.untouched) this.form = this.#draft.restore(newForm(new Date(), this.ctx.timeZone));
    this.#freeze(fresh);
    void loadViews().then(() => this.requestUpdate(), () => {});
    void this.services?.outbox?.flush().catch(() => {});
    await this.updateComplete;
    this.#focusFirst();
    this.dispatchEvent(new TriageOpenEvent());
  }

  /** Closes the dialog (embedded: fires `triage-close` for the host); the draft stays saved. */
  close(): void {
    this.#modal.close();
  }

  /**
   * Adds evidence (also for the screenshot and log tools in the `evidence` slot); `details` say
   * how it was made and go into the ticket's attachment record. Returns the refusal in words, or
   * undefined when the file was added.
   */
  addAttachment(file: File, kind: AttachmentKind = 'file', details?: EvidenceDetails): string | undefined {
    const { limits } = this.cfg;
    const refusal = attachmentRefusal(file, limits, this.attachments.length, this.kept);
    if (!refusal) {
      this.attachments = [...this.attachments, { file, kind, details }];
      return undefined;
    }
    const size = (bytes: number) => formatBytes(bytes, this.ctx.locale);
    const words =
      refusal.code === 'attachStored'
        ? fill(this.t.attachStored, { names: refusal.names.join(', ') })
        : refusal.code === 'fileTooBig'
          ? fill(this.t.fileTooBig, { name: refusal.name, size: size(refusal.size), max: size(refusal.max) })
          : refusal.code === 'fileTooMany'
            ? fill(this.t.fileTooMany, { name: refusal.name, files: plural(this.t.attachFiles, refusal.max, this.ctx.locale) })
            : fill(this.t[refusal.code], refusal);
    this.fileErrors = [...this.fileErrors, words];
    return words;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The context protocol's announcement: tools that asked before this element was defined
    // (kept by a ContextRoot) ask again.
    this.dispatchEvent(Object.assign(new Event('context-provider', { bubbles: true, composed: true }), { context: evidenceContext, contextTarget: this }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#related.abort();
  }

  /**
   * A form with a category or a chosen level (a restored draft, or the agent just chose one)
   * shows its severity at once: its render waits for the severity core (with the views) rather
   * than drawing the panel without it. Where the core could not load, the panel says so.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    this.form ??= this.#draft.restore(newForm(new Date(), this.ctx.timeZone));
    if (views || !(this.form.category || this.form.chosenLevel)) return super.scheduleUpdate();
    return loadViews().then(
      () => super.scheduleUpdate(),
      () => super.scheduleUpdate(),
    );
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('form')) this.#showLink();
  }


  /** Hides the dialog (and its backdrop) until the returned function shows it again. */
  async #hideForCapture(): Promise<() => void> {
    const focused = this.shadowRoot?.activeElement as HTMLElement | null;
    this.capturing = true;
    await this.updateComplete;
    // Two frames: the hidden dialog has been painted before anything captures the screen.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return () => {
      this.capturing = false;
      void this.updateComplete.then(() => focused?.focus());
    };
  }

  /** Something entered, or evidence attached (a screenshot is a start even with no words typed). */
  get #started(): boolean {
    return hasContent(this.form) || this.attachments.length > 0;
  }

  #patch(patch: Partial<ReportForm>) {
    this.form = { ...this.form, ...patch };
  }

  /** The agent context with the workspace this report was opened on, not the one the agent moved to. */
  get #agent(): AgentContext {
    const opened = this.openedOn?.formId === this.form?.id ? this.openedOn!.records : undefined;
    return opened ? { ...this.ctx, records: opened } : this.ctx;
  }

  /** Keeps the current workspace as this form's (again when `renew`). */
  #freeze(renew = false, records: Records = this.ctx.records) {
    if (renew || this.openedOn?.formId !== this.form.id) this.openedOn = { formId: this.form.id, records };
  }

  /** The agent accepted the workspace they moved to: its facts replace the ones the report was opened on. */
  #useWorkspace(records: Records) {
    this.#freeze(true, records);
    this.#patch({ records: {} });
  }

  /** One listener for every control: its `name` is the form key ('summary', 'reporter.login'). */
  #onInput = (event: Event) => {
    const target = event.target as HTMLInputElement;
    // A text control's change only repeats what its input events brought. Chromium also fires it
    // as a focused control leaves mid-render (the form giving way to "Close the report?" or to
    // the status after Send): taken, it would set the form after the update, and write the sent
    // report's words into the fresh one.
    if (event.type === 'change' && /^(text|number|textarea)$/.test(target.type)) return;
    // The agent started a report: fetch the validator now, so Send does not wait for it.
    void loadValidator().catch(() => {});
    const [key, sub] = target.name.split('.') as [keyof ReportForm, string?];
    if (!key || key === ('files' as string)) return;
    const value = target.type === 'checkbox' ? target.checked : target.value;
    if (sub) this.#patch({ [key]: { ...(this.form[key] as object), [sub]: value } });
    else this.#patch({ [key]: key === 'chosenLevel' ? Number(value) : value });
    // A number typed replaces "several".
    if (key === 'agentsAffected') this.#patch({ severalAgents: false });
    this.#recheck(ticketPathOf(target.name));
  };

  /**
   * The problems shown follow the fields: after a Send the schema judges the form again on each
   * change, so a fixed field leaves the list (and the list goes when none is left), and one that
   * breaks again comes back. Problems the server named go when their field is edited.
   */
  #recheck(path: string) {
    if (!this.issues.length) return;
    if (!this.#watched.size) return this.#showIssues(this.issues.filter((i) => i.path !== path), false);
    void Promise.all([loadValidator(), loadViews()]).then(([{ validateTicket }]) => {
      const result = validateTicket(this.#compose());
      this.#showIssues(result.ok ? [] : result.issues.filter((i) => this.#watched.has(i.path)), false);
    });
  }

  /** The ticket for the form as it stands (its module came with the views, which Send waits for). */
  #compose() {
    const meta = this.kept ?? this.attachments.map(({ file, kind, details }) => ({ name: file.name, type: file.type, size: file.size, kind, ...details }));
    return views!.composeTicket(this.form, this.#agent, this.cfg, new Date(), meta, { userAgent: navigator.userAgent, url: location.href });
  }

  /** Enter in a one-line field never sends (no implicit submission); Ctrl+Enter or Cmd+Enter does. */
  #onKeydown = (event: KeyboardEvent) => {
    const target = event.target as HTMLInputElement;
    if (event.key !== 'Enter') return;
    if (event.ctrlKey || event.metaKey) void this.submit(event);
    else if (target.localName === 'input' && target.type !== 'file') event.preventDefault();
  };

  #onStatusLink = (event: TriageStatusLinkEvent) => this.#patch({ linkedStatusIncident: event.detail.incidentId });

  /** The slotted `<triage-status>` shows the link of the form as it is now (a restored draft, a fresh form). */
  #showLink = () => {
    const slot = this.renderRoot.querySelector<HTMLSlotElement>('slot[name=status]');
    for (const status of slot?.assignedElements() ?? []) if ('linkedIncident' in status) status.linkedIncident = this.form.linkedStatusIncident;
  };

  #pick(which: QuickPick) {
    const patch = afterQuickPick(which, this.form);
    if (patch) return this.#patch(patch);
    this.errors = { ...this.errors, 'impact.agentsTotal': this.t.pickNeedsTotal };
    this.#focusField('impact.agentsTotal');
  }

  #onFiles(files: FileList | null | undefined) {
    this.fileErrors = [];
    for (const file of files ?? []) this.addAttachment(file);
  }

  #focusFirst() {
    // The form starts at its first field; the other views at their first action, not the header.
    const first = this.dialog.querySelector<HTMLElement>(this.view === 'form' ? 'input,select,textarea' : '[part~=body] button');
    first?.focus();
  }

  #focusField(path: string) {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#' + controlIdOf(path))?.focus());
  }

  /**
   * A focused control is never hidden under the sticky header or footer (WCAG 2.2 Focus Not
   * Obscured): the footer grows with the problems listed, so the browser's own scrolling, which
   * only brings the control into the dialog, is corrected once it has happened.
   */
  #onFocusIn = (event: Event) => {
    const control = event.target as HTMLElement;
    this.#lastField = control.id || this.#lastField;
    // The zone picker's suggestions (every zone the browser knows, some 400 options) are built
    // when the agent first comes to the field, not on every open: they cost the open a few ms.
    // It is the one list the form renders empty.
    const zones = (control as HTMLInputElement).list;
    if (zones && !zones.childElementCount) zones.append(...timeZones(this.ctx.timeZone).map((zone) => new Option(zone)));
    requestAnimationFrame(() => {
      const [header, footer] = ['header', 'footer'].map((part) => this.dialog.querySelector(`[part~=${part}]`)!);
      if (!control.isConnected || footer.contains(control)) return;
      const box = control.getBoundingClientRect();
      const top = header.getBoundingClientRect().bottom + 8;
      const bottom = footer.getBoundingClientRect().top - 8;
      const by = box.top < top || box.height > bottom - top ? box.top - top : Math.max(0, box.bottom - bottom);
      if (by) this.dialog.scrollBy({ top: by });
    });
  };

  /** Escape: ask before closing over a started report; closing itself never loses it. */
  #mayClose(): boolean {
    if (this.view === 'confirm') {
      this.#backToForm();
      return false;
    }
    if (this.view === 'form' && this.#started) {
      // Without its view (it could not load) the question is not asked: closing keeps the draft anyway.
      void loadViews().then(
        () => {
          this.view = 'confirm';
          void this.updateComplete.then(() => this.#focusFirst());
        },
        () => this.close(),
      );
      return false;
    }
    return true;
  }

  #closed() {
    this.#draft.save();
    if (this.view === 'confirm' || this.view === 'reports') this.view = 'form';
    this.dispatchEvent(new TriageCloseEvent());
  }

  #backToForm() {
    this.view = 'form';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#' + this.#lastField)?.focus());
  }

  #discard() {
    this.#draft.clear();
    this.#reset();
    this.close();
  }

  /** A fresh form; the status of the last submission goes too unless `keepStatus`. */
  #reset(keepStatus = false) {
    this.form = newForm(new Date(), this.ctx.timeZone);
    this.attachments = [];
    this.fileErrors = [];
    this.errors = {};
    this.issues = [];
    this.#resubmitting = false;
    this.kept = undefined;
    this.view = 'form';
    this.#watched.clear();
    this.copied = '';
    this.#freeze(true);
    this.declined = undefined;
    if (!keepStatus) this.#delivery.clear();
  }

  /** Shows the problems beside their fields and in the footer, in the agent's language; focus goes to the first unless told not to. */
  #showIssues(issues: FieldIssue[], focus = true) {
    // A missing suggested/chosen level only echoes another problem (no category, contradictory counts).
    const shown = issues.filter((i) => !/^severity\.(suggested|chosen)$/.test(i.path) || issues.length === 1).map((i) => words?.(i, this.t) ?? i);
    this.issues = shown;
    this.errors = Object.fromEntries(shown.map((i) => [i.path, i.message]));
    if (!focus) return;
    const first = shown.find((i) => this.renderRoot.querySelector('#' + controlIdOf(i.path)));
    if (first) this.#focusField(first.path);
    else void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part~=errors]')?.focus());
  }

  protected async submit(event?: Event) {
    event?.preventDefault();
    if (this.#delivery.busy) return;
    let validateTicket;
    try {
      [{ validateTicket }] = await Promise.all([loadValidator(), loadViews()]);
    } catch {
      // Without the views nothing makes the ticket: the failure offers the form as typed to download.
      return this.#delivery.fail((views ? this.#compose() : { ...this.form }) as Ticket, this.t.loadFailed);
    }
    const result = validateTicket(this.#compose());
    if (!result.ok) {
      this.#watched = new Set(result.issues.map((i) => i.path));
      return this.#showIssues(result.issues);
    }
    this.#watched.clear();
    this.errors = {};
    this.issues = [];
    const bytes: AttachmentBytes[] = this.attachments.map(({ file }) => ({ name: file.name, type: file.type, blob: file }));
    const sent = { form: this.form, attachments: this.attachments };
    const stored = await this.#delivery.deliver(result.ticket, bytes, {
      resubmit: this.#resubmitting,
      keepStoredFiles: Boolean(this.kept),
      noOutbox: this.t.statusNoOutbox,
    });
    if (!stored) return;
    // Stored: the outbox entry is now the source of truth; the next report starts fresh.
    this.#submitted = sent;
    this.#draft.clear();
    this.#reset(true);
    await loadViews().catch(() => {});
    this.view = 'status';
    await this.updateComplete;
    this.#focusFirst();
  }

  /** Brings the submitted report back into the form, with the server's field problems beside the fields. */
  #fixAndResend() {
    const entry = this.#delivery.current?.entry;
    if (this.#submitted && entry) this.#correct(entry, this.#submitted.form, this.#submitted.attachments);
  }

  /** "Fix and resend" in My reports: the stored ticket comes back into the form, its files stay in the outbox. */
  #onEdit = (event: TriageEditEvent) => {
    const { ticket, entry } = event.detail;
    this.#correct(entry, formFromTicket(ticket), [], ticket.attachments);
  };

  #correct(entry: OutboxEntry, form: ReportForm, attachments: Attachment[], kept?: AttachmentMeta[]) {
    this.form = form;
    this.attachments = attachments;
    this.kept = kept?.length ? kept : undefined;
    this.#resubmitting = true;
    // The stored ticket's own records are the report's workspace; the agent's current one is not offered.
    this.#freeze(true, {});
    this.declined = this.ctx.records;
    this.#watched.clear();
    this.view = 'form';
    this.#delivery.clear();
    const fields = entry.delivery.state === 'failed' ? entry.delivery.fields : undefined;
    if (fields?.length) this.#showIssues(fields);
    else this.#focusField('summary');
  }

  async #copy(reference: string) {
    const copied = await views!.copyText(reference, this.renderRoot as ShadowRoot);
    this.copied = fill(copied ? this.t.copied : this.t.copyFailed, { reference });
  }

  async #download() {
    const current = this.#delivery.current;
    const entry = current?.entry;
    const outbox = this.services?.outbox;
    // Never stored (the device is full): the file is the only copy, so it carries the files too.
    const unstored = this.attachments.map(({ file }) => ({ name: file.name, type: file.type, blob: file }));
    const blob = entry
      ? await outbox!.exportEntry(entry.id)
      : ((await outbox?.exportUnstored?.(current!.ticket, unstored)) ?? new Blob([JSON.stringify({ ticket: current?.ticket }, null, 2)], { type: 'application/json' }));
    downloadBlob(blob, `report-${(entry?.id ?? current?.ticket.id ?? 'draft').slice(0, 8)}.json`, this.renderRoot);
  }

  async #openReports() {
    try {
      await import('../reports/define.js');
      this.view = 'reports';
    } catch {
      // Could not load "My reports" (offline): stay on the form, the draft untouched.
    }
  }

  protected override render() {
    const t = this.t;
    const content = html`<header part="header">
        <h2 id="title">${t.title}</h2>
        <button type="button" class="link" @click=${this.#openReports}>${t.myReports}</button>
        <button type="button" class="x" aria-label=${t.close} @click=${this.close}>✕</button>
      </header>
      ${this.view === 'confirm' && views
        ? views.confirmView(t, { keep: () => this.close(), discard: () => this.#discard(), back: () => this.#backToForm() })
        : this.view === 'status'
          ? this.renderStatus()
          : this.view === 'reports'
            ? this.renderReports()
            : this.renderForm()}
      <p class="visually-hidden" role="status">${statusWords(t, this.#delivery.current).words}${this.copied ? ' ' + this.copied : ''}</p>`;
    return this.presentation === 'embedded'
      ? html`<section part="dialog" class=${ifDefined(this.capturing ? 'capturing' : undefined)} aria-labelledby="title" @keydown=${this.#modal.onKeydown}>${content}</section>`
      : html`<dialog part="dialog" class=${ifDefined(this.capturing ? 'capturing' : undefined)} aria-labelledby="title"
          @cancel=${this.#modal.onCancel} @close=${this.#modal.onClose} @keydown=${this.#modal.onKeydown}>${content}</dialog>`;
  }

  /** After Send; where its view could not load, where the report is all the same. */
  protected renderStatus() {
    const t = this.t;
    const delivery = this.#delivery.current;
    const d = delivery?.entry?.delivery;
    const status = (related?: string) => (delivery ? deliveryStatus(t, this.ctx.locale, delivery, () => this.#download(), related) : nothing);
    return views
      ? views.statusView({
          t,
          status: status(views.relatedWords(t, this.ctx.locale, d?.state === 'sent' ? d.result.related : undefined)),
          locale: this.ctx.locale,
          timeZone: this.ctx.timeZone,
          delivery,
          copy: (reference) => void this.#copy(reference),
          download: () => this.#download(),
          fixAndResend: () => this.#fixAndResend(),
          newReport: () => this.#reset(),
          close: () => this.close(),
        })
      : html`<div part="body" class="result">${status()}</div>`;
  }

  protected renderForm() {
    const t = this.t;
    const scope: FieldScope = { form: this.form, errors: this.errors, t };
    const suggestion = views?.suggestionFor(this.form);
    const agent = this.#agent;
    const offer = offeredWorkspace(this.ctx.records, this.openedOn?.formId === this.form.id ? this.openedOn.records : undefined, this.declined);
    return html`<form part="body" novalidate @input=${this.#onInput} @change=${this.#onInput} @submit=${this.submit}
      @keydown=${this.#onKeydown} @focusin=${this.#onFocusIn}>
      <p class="muted">${t.intro}</p>
      ${offer && views ? views.workspaceOffer(t, offer, () => this.#useWorkspace(offer), () => (this.declined = offer)) : nothing}
      <slot name="status" @triage-status-link=${this.#onStatusLink} @slotchange=${this.#showLink}></slot>
      ${this.#knownIncidents()}
      ${whatSection(scope)} ${impactSection(scope, (which) => this.#pick(which))} ${whenSection(scope, agent)} ${whoSection(scope, agent)}
      ${evidenceSection({
        t,
        locale: this.ctx.locale,
        limits: this.cfg.limits,
        files: this.attachments.map((a) => a.file),
        refusals: this.fileErrors,
        kept: this.kept,
        add: (files) => this.#onFiles(files),
        remove: (index) => (this.attachments = this.attachments.filter((_, i) => i !== index)),
      })}
      ${severityPanel({
        ...scope,
        suggestion,
        agent,
        related: this.#related.status === 'complete' ? this.#related.value : undefined,
        core: views && { reasons: views.REASONS, sla: (level) => views!.slaPanel(t, level, agent, this.cfg) },
        raise: (agents) => this.#patch({ agentsAffected: String(agents) }),
      })}
      ${submitFooter({
        t,
        locale: this.ctx.locale,
        issues: this.issues,
        delivery: this.#delivery.current,
        busy: this.#delivery.busy,
        liveSeverity: liveSeverity(t, suggestion),
        focusIssue: (path) => this.#focusField(path),
        download: () => this.#download(),
      })}
    </form>`;
  }

  #knownIncidents() {
    const incidents = this.#related.value?.incidents;
    if (!incidents?.length) return nothing;
    const known = this.#known;
    if (!known) {
      void import('./templates/known-incident.js').then(
        (module) => {
          this.#known ??= { module, joins: new module.KnownIncidentJoins(this, () => this.services?.follow) };
          this.requestUpdate();
        },
        () => undefined, // offline: the form works without the banner
      );
      return nothing;
    }
    return known.module.knownIncidents(this.t, incidents, known.joins, (incident) => known.joins.join(incident, this.ctx), !!this.services?.follow);
  }

  protected renderReports() {
    return html`<div part="body" class="result">
      <triage-reports @triage-edit=${this.#onEdit}></triage-reports>
      <div part="actions" class="actions"><button type="button" @click=${() => (this.view = 'form')}>${this.t.backToReport}</button></div>
    </div>`;
  }
}

/**
 * The schema (zod's core and the ticket rules) is a sixth of the reporter's weight and only needed
 * on Send, so opening does not fetch it: it loads once the agent starts typing, or on Send.
 */
let validator: Promise<typeof import('../../src/ticket.js')> | undefined;
/** The schema's problems in the agent's words (./issue-words.ts), there once the validator is. */
let words: typeof import('./issue-words.js').issueWords | undefined;
/**
 * What the form's first view does not need (./views.ts): the views that replace the form, the
 * workspace offer, and the severity core with what it makes of the form (the suggestion, the SLA,
 * the ticket). Loaded once the form is open; a render that needs the core waits for it.
 */
let views: typeof import('./views.js') | undefined;
let viewsLoading: Promise<unknown> | undefined;
function loadViews() {
  viewsLoading ??= import('./views.js').then((module) => (views = module));
  viewsLoading.catch(() => (viewsLoading = undefined));
  return viewsLoading;
}

/**
 * Fetches what the form loads after its first view (the views with the severity core, and the
 * validator), so a report can still be graded, checked and queued if the network goes before
 * the agent opens the form. The launcher calls it when it warms the reporter on idle or intent.
 */
export function preloadLaterParts(): Promise<unknown> {
  return Promise.all([loadViews(), loadValidator()]);
}

function loadValidator() {
  validator ??= Promise.all([import('../../src/ticket.js'), import('./issue-words.js')]).then(([ticket, issues]) => {
    words = issues.issueWords;
    return ticket;
  });
  validator.catch(() => (validator = undefined));
  return validator;
}
