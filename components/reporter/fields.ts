/**
 * The report form's sections (what, impact, when, who, evidence) and the labelled controls they
 * are made of. Every control's `name` is its form key, which the element's one input listener
 * reads; hints and errors are wired to it through aria-describedby.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { AgentContext, TriageLimits } from '../../src/context.js';
import { CATEGORIES } from '../../src/categories.js';
import type { RecordKey, ReportForm, ReporterKey } from '../../src/compose.js';
import { QUICK_PICKS, controlIdOf, isPicked, ticketPathOf, type QuickPick } from '../../src/report-form.js';
import type { AttachmentMeta } from '../../src/ticket.js';
import type { Strings } from '../../src/strings.js';
import { fill, formatBytes, plural } from '../../src/format.js';

/** What every control needs to draw itself: the form, the problems by ticket path, the words. */
export interface FieldScope {
  form: ReportForm;
  errors: Record<string, string>;
  t: Strings;
}

type ControlOptions = { hint?: string; wide?: boolean; required?: boolean; extra?: unknown };
type Described = string | undefined;
type Invalid = 'true' | undefined;
type InputType = 'text' | 'number' | 'datetime-local';

const WHO: ReporterKey[] = ['accountId', 'login', 'profile', 'acdAgentId', 'extension'];
const WHERE: RecordKey[] = ['chatId', 'incidentId', 'incidentReference', 'queue'];
const PICK_LABELS = { me: 'pickMe', several: 'pickSeveral', '30': 'pick30', all: 'pickAll' } as const satisfies Record<QuickPick, keyof Strings>;

export function section(title: string, id: string, body: unknown, hint?: string): TemplateResult {
  return html`<section part="section" aria-labelledby=${id}>
    <h3 id=${id}>${title}</h3>
    ${hint ? html`<p class="muted">${hint}</p>` : nothing}
    <div class="grid">${body}</div>
  </section>`;
}

/** A labelled control with its hint and error wired through aria-describedby. */
export function field(
  { errors, t }: FieldScope,
  name: string,
  label: string,
  control: (id: string, describedBy: Described, invalid: Invalid) => TemplateResult,
  options: ControlOptions = {},
): TemplateResult {
  const path = ticketPathOf(name);
  const id = controlIdOf(path);
  const error = errors[path];
  const described = [options.hint && 'h-' + id, error && 'e-' + id].filter(Boolean).join(' ');
  return html`<div part="field" class=${options.wide ? 'field wide' : 'field'}>
    <label part="label" for=${id}>${label}${options.required ? html`<span aria-hidden="true" class="req"> ${t.required}</span>` : nothing}${options.extra ?? nothing}</label>
    ${control(id, described || undefined, error ? 'true' : undefined)}
    ${options.hint ? html`<small part="hint" id=${'h-' + id}>${options.hint}</small>` : nothing}
    ${error ? html`<small part="error" class="error" id=${'e-' + id}>${error}</small>` : nothing}
  </div>`;
}

export function input(
  scope: FieldScope,
  name: keyof ReportForm,
  label: string,
  options: ControlOptions & { type?: InputType; list?: string; max?: number } = {},
): TemplateResult {
  return field(
    scope,
    name,
    label,
    (id, describedBy, invalid) =>
      html`<input part="input" id=${id} name=${name} type=${options.type ?? 'text'} .value=${String(scope.form[name])}
        list=${ifDefined(options.list)} min=${ifDefined(options.type === 'number' ? 0 : undefined)} max=${ifDefined(options.max)}
        ?required=${options.required} aria-describedby=${ifDefined(describedBy)} aria-invalid=${ifDefined(invalid)} />`,
    options,
  );
}

export function area(scope: FieldScope, name: keyof ReportForm, label: string, hint?: string, wide = true): TemplateResult {
  return field(
    scope,
    name,
    label,
    (id, describedBy, invalid) =>
      html`<textarea part="input" id=${id} name=${name} .value=${String(scope.form[name])} aria-describedby=${ifDefined(describedBy)} aria-invalid=${ifDefined(invalid)}></textarea>`,
    { wide, hint },
  );
}

