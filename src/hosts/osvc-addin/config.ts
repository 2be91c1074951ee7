/**
 * The add-in's one configuration file (`triage-kit.config.json` in the zip), which an
 * administrator edits before uploading the zip in the Add-In Manager. Checked field by field so
 * a typo reads as a sentence naming the field, in the modal and in the extension's log, instead
 * of a form that silently cannot send.
 */
import type { TriageConfig } from '../../context.js';
import type { OsvcRecordField } from '../osvc.js';
import type { Plan, SupportCalendar } from '../../severity.js';

export const ADDIN_CONFIG_FILE = 'triage-kit.config.json';

export type AddinDelivery =
  /** Reports go to a triage-kit intake service. */
  | { mode: 'intake'; intakeUrl: string; apiKey: string }
  /** Reports become OSvC incidents on this site, sent with the agent's own session. */
  | { mode: 'osvc-incident'; applicationContext?: string };

export interface AddinConfig {
  delivery: AddinDelivery;
  plan: Plan;
  calendar?: Partial<SupportCalendar>;
  /** CSS selectors whose content is masked in screenshots before anyone sees them. */
  maskSelectors: string[];
  strings: Record<string, unknown>;
  statusPageUrl?: string;
  osvc: { appId: string; fields: Partial<Record<OsvcRecordField, string>> };
  ui: {
    /** The global header menu that holds "Report an issue". */
    headerMenu: { id: string; label: string; itemLabel: string };
    /** Also a left side pane with the reporter's launcher (off by default). */
    sidePane?: { id: string; label: string };
    /** Also a status bar item (off by default). */
    statusBar?: { id: string; label: string };
    modal: { title: string; width: string; height: string };
  };
}

export class AddinConfigError extends Error {
  constructor(message: string) {
    super(`${ADDIN_CONFIG_FILE}: ${message}`);
    this.name = 'AddinConfigError';
  }
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function section(value: unknown, where: string): Json {
  if (value === undefined) return {};
  if (!isObject(value)) throw new AddinConfigError(`${where} must be an object.`);
  return value;
}

function text(value: unknown, where: string, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !value.trim()) throw new AddinConfigError(`${where} must be non-empty text.`);
  return value.trim();
}

