/**
 * Which words an element shows: its own English part, under the catalog of the agent's language,
 * under the host's `config.strings`. Kept apart from ./strings.ts so an element carries only its
 * own English words, not every element's (Lion's per-namespace catalogs do the same).
 */
import type { StringOverrides, Strings } from './strings.js';

/** 'es-MX' -> 'es'. */
export const languageOf = (locale: string): string => locale.toLowerCase().split(/[-_]/)[0]!;

const catalogs = new Map<string, Strings>();
const loaders: Record<string, () => Promise<Strings>> = { es: () => import('./strings-es.js').then((m) => m.es) };
const loading = new Map<string, Promise<void>>();

/** Makes a language available to every Lit element of the kit (replacing a built-in one of the same language). */
export function addCatalog(language: string, catalog: Strings): void {
  catalogs.set(languageOf(language), catalog);
}

/** The catalog of a locale's language if it is loaded; undefined for English and for languages without one. */
export function catalogFor(locale: string): Strings | undefined {
  return catalogs.get(languageOf(locale));
}

/**
 * Loads the built-in catalog of a locale's language; undefined when there is nothing to wait for
 * (loaded, English, or a language without a catalog, which reads as English). A failed load
 * reads as English and is tried again next time.
 */
export function loadCatalog(locale: string): Promise<void> | undefined {
  const language = languageOf(locale);
  const load = loaders[language];
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

/** The words over the catalog, key by key; `reasons` merge reason by reason, every other key is replaced. */
export function localize<T extends Partial<Strings>>(catalog: T, overrides: StringOverrides = {}): T {
  return { ...catalog, ...overrides, reasons: { ...catalog.reasons, ...overrides.reasons } };
}
