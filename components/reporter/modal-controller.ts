import type { ReactiveController, ReactiveControllerHost } from 'lit';

const FOCUSABLE = 'button,input,select,textarea,a[href],[tabindex]:not([tabindex="-1"])';

export interface ModalOptions {
  dialog(): HTMLElement;
  /** In a window the host gives (BUI modal, side pane): no `<dialog>`; closing is the host's, told by `closed()`. */
  embedded(): boolean;
  /** A side sheet beside the host's page, which stays usable: a non-modal `<dialog>`, Tab may leave it. */
  docked(): boolean;
  /** Escape pressed: true lets the dialog close; false keeps it open (the element asks first). */
  mayClose(): boolean;
  /** The dialog closed, by whatever means; focus goes back where it came from after this. */
  closed(): void;
}

/**
 * A modal dialog's behaviour: opening in the top layer, keeping Tab inside, asking the element
 * before Escape closes it, and giving focus back to what had it before. While open it re-renders
 * its host every 30 s, so times shown relative to now stay true. Embedded, the host's window is
 * the modal one: Escape still asks first, but Tab and the top layer are the host's. Docked, the
 * dialog is non-modal: focus moves in on open and back on close, Escape asks first, and Tab
 * goes on to the host's page (the live chat), which stays usable.
 */
export class ModalController implements ReactiveController {
  #returnFocus?: HTMLElement;
  #clock?: ReturnType<typeof setInterval>;
  #shown = false;

  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: ModalOptions;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    options: ModalOptions,
  ) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Opens the dialog; false when it was open already. */
  open(): boolean {
    const dialog = this.#options.dialog() as HTMLDialogElement;
    if (this.#shown || dialog.open) return false;
    this.#returnFocus = deepActiveElement();
    if (this.#options.embedded()) this.#shown = true;
    else if (this.#options.docked()) dialog.show();
    else dialog.showModal();
    this.#clock = setInterval(() => this.#host.requestUpdate(), 30_000);
    return true;
  }

  close(): void {
    const dialog = this.#options.dialog() as HTMLDialogElement | null;
    if (dialog?.open) dialog.close();
    else if (this.#shown) this.onClose();
  }

  hostDisconnected(): void {
    clearInterval(this.#clock);
  }

  /** Keeps Tab inside the dialog, including past the last control (the browser would leave for its own UI). */
  readonly onKeydown = (event: KeyboardEvent): void => {
    // Escape is handled here, not only by the dialog's cancel: Chromium does not let a page refuse
    // a second Escape without a user action between, and the dialog would close over the question.
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      if (this.#options.mayClose()) this.close();
    }
    if (event.key !== 'Tab' || this.#options.embedded() || this.#options.docked()) return;
    const items = [...this.#options.dialog().querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => !(el as HTMLInputElement).disabled && el.getClientRects().length > 0,
    );
    const root = this.#host.shadowRoot;
    const active = root ? root.activeElement : null;
    // A slotted tool (screenshot, logs) is the host's own child: focus in it is still inside the dialog.
    const focused = (this.#host.getRootNode() as Document | ShadowRoot).activeElement;
    const inSlotted = !active && focused !== this.#host && !!focused && this.#host.contains(focused);
    const edge = event.shiftKey ? items[0] : items[items.length - 1];
    if (active === edge || (!active && !inSlotted)) {
      event.preventDefault();
      (event.shiftKey ? items[items.length - 1] : items[0])?.focus();
    }
  };

  /** Escape: the element may keep the dialog open (to ask about a started report). */
  readonly onCancel = (event: Event): void => {
    if (!this.#options.mayClose()) event.preventDefault();
  };

  readonly onClose = (): void => {
    this.#shown = false;
    clearInterval(this.#clock);
    this.#options.closed();
    this.#returnFocus?.focus();
  };
}

/** The focused element, looking through open shadow roots (the launcher's button, not the launcher). */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return (active as HTMLElement | null) ?? undefined;
}