export function select(scope: FieldScope, name: keyof ReportForm, label: string, options: [string, string][], extra: ControlOptions = {}): TemplateResult {
  const value = String(scope.form[name]);
  return field(
    scope,
    name,
    label,
    (id, describedBy, invalid) => html`<select part="input" id=${id} name=${name} ?required=${extra.required} aria-describedby=${ifDefined(describedBy)} aria-invalid=${ifDefined(invalid)}>
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>`,
    extra,
  );
}

export function check(scope: FieldScope, name: keyof ReportForm, label: string): TemplateResult {
  return html`<label part="field" class="check wide"><input type="checkbox" id=${controlIdOf(name)} name=${name} .checked=${Boolean(scope.form[name])} /><span>${label}</span></label>`;
}

export function whatSection(scope: FieldScope): TemplateResult {
  const { t, form } = scope;
  return section(
    t.sectionWhat,
    's-what',
    html`${input(scope, 'summary', t.summary, { required: true, wide: true, hint: t.summaryHint })}
    ${select(scope, 'category', t.category, [['', t.categoryChoose], ...CATEGORIES.map((c): [string, string] => [c, t.categories[c].label])], {
      required: true,
      wide: true,
      hint: form.category ? t.categories[form.category].hint : undefined,
    })}
    ${area(scope, 'observed', t.observed, undefined, false)} ${area(scope, 'expected', t.expected, undefined, false)} ${area(scope, 'steps', t.steps)}`,
  );
}

export function impactSection(scope: FieldScope, onPick: (pick: QuickPick) => void): TemplateResult {
  const { t, form } = scope;
  return section(
    t.sectionImpact,
    's-impact',
    html`<div part="picks" class="wide picks" role="group" aria-labelledby="l-picks">
        <span id="l-picks" class="label">${t.agentsQuick}</span>
        ${QUICK_PICKS.map(
          (pick) => html`<button type="button" aria-pressed=${isPicked(pick, form)} @click=${() => onPick(pick)}>${t[PICK_LABELS[pick]]}</button>`,
        )}
      </div>
      ${input(scope, 'agentsAffected', t.agentsAffected, { type: 'number', hint: form.severalAgents ? t.severalNoted : undefined })} ${input(scope, 'agentsTotal', t.agentsTotal, { type: 'number' })}
      ${input(scope, 'interactionsPercent', t.interactionsPercent, { type: 'number', max: 100 })}
      ${input(scope, 'uniqueTraits', t.uniqueTraits, { list: 'traits', wide: true })}
      <datalist id="traits">${t.traitSuggestions.split('|').map((s) => html`<option value=${s}></option>`)}</datalist>
      ${form.category === 'chat-abandonment'
        ? html`${input(scope, 'abandonRate', t.abandonRate, { type: 'number', max: 100 })} ${input(scope, 'normalAbandonRate', t.normalAbandonRate, { type: 'number', max: 100 })}`
        : nothing}
      ${form.category === 'other-defect' ? check(scope, 'coreFunction', t.coreFunction) : nothing} ${check(scope, 'workaround', t.workaround)}
      ${check(scope, 'platformChange', t.platformChange)}`,
  );
}

/** When it happened; the zone is prefilled, and marked with where it came from like the other prefilled facts. */
export function whenSection(scope: FieldScope, agent: AgentContext): TemplateResult {
  const { t, form } = scope;
  const zoneSource = form.timeZone === agent.timeZone ? (agent.sources.timeZone ?? t.sourceBrowser) : undefined;
  return section(
    t.sectionWhen,
    's-when',
    html`${input(scope, 'occurredAt', t.occurredAt, { type: 'datetime-local', required: true })}
      ${input(scope, 'timeZone', t.timeZone, { list: 'zones', required: true, extra: zoneSource && sourceBadge(t, zoneSource) })}
      <datalist id="zones"></datalist>
      ${check(scope, 'stillHappening', t.stillHappening)}
      ${select(scope, 'frequency', t.frequency, [['', '—'], ['once', t.frequencyOnce], ['intermittent', t.frequencyIntermittent], ['constant', t.frequencyConstant]])}
      ${input(scope, 'frequencyNote', t.frequencyNote)}`,
  );
}

