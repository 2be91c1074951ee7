/**
 * Every visible string in Spanish. A separate module so only hosts that need it load it: elements
 * load it themselves for an agent whose locale is Spanish, or a host passes it as `config.strings`.
 */
import type { Strings } from './strings.js';
import { reporterEs } from './strings/reporter-es.js';
import { reportsEs } from './strings/reports-es.js';
import { launcherEs } from './strings/launcher.js';

export const es = { ...reporterEs, ...reportsEs, ...launcherEs } satisfies Strings;