function httpUrl(value: unknown, where: string): string {
  const raw = text(value, where);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AddinConfigError(`${where} must be a full http(s) address, got "${raw}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AddinConfigError(`${where} must be an http(s) address.`);
  return raw;
}

const PLANS: readonly Plan[] = ['standard', 'premium'];
const FIELDS: readonly OsvcRecordField[] = ['incidentId', 'incidentReference', 'contactId', 'queue'];

/** Checks the parsed JSON; throws AddinConfigError naming the first wrong field. */
export function parseAddinConfig(document: unknown): AddinConfig {
  if (!isObject(document)) throw new AddinConfigError('must be a JSON object.');
  const delivery = section(document.delivery, 'delivery');
  let parsedDelivery: AddinDelivery;
  if (delivery.mode === 'intake') {
    const apiKey = text(delivery.apiKey, 'delivery.apiKey');
    if (/^REPLACE/i.test(apiKey)) throw new AddinConfigError('delivery.apiKey is still the placeholder: put the intake API key in before uploading the zip.');
    parsedDelivery = { mode: 'intake', intakeUrl: httpUrl(delivery.intakeUrl, 'delivery.intakeUrl'), apiKey };
  } else if (delivery.mode === 'osvc-incident') {
    const applicationContext = delivery.applicationContext === undefined ? undefined : text(delivery.applicationContext, 'delivery.applicationContext');
    if (applicationContext && applicationContext.length > 40) throw new AddinConfigError('delivery.applicationContext must be at most 40 characters (Oracle refuses longer ones).');
    parsedDelivery = { mode: 'osvc-incident', ...(applicationContext ? { applicationContext } : {}) };
  } else {
    throw new AddinConfigError('delivery.mode must be "intake" (a triage-kit intake service) or "osvc-incident" (incidents on this site).');
  }

  const plan = document.plan ?? 'standard';
  if (!PLANS.includes(plan as Plan)) throw new AddinConfigError(`plan must be one of: ${PLANS.join(', ')}.`);

  const masking = section(document.masking, 'masking');
  const selectors = masking.selectors ?? [];
  if (!Array.isArray(selectors) || selectors.some((selector) => typeof selector !== 'string')) {
    throw new AddinConfigError('masking.selectors must be a list of CSS selectors.');
  }

  const osvc = section(document.osvc, 'osvc');
  const fields = section(osvc.fields, 'osvc.fields');
  for (const [key, value] of Object.entries(fields)) {
    if (!FIELDS.includes(key as OsvcRecordField)) throw new AddinConfigError(`osvc.fields.${key} is not a field triage-kit reads (${FIELDS.join(', ')}).`);
    text(value, `osvc.fields.${key}`);
  }

  const ui = section(document.ui, 'ui');
  const header = section(ui.headerMenu, 'ui.headerMenu');
  const modal = section(ui.modal, 'ui.modal');
  const optionalPlace = (value: unknown, where: string, defaults: { id: string; label: string }) => {
    if (value === undefined || value === false) return undefined;
    const place = value === true ? {} : section(value, where);
    return { id: text(place.id, `${where}.id`, defaults.id), label: text(place.label, `${where}.label`, defaults.label) };
  };

  const strings = section(document.strings, 'strings');
  const calendar = document.calendar === undefined ? undefined : (section(document.calendar, 'calendar') as Partial<SupportCalendar>);
  const statusPageUrl = document.statusPageUrl === undefined || document.statusPageUrl === '' ? undefined : httpUrl(document.statusPageUrl, 'statusPageUrl');

  return {
    delivery: parsedDelivery,
    plan: plan as Plan,
    ...(calendar ? { calendar } : {}),
    maskSelectors: selectors as string[],
    strings,
    ...(statusPageUrl ? { statusPageUrl } : {}),
    osvc: { appId: text(osvc.appId, 'osvc.appId', 'triage-kit'), fields: fields as AddinConfig['osvc']['fields'] },
    ui: {
      headerMenu: {
        id: text(header.id, 'ui.headerMenu.id', 'triage-kit'),
        label: text(header.label, 'ui.headerMenu.label', 'Support'),
        itemLabel: text(header.itemLabel, 'ui.headerMenu.itemLabel', 'Report an issue'),
      },
      sidePane: optionalPlace(ui.sidePane, 'ui.sidePane', { id: 'triage-kit-pane', label: 'Report an issue' }),
      statusBar: optionalPlace(ui.statusBar, 'ui.statusBar', { id: 'triage-kit-status', label: 'Report an issue' }),
      modal: {
        title: text(modal.title, 'ui.modal.title', 'Report an issue'),
        width: text(modal.width, 'ui.modal.width', '760px'),
        height: text(modal.height, 'ui.modal.height', '680px'),
      },
    },
  };
}

/** The part of the add-in's configuration the elements take (through `<triage-provider>`). */
export function triageConfigOf(config: AddinConfig): Partial<TriageConfig> {
  return {
    plan: config.plan,
    ...(config.calendar ? { calendar: config.calendar } : {}),
    strings: config.strings as TriageConfig['strings'],
    ...(config.maskSelectors.length ? { evidence: { maskSelectors: config.maskSelectors } } : {}),
    ...(config.statusPageUrl ? { statusPageUrl: config.statusPageUrl } : {}),
  };
}

/** Reads the configuration file that sits next to the page (paths in the zip are relative to the init file). */
export async function loadAddinConfig(base: string = document.baseURI): Promise<AddinConfig> {
  const url = new URL(ADDIN_CONFIG_FILE, base);
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-cache', credentials: 'same-origin' });
  } catch (error) {
    throw new AddinConfigError(`could not be read (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!response.ok) throw new AddinConfigError(`could not be read: HTTP ${response.status}.`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new AddinConfigError('is not valid JSON.');
  }
  return parseAddinConfig(json);
}
