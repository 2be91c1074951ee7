/**
 * The severity the policy suggests for the form as typed, why, the level the agent reports, the
 * SLA that follows from it, and other agents' matching reports.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { AgentContext, TriageConfig } from '../../src/context.js';
import type { RelatedReports } from '../../src/delivery.js';
import type { Suggestion } from '../../src/compose.js';
import { LEVELS, resolveCalendar, responseDueAt, slaFor, type Level } from '../../src/severity.js';
import { fill, formatDateTime, formatDuration, numberFormat, plural, zoneName } from '../../src/format.js';
import type { Strings } from '../../src/strings.js';
import { area, select, type FieldScope } from './fields.js';

export interface SeverityScope extends FieldScope {
  suggestion: Suggestion | undefined;
  agent: AgentContext;
  config: TriageConfig;
  related?: RelatedReports;
  /** Counts the other agents' reports in: sets agents affected. */
  raise(agents: number): void;
}

const levelName = (t: Strings, level: Level) => t[`sev${level}`];

export function severityPanel(scope: SeverityScope): TemplateResult {
  const { t, form, suggestion: result, related } = scope;
  const suggested = result?.ok ? result.suggestion : undefined;
  const level = (form.chosenLevel || suggested?.level) as Level | undefined;
  // Only other agents count: the service leaves out the asker's own reports (otherAgents);
  // an answer that cannot tell them apart offers nothing rather than count the agent twice.
  const others = related?.otherAgents ?? 0;
  const raiseTo = 1 + others;
  const locale = scope.agent.locale;
  return html`<section part="section severity" aria-labelledby="s-severity">
    <h3 id="s-severity">${t.sectionSeverity}</h3>
    <div class="suggestion" aria-live="polite">
      ${suggested
        ? html`<p class=${'badge sev' + suggested.level}><strong>${fill(t.suggested, { level: suggested.level, name: levelName(t, suggested.level) })}</strong></p>
            <ul class="reasons" aria-label=${t.why}>${suggested.explanations.map(
              // The figures in the agent's locale; a reason the catalog lacks reads as the core's English.
              ({ key, values }, i) => html`<li>${t.reasons[key] ? fill(t.reasons[key], localNumbers(values, scope.agent.locale)) : suggested.reasons[i]}</li>`,
            )}</ul>`
        : html`<p class=${result ? 'error' : 'muted'}>${result && !result.ok ? result.message : t.severityUnknown}</p>`}
    </div>
    ${others > 0
      ? html`<div part="signals" class="signals"><p>${plural(t.signals, others, locale)}</p>
          ${Number(form.agentsAffected || 0) < raiseTo && !(form.severalAgents && raiseTo <= 2)
            ? html`<button type="button" @click=${() => scope.raise(raiseTo)}>${plural(t.signalsRaise, raiseTo, locale)}</button>`
            : nothing}</div>`
      : nothing}
    <div class="grid">
      ${select(scope, 'chosenLevel', t.chooseLevel, [
        ['0', fill(t.useSuggested, { level: suggested?.level ?? '–' })],
        ...LEVELS.map((l): [string, string] => [String(l), fill(t.levelOption, { level: l, name: levelName(t, l) })]),
      ])}
      ${form.chosenLevel && form.chosenLevel !== suggested?.level ? area(scope, 'overrideReason', t.overrideReason, t.overrideHint) : nothing}
    </div>
    ${level ? slaPanel(t, level, scope.agent, scope.config) : nothing}
  </section>`;
}

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

/** The suggestion again beside Send, so it stays in sight while the agent types the impact. */
export function liveSeverity(t: Strings, result: Suggestion | undefined): TemplateResult | typeof nothing {
  if (!result?.ok) return nothing;
  const { level } = result.suggestion;
  return html`<p part="live-severity" class=${'badge sev' + level}>${fill(t.suggested, { level, name: levelName(t, level) })}</p>`;
}

/** The reason figures as the agent's locale writes them (27,5 in Spain), without grouping, as the core prints them. */
function localNumbers(values: Record<string, number>, locale: string): Record<string, string> {
  const number = numberFormat(locale, { useGrouping: false });
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, number.format(value)]));
}
