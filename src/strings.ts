/**
 * Every visible string of every element, one typed catalog per language. A catalog is assembled
 * from one part per element (./strings/*.ts), so a new element adds its part with one line here
 * and one in ./strings-es.ts. Values with numbers or names carry `{placeholders}` filled by
 * `fill()` in ./format.ts, so a catalog stays plain data (JSON-able, easy to translate).
 *
 * An element speaks the catalog of the agent's language (`catalogFor(locale)`), with the host's
 * `config.strings` on top key by key (`localize()`). English is built in; Spanish loads on first
 * use; a host adds a language with `addCatalog('fr', fr)` where `fr: Strings`.
 */
import { reporterEn } from './strings/reporter.js';
import { reportsEn } from './strings/reports.js';
import { launcherEn } from './strings/launcher.js';

export const en = { ...reporterEn, ...reportsEn, ...launcherEn };

export type Strings = typeof en;

/** What a host passes as `config.strings`: any keys, and any of the reasons. */
export type StringOverrides = Partial<Omit<Strings, 'reasons'>> & { reasons?: Partial<Strings['reasons']> };

/** The catalog on top of which overrides apply: `reasons` merges key by key, every other key is replaced. */
export function localize(catalog: Strings, overrides: StringOverrides = {}): Strings {
  return { ...catalog, ...overrides, reasons: { ...catalog.reasons, ...overrides.reasons } } as Strings;
}

/** 'es-MX' -> 'es'. */
export const languageOf = (locale: string) => locale.toLowerCase().split(/[-_]/)[0]!;

const catalogs = new Map<string, Strings>([['en', en]]);
const loaders = new Map<string, () => Promise<Strings>>([['es', () => import('./strings-es.js').then((m) => m.es)]]);
const loading = new Map<string, Promise<void>>();

/** Makes a language available to every element (replacing a built-in one of the same language). */
export function addCatalog(language: string, catalog: Strings): void {
  catalogs.set(languageOf(language), catalog);
}

/** The catalog of a locale's language if it is ready, English otherwise. */
export function catalogFor(locale: string): Strings {
  return catalogs.get(languageOf(locale)) ?? en;
}

/**
 * Loads the built-in catalog of a locale's language; undefined when there is nothing to wait for
 * (ready, or a language without a catalog, which reads as English). A failed load reads as English
 * and is tried again next time.
 */
export function loadCatalog(locale: string): Promise<void> | undefined {
  const language = languageOf(locale);
  const load = loaders.get(language);
  if (catalogs.has(language) || !load) return undefined;
  let pending = loading.get(language);
  if (!pending) {
    pending = load().then(
      (catalog) => void (catalogs.has(language) || catalogs.set(language, catalog)),
      () => void loading.delete(language),
    );
    loading.set(language, pending);
  }
  return pending;
}
