/**
 * Reading a platform status page (Atlassian Statuspage v2 `summary.json`), so an agent sees a
 * known incident before filing a duplicate and can link the report to it.
 *
 * The document is validated before anything is shown: a page that answers something else (an
 * HTML error page, a captive portal, a half-written file) must read as "status unknown", never
 * as "all systems operational" (a wrong all-clear) nor as "down" (a wrong alarm). Field names
 * follow ../shared/reference/osvc.md §3; only what the agent needs is kept, and every text stays
 * plain data for the element to render as text.
 */

export const STATUS_INDICATORS = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
export type StatusIndicator = (typeof STATUS_INDICATORS)[number];

/** Incident states that mean the incident is over; such incidents are not shown. */
const FINISHED_INCIDENT = new Set(['resolved', 'postmortem', 'completed']);
/** Maintenance states still ahead or under way; completed windows are history. */
const OPEN_MAINTENANCE = new Set(['scheduled', 'in_progress', 'verifying']);

export interface StatusComponent {
  id: string;
  name: string;
  /** operational, degraded_performance, partial_outage, major_outage, under_maintenance */
  status: string;
}

export interface StatusIncident {
  id: string;
  name: string;
  /** investigating, identified, monitoring */
  status: string;
  /** none, minor, major, critical */
  impact: string;
  /** Names of the components the incident or its updates name, without repeats. */
  components: string[];
  /** The newest update's text, if the page gave one. */
  latestUpdate?: string;
  updatedAt?: string;
  shortlink?: string;
}

export interface StatusMaintenance {
  id: string;
  name: string;
  /** scheduled, in_progress or verifying */
  status: string;
  scheduledFor?: string;
  scheduledUntil?: string;
  components: string[];
}

export interface StatusSummary {
  page: { name: string; url?: string; updatedAt?: string };
  indicator: StatusIndicator;
  /** The page's own wording of the overall state ("Partial System Outage"). */
  description: string;
  components: StatusComponent[];
  incidents: StatusIncident[];
  maintenances: StatusMaintenance[];
}

/** The document is not a Statuspage v2 summary; `message` names the part that is wrong. */
export class StatusPageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatusPageError';
  }
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function object(value: unknown, where: string): Json {
  if (!isObject(value)) throw new StatusPageError(`${where} must be an object.`);
  return value;
}

function list(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new StatusPageError(`${where} must be a list.`);
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new StatusPageError(`${where} must be non-empty text.`);
  return value;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Component names from a list of component-like objects ({ name }), skipping what has none. */
function names(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => (isObject(item) && typeof item.name === 'string' && item.name ? [item.name] : []));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function parseIncident(value: unknown, where: string): StatusIncident {
  const incident = object(value, where);
  const updates = Array.isArray(incident.incident_updates) ? incident.incident_updates.filter(isObject) : [];
  // Statuspage lists updates newest first; sort anyway, the order is not part of any contract.
  const newest = [...updates].sort((a, b) => String(b.display_at ?? b.created_at ?? '').localeCompare(String(a.display_at ?? a.created_at ?? '')))[0];
  return {
    id: text(incident.id, `${where}.id`),
    name: text(incident.name, `${where}.name`),
    status: text(incident.status, `${where}.status`),
    impact: optionalText(incident.impact) ?? 'none',
    components: unique([...names(incident.components), ...updates.flatMap((update) => names(update.affected_components))]),
    latestUpdate: optionalText(newest?.body),
    updatedAt: optionalText(incident.updated_at),
    shortlink: optionalText(incident.shortlink),
  };
}

function parseMaintenance(value: unknown, where: string): StatusMaintenance {
  const maintenance = object(value, where);
  return {
    id: text(maintenance.id, `${where}.id`),
    name: text(maintenance.name, `${where}.name`),
    status: text(maintenance.status, `${where}.status`),
    scheduledFor: optionalText(maintenance.scheduled_for),
    scheduledUntil: optionalText(maintenance.scheduled_until),
    components: unique(names(maintenance.components)),
  };
}

/**
 * Checks a parsed `summary.json` and keeps what the agent needs: the overall state, unresolved
 * incidents with their affected components, and scheduled or in-progress maintenance.
 * Throws StatusPageError naming the first part that does not fit.
 */
export function parseStatusSummary(document: unknown): StatusSummary {
  const root = object(document, 'The status page summary');
  const page = object(root.page, 'page');
  const status = object(root.status, 'status');
  const indicator = status.indicator;
  if (!(STATUS_INDICATORS as readonly unknown[]).includes(indicator)) {
    throw new StatusPageError(`status.indicator must be one of: ${STATUS_INDICATORS.join(', ')}.`);
  }
  const components = list(root.components, 'components').map((value, index) => {
    const component = object(value, `components[${index}]`);
    return {
      id: text(component.id, `components[${index}].id`),
      name: text(component.name, `components[${index}].name`),
      status: text(component.status, `components[${index}].status`),
    };
  });
  const incidents = list(root.incidents, 'incidents')
    .map((value, index) => parseIncident(value, `incidents[${index}]`))
    .filter((incident) => !FINISHED_INCIDENT.has(incident.status));
  const maintenances = list(root.scheduled_maintenances, 'scheduled_maintenances')
    .map((value, index) => parseMaintenance(value, `scheduled_maintenances[${index}]`))
    .filter((maintenance) => OPEN_MAINTENANCE.has(maintenance.status));
  return {
    page: { name: text(page.name, 'page.name'), url: optionalText(page.url), updatedAt: optionalText(page.updated_at) },
    indicator: indicator as StatusIndicator,
    description: optionalText(status.description) ?? '',
    components,
    incidents,
    maintenances,
  };
}

export interface FetchStatusOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/**
 * GETs and checks a summary.json. Rejects with StatusPageError for an HTTP error, a network
 * failure, a body that is not JSON or a document that is not a summary, so a caller has one
 * thing to catch and show as "status unknown".
 */
export async function fetchStatusSummary(url: string, options: FetchStatusOptions = {}): Promise<StatusSummary> {
  const get = options.fetch ?? fetch;
  let response: Response;
  try {
    // Statuspage pages are public: no credentials, nothing of the agent's goes with the request.
    response = await get(url, { headers: { Accept: 'application/json' }, credentials: 'omit', cache: 'no-cache', signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new StatusPageError(`The status page could not be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new StatusPageError(`The status page answered HTTP ${response.status}.`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new StatusPageError('The status page did not answer JSON.');
  }
  return parseStatusSummary(body);
}

/** The shortest time between two reads of the status page. */
export const STATUS_POLL_MS = 60_000;
