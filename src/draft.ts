/**
 * The report in progress, kept in `localStorage` so closing the dialog or reloading the page
 * loses no words. Only the form's own fields are written (never attachments' bytes, never
 * anything from the host such as tokens), under one namespaced key.
 *
 * Lifecycle: once the outbox has stored a submitted ticket, the outbox entry is the source of
 * truth and the draft is cleared, so starting a new report never resurrects a sent one.
 */
import { RECORD_KEYS, REPORTER_KEYS, newForm, type ReportForm } from './compose.js';

export const DRAFT_KEY = 'triage-kit:draft:v1';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function defaultStore(): KeyValueStore | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage blocked (sandboxed iframe, privacy mode): drafts live in memory only
  }
}

const SHAPE = newForm(new Date(0), 'UTC', '');
const IDENTIFIER_KEYS = { reporter: REPORTER_KEYS, records: RECORD_KEYS } as const;

/** Only keys a form has, with the type a form has there: a stale or foreign value cannot leak in or out. */
function sanitize(data: unknown, template: ReportForm): ReportForm {
  const form = { ...template };
  if (!data || typeof data !== 'object') return form;
  const source = data as Record<string, unknown>;
  const target = form as unknown as Record<string, unknown>;
  for (const key of Object.keys(SHAPE) as (keyof ReportForm)[]) {
    if (typeof source[key] === typeof SHAPE[key]) target[key] = source[key];
  }
  for (const group of ['reporter', 'records'] as const) {
    const given = (source[group] ?? {}) as Record<string, unknown>;
    target[group] = Object.fromEntries(IDENTIFIER_KEYS[group].filter((k) => typeof given[k] === 'string').map((k) => [k, given[k]]));
  }
  return form;
}

export function loadDraft(template: ReportForm, store = defaultStore()): ReportForm | undefined {
  try {
    const text = store?.getItem(DRAFT_KEY);
    return text ? sanitize(JSON.parse(text), template) : undefined;
  } catch {
    return undefined;
  }
}

export function saveDraft(form: ReportForm, store = defaultStore()): void {
  try {
    store?.setItem(DRAFT_KEY, JSON.stringify(sanitize(form, SHAPE)));
  } catch {
    // Quota or blocked storage: the form still holds the words while the page lives.
  }
}

export function clearDraft(store = defaultStore()): void {
  try {
    store?.removeItem(DRAFT_KEY);
  } catch {
    // nothing stored to lose
  }
}

const TYPED: (keyof ReportForm)[] = [
  'summary', 'category', 'observed', 'expected', 'steps', 'agentsAffected', 'agentsTotal',
  'interactionsPercent', 'uniqueTraits', 'abandonRate', 'normalAbandonRate', 'frequencyNote', 'overrideReason',
];

/** True when the agent has typed or chosen something worth asking about before discarding. */
export function hasContent(form: ReportForm): boolean {
  return (
    TYPED.some((key) => String(form[key]).trim() !== '') ||
    Object.values({ ...form.reporter, ...form.records }).some((v) => v?.trim())
  );
}
