/**
 * Lets a `<triage-provider>` whose code loads after the elements inside it still serve them.
 * A consumer that connects first asks for context before any provider listens, and that request
 * is lost; bundlers may well order it so (rollup hoists a shared chunk that defines
 * `<triage-reports>` ahead of the provider). A ContextRoot on the document keeps such requests
 * and replays them when a provider announces itself.
 */
import { ContextRoot } from '@lit/context';

// Symbol.for, so two copies of triage-kit on one page share a single root.
const ROOT_KEY = Symbol.for('triage-kit.context-root');

/** Attaches one ContextRoot to the document, once per page; safe to call from every define module. */
export function ensureContextRoot(): void {
  if (typeof document === 'undefined') return;
  const holder = document as Document & { [ROOT_KEY]?: ContextRoot };
  if (holder[ROOT_KEY]) return;
  const root = new ContextRoot();
  root.attach(document.documentElement);
  holder[ROOT_KEY] = root;
}
