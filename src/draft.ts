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
  // The one optional field, so SHAPE does not name it.
  if (typeof source.linkedStatusIncident === 'string') form.linkedStatusIncident = source.linkedStatusIncident;
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

/** What the form fills in itself, not the agent: its id, and when (in which zone) from the clock. */
const PREFILLED = new Set<keyof ReportForm>(['id', 'occurredAt', 'timeZone']);

/** Whether one value of the form differs from a fresh form's: words (not blanks), identifiers, choices. */
function entered(value: unknown, fresh: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  if (value && typeof value === 'object') return Object.values(value).some((v) => typeof v === 'string' && v.trim() !== '');
  return value !== undefined && value !== fresh;
}

/**
 * True when the agent has entered something worth asking about before discarding: typed words,
 * an edited identifier, or any choice away from a fresh form's (the "Several" quick pick, a
 * ticked or cleared box, a frequency, a level, a linked incident).
 */
export function hasContent(form: ReportForm): boolean {
  return (Object.keys(form) as (keyof ReportForm)[]).some((key) => !PREFILLED.has(key) && entered(form[key], SHAPE[key]));
}
