/**
 * Every visible string of every element, one typed catalog per language. A catalog is assembled
 * from one part per element (./strings/*.ts), so a new element adds its part with one line here
 * and one in ./strings-es.ts. Values with numbers or names carry `{placeholders}` filled by
 * `fill()` in ./format.ts, so a catalog stays plain data (JSON-able, easy to translate).
 *
 * An element speaks the catalog of the agent's language, with the host's `config.strings` on top
 * key by key (./localize.ts). English is each element's own part; Spanish loads on first use; a
 * host adds a language with `addCatalog('fr', fr)` where `fr: Strings`, or passes a whole catalog
 * as `config.strings`.
 */
import { REASONS } from './severity.js';
import { reporterEn } from './strings/reporter.js';
import { reportsEn } from './strings/reports.js';
import { launcherEn } from './strings/launcher.js';
import { screenshotEn } from './strings/screenshot.js';
import { screenshotEditorEn } from './strings/screenshot-editor.js';
import { logsEn } from './strings/logs.js';
import { statusEn } from './strings/status.js';
import { issuesEn } from './strings/issues.js';
import { knownIncidentEn } from './strings/known-incident.js';

export const en = {
  ...reporterEn,
  ...reportsEn,
  ...launcherEn,
  ...screenshotEn,
  ...screenshotEditorEn,
  ...logsEn,
  ...statusEn,
  ...issuesEn,
  ...knownIncidentEn,
  // The core's English reasons with the reporter's own: the whole table a translation follows.
  reasons: { ...REASONS, ...reporterEn.reasons },
};

export type Strings = typeof en;

/** What a host passes as `config.strings`: any keys, and any of the reasons. */
export type StringOverrides = Partial<Omit<Strings, 'reasons'>> & { reasons?: Partial<Strings['reasons']> };

export { addCatalog, catalogFor, loadCatalog, localize } from './localize.js';
