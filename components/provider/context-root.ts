/**
 * Lets a `<triage-provider>` whose code loads after the elements inside it still serve them.
 * A consumer that connects first asks for context before any provider listens, and that request
 * is lost; bundlers may well order it so (rollup hoists a shared chunk that defines
 * `<triage-reports>` ahead of the provider). The root keeps such requests on the document and
 * replays them when a provider announces itself (the context protocol's `context-provider`
 * event), as @lit/context's ContextRoot does, in the few lines this needs, so a page pays for no
 * more than the protocol.
 */
// Symbol.for, so two copies of triage-kit on one page share a single root.
const ROOT_KEY = Symbol.for('triage-kit.context-root');

/** What the protocol puts on a `context-request` or `context-provider` event. */
export interface ContextProtocolEvent extends Event {
  context: unknown;
  contextTarget?: Element;
  callback: (value: unknown, unsubscribe?: () => void) => void;
  subscribe?: boolean;
}

/** Who sent a context event: its `contextTarget`, else where it started (the event is retargeted on its way out of shadow roots). */
export const contextSender = (event: Event): Element => (event as ContextProtocolEvent).contextTarget ?? (event.composedPath()[0] as Element);

/** Asks for a context again on a subscriber's behalf, as the protocol's `context-request` event (what @lit/context's ContextRequestEvent is). */
export function askAgain(consumer: Element, context: unknown, callback: ContextProtocolEvent['callback']): void {
  const request = { context, contextTarget: consumer, callback, subscribe: true };
  consumer.dispatchEvent(Object.assign(new Event('context-request', { bubbles: true, composed: true }), request));
}

interface Waiting {
  // Weak, so an element removed before any provider came can still be collected.
  consumer: WeakRef<Element>;
  callback: WeakRef<ContextProtocolEvent['callback']>;
}

/** Attaches one root to the document, once per page; safe to call from every define module. */
export function ensureContextRoot(): void {
  if (typeof document === 'undefined') return;
  const holder = document as Document & { [ROOT_KEY]?: boolean };
  if (holder[ROOT_KEY]) return;
  holder[ROOT_KEY] = true;
  const waiting = new Map<unknown, Waiting[]>();
  const root = document.documentElement;
  root.addEventListener('context-request', (event) => {
    const { context, callback, subscribe } = event as ContextProtocolEvent;
    // Only a subscriber waits for a provider; a one-time question nobody answered stays unanswered.
    if (!subscribe) return;
    const consumer = contextSender(event);
    const list = waiting.get(context) ?? [];
    if (list.some((entry) => entry.consumer.deref() === consumer && entry.callback.deref() === callback)) return;
    list.push({ consumer: new WeakRef(consumer), callback: new WeakRef(callback) });
    waiting.set(context, list);
  });
  root.addEventListener('context-provider', (event) => {
    const { context } = event as ContextProtocolEvent;
    const list = waiting.get(context);
    // Those still unanswered ask again and wait again.
    waiting.delete(context);
    for (const entry of list ?? []) {
      const consumer = entry.consumer.deref();
      const callback = entry.callback.deref();
      if (consumer && callback) askAgain(consumer, context, callback);
    }
  });
}
