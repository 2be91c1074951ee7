/**
 * Every visible string in Spanish. A separate module so only hosts that need it load it: elements
 * load it themselves for an agent whose locale is Spanish, or a host passes it as `config.strings`.
 */
import type { Strings } from './strings.js';
import { reporterEs } from './strings/reporter-es.js';
import { reportsEs } from './strings/reports-es.js';
import { knownIncidentEs } from './strings/known-incident-es.js';
import { launcherEs } from './strings/launcher.js';
import { screenshotEs } from './strings/screenshot-es.js';
import { logsEs } from './strings/logs-es.js';
import { statusEs } from './strings/status-es.js';
import { issuesEs } from './strings/issues-es.js';

export const es = { ...reporterEs, ...reportsEs, ...launcherEs, ...screenshotEs, ...logsEs, ...statusEs, ...issuesEs, ...knownIncidentEs } satisfies Strings;
