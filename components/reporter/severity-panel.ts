/**
 * The severity the policy suggests for the form as typed, why, the level the agent reports, the
 * SLA that follows from it, and other agents' matching reports. The suggestion and the SLA come
 * from the severity core, which the form's first view (no category yet) does without: the
 * element passes them in once it has loaded (./sla-panel.ts, src/compose-ticket.ts).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { AgentContext } from '../../src/context.js';
import type { RelatedReports } from '../../src/delivery.js';
import type { Suggestion } from '../../src/compose-ticket.js';
import type { Level } from '../../src/severity.js';
import { fill, plural } from '../../src/format.js';
import type { Strings } from '../../src/strings.js';
import { area, select, type FieldScope } from './fields.js';

export interface SeverityScope extends FieldScope {
  suggestion: Suggestion | undefined;
  agent: AgentContext;
  related?: RelatedReports;
  /** Counts the other agents' reports in: sets agents affected. */
  raise(agents: number): void;
  /** The severity core's part, once loaded: its English reasons, and the SLA panel of a level. */
  core?: { reasons: Partial<Record<string, string>>; sla(level: Level): TemplateResult };
}

/** The core's LEVELS, written out so the panel needs no core to list them. */
const LEVELS: readonly Level[] = [1, 2, 3, 4];

const levelName = (t: Strings, level: Level) => t[`sev${level}`];

export function severityPanel(scope: SeverityScope): TemplateResult {
  const { t, form, suggestion: result, related, core } = scope;
  // The render waited for the core; without it here, it could not load.
  const unloaded = !core && Boolean(form.category || form.chosenLevel);
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
              ({ key, values }, i) => {
                // The catalog's words, else the core's English table (the English part carries no copy of it).
                const words = key in t.reasons ? t.reasons[key] : core?.reasons[key];
                return html`<li>${words ? fill(words, localNumbers(values, scope.agent.locale)) : suggested.reasons[i]}</li>`;
              },
            )}</ul>`
        : html`<p class=${result || unloaded ? 'error' : 'muted'}>${result && !result.ok ? result.message : unloaded ? t.loadFailed : t.severityUnknown}</p>`}
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
    ${level && core ? core.sla(level) : nothing}
  </section>`;
}

/** The suggestion again beside Send, so it stays in sight while the agent types the impact. */
export function liveSeverity(t: Strings, result: Suggestion | undefined): TemplateResult | typeof nothing {
  if (!result?.ok) return nothing;
  const { level } = result.suggestion;
  return html`<p part="live-severity" class=${'badge sev' + level}>${fill(t.suggested, { level, name: levelName(t, level) })}</p>`;
}

/** The reason figures as the agent's locale writes them (27,5 in Spain), without grouping, as the core prints them. */
function localNumbers(values: Record<string, number>, locale: string): Record<string, string> {
  const number = new Intl.NumberFormat(locale, { useGrouping: false });
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, number.format(value)]));
}
