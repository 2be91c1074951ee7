/**
 * When support answers a report of the level chosen, from the severity core: the severity panel
 * (./severity-panel.ts) shows it once the core has loaded with the views (./views.ts).
 */
import { html, type TemplateResult } from 'lit';
import type { AgentContext, TriageConfig } from '../../src/context.js';
import { resolveCalendar, responseDueAt, slaFor, type Level } from '../../src/severity.js';
import { fill, formatDateTime, formatDuration, zoneName } from '../../src/format.js';
import type { Strings } from '../../src/strings.js';

/** When support answers a report of this level, in the agent's time and in support's, and how often it updates. */
export function slaPanel(t: Strings, level: Level, { locale, timeZone }: AgentContext, { plan, calendar }: TriageConfig): TemplateResult {
  const now = new Date();
  const sla = slaFor(level, plan);
  const due = responseDueAt(now, level, { plan, calendar });
  const support = resolveCalendar(calendar);
  return html`<div part="sla" class="sla">
    <p><strong>${fill(t.slaResponse, { relative: fill(t.in, { duration: formatDuration(due.getTime() - now.getTime(), locale) }) })}</strong></p>
    <p>${fill(t.slaDueLocal, { time: formatDateTime(due, locale, timeZone) })}<br />${fill(t.slaDueSupport, { time: formatDateTime(due, locale, support.timeZone) })}</p>
    <p class="muted">
      ${sla.coverage === '24x7' ? t.coverage24 : fill(t.coverageBusiness, { start: support.start, end: support.end, zone: zoneName(support.timeZone, locale, now) })}
      ${sla.updateCadenceMinutes ? fill(t.cadence, { duration: formatDuration(sla.updateCadenceMinutes * 60_000, locale) }) : t.cadenceMaterial}
    </p>
  </div>`;
}