const sourceBadge = (t: Strings, source: string) => html` <span class="source">${fill(t.fromSource, { source })}</span>`;

/** Who the agent is and what they worked on, prefilled from the host and marked with where each value came from. */
export function whoSection(scope: FieldScope, agent: AgentContext): TemplateResult {
  const identifier = (group: 'reporter' | 'records', key: ReporterKey | RecordKey) => {
    const name = `${group}.${key}`;
    const edited = (scope.form[group] as Record<string, string | undefined>)[key];
    const prefilled = (agent[group] as Record<string, string | undefined>)[key];
    const source = agent.sources[name];
    const badge = source && prefilled && (edited === undefined || edited === prefilled) ? sourceBadge(scope.t, source) : undefined;
    return field(
      scope,
      name,
      scope.t[key as 'login'],
      (id, describedBy, invalid) =>
        html`<input part="input" id=${id} name=${name} .value=${edited ?? prefilled ?? ''} autocomplete="off" aria-describedby=${ifDefined(describedBy)} aria-invalid=${ifDefined(invalid)} />`,
      { extra: badge },
    );
  };
  return section(
    scope.t.sectionWho,
    's-who',
    [...WHO.map((key) => identifier('reporter', key)), ...WHERE.map((key) => identifier('records', key))],
    scope.t.whoHint,
  );
}

export interface EvidenceScope {
  t: Strings;
  locale: string;
  limits: TriageLimits;
  files: readonly File[];
  refusals: readonly string[];
  /** A stored report's files, kept by the outbox: no new ones can be added. */
  kept?: readonly AttachmentMeta[];
  add(files: FileList | null | undefined): void;
  remove(index: number): void;
}

/** Files the agent attaches (picker or drop), what was refused and why, and the slot for evidence tools. */
export function evidenceSection({ t, locale, limits, files, refusals, kept, add, remove }: EvidenceScope): TemplateResult {
  const size = (bytes: number) => formatBytes(bytes, locale);
  return section(
    t.sectionEvidence,
    's-evidence',
    html`${kept
      ? html`<p class="wide">${fill(t.attachStored, { names: kept.map((a) => a.name).join(', ') })}</p>`
      : html`<div part="dropzone" class="drop wide" @dragover=${(e: DragEvent) => e.preventDefault()} @drop=${(e: DragEvent) => {
        e.preventDefault();
        add(e.dataTransfer?.files);
      }}>
        <label part="label" for="f-files">${t.attach}</label>
        <input id="f-files" name="files" type="file" multiple accept=${limits.attachmentTypes.join(',')} aria-describedby="h-files"
          @change=${(e: Event) => {
            const picker = e.target as HTMLInputElement;
            add(picker.files);
            picker.value = '';
          }} />
        <small id="h-files">${t.dropHere}. ${fill(t.attachLimits, { files: plural(t.attachFiles, limits.maxAttachments, locale), size: size(limits.maxAttachmentBytes) })} ${t.attachKept}</small>
      </div>
      <div class="wide" role="alert">${refusals.map((m) => html`<p part="error" class="error">${m}</p>`)}</div>
      ${files.length
        ? html`<ul part="files" class="wide files">
            ${files.map(
              (file, i) => html`<li><span>${file.name}</span><small>${size(file.size)}</small>
                <button type="button" aria-label=${fill(t.remove, { name: file.name })} @click=${() => remove(i)}>✕</button></li>`,
            )}
          </ul>`
        : nothing}`}
      <slot name="evidence" class="wide"></slot>`,
  );
}
