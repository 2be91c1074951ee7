import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clearDraft, hasContent, loadDraft, saveDraft } from '../../src/draft.js';
import type { ReportForm } from '../../src/compose.js';

/** How long typing pauses before the draft is written. */
const SAVE_AFTER_MS = 400;

/**
 * Keeps the report in progress on this device: restores it, writes it a moment after each
 * change (and at once on close or disconnect), removes it once the agent emptied the form.
 * Only a form this element changed is written, so a second reporter on the page (media bar and
 * desk) never overwrites the other's newer draft with its stale copy.
 */
export class DraftController implements ReactiveController {
  #seen?: ReportForm;
  #restored?: ReportForm;
  #changed = false;
  #timer?: ReturnType<typeof setTimeout>;

  readonly #options: { form(): ReportForm | undefined; paused(): boolean };

  constructor(
    host: ReactiveControllerHost,
    options: { form(): ReportForm | undefined; paused(): boolean },
  ) {
    this.#options = options;
    host.addController(this);
  }

  /** The saved draft over a fresh form, or the fresh form; restoring is not a change to write back. */
  restore(fresh: ReportForm): ReportForm {
    return (this.#seen = this.#restored = loadDraft(fresh) ?? fresh);
  }

  /** The form is as restored: this element has not changed it, so a draft saved since (by another reporter) is newer. */
  get untouched(): boolean {
    return this.#options.form() === this.#restored;
  }

  /** Forgets the draft (sent to the outbox, or discarded). */
  clear(): void {
    clearTimeout(this.#timer);
    this.#changed = false;
    clearDraft();
  }

  /** Writes the draft now if this element changed it. */
  save(): void {
    clearTimeout(this.#timer);
    const form = this.#options.form();
    if (!this.#changed || !form || this.#options.paused()) return;
    this.#changed = false;
    if (hasContent(form)) saveDraft(form);
    else clearDraft();
  }

  hostUpdated(): void {
    const form = this.#options.form();
    if (this.#seen && form !== this.#seen) {
      this.#changed = true;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => this.save(), SAVE_AFTER_MS);
    }
    this.#seen = form;
  }

  hostDisconnected(): void {
    this.save();
  }
}
