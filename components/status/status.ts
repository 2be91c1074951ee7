/**
 * `<triage-status>`: the platform's status page inside the reporter, so an agent sees a known
 * incident before filing a duplicate and can link the report to it. It reads the Statuspage v2
 * `summary.json` at `config.statusPageUrl` (or its own `url`), at most once a minute and only
 * while it is shown (laid out, in a visible tab). Anything it cannot read says "status unknown". Text
 * from the status page is rendered as text (Lit bindings), never as markup.
 */
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { fill } from '../../src/format.js';
import { fetchStatusSummary, STATUS_POLL_MS, type StatusIncident, type StatusMaintenance, type StatusSummary } from '../../src/status.js';
import type { Strings } from '../../src/strings.js';
import { statusEn } from '../../src/strings/status.js';
import { TriageElement } from '../shared/triage-element.js';
import { base } from '../shared/base.styles.js';
import { statusStyles } from './status.styles.js';
import { TriageStatusLinkEvent } from './events.js';

type Reading = { state: 'idle' } | { state: 'checking' } | { state: 'unknown'; reason: string } | { state: 'read'; summary: StatusSummary; at: number };

/**
 * @fires triage-status-link - the agent linked the report to an incident (`detail.incidentId`) or unlinked it (undefined)
 * @csspart base - the whole panel
 * @csspart overall - the overall state line
 * @csspart incidents - the list of known incidents
 * @csspart incident - one incident
 * @csspart maintenance - the list of maintenance windows
 * @cssprop --triage-status-ok - dot colour when all is operational (default: --triage-ok)
 * @cssprop --triage-status-minor - dot colour for a minor disruption or maintenance (default: --triage-warn)
 * @cssprop --triage-status-major - dot colour for an outage (default: --triage-danger)
 * @cssprop --triage-status-unknown - dot colour when the state is unknown (default: --triage-muted)
 */
export class TriageStatus extends TriageElement {
  static override styles = [base, statusStyles];
  static override strings = statusEn;

  /** The summary.json to read; overrides `config.statusPageUrl`. */
  @property() url?: string;

  /** The incident the report is linked to; set by the host when it restores a draft. */
  @property({ attribute: 'linked-incident' }) linkedIncident?: string;

  @state() private reading: Reading = { state: 'idle' };
  @state() private announcement = '';

  private onScreen = false;
  private timer?: ReturnType<typeof setTimeout>;
  private inFlight?: AbortController;
  private observer?: ResizeObserver;
  private readonly onVisibility = () => this.schedule();

  private get source(): string | undefined {
    return this.url ?? this.cfg.statusPageUrl;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
    // Shown means laid out with a size: a closed dialog or a hidden panel around it gives 0 x 0.
    this.observer = new ResizeObserver((entries) => {
      this.onScreen = entries.some((entry) => entry.contentRect.width > 0 || entry.contentRect.height > 0);
      this.schedule();
    });
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.observer?.disconnect();
    this.onScreen = false;
    this.stop();
  }

  private readFrom?: string;

  protected override willUpdate(_changed: PropertyValues): void {
    // A new address (attribute or configuration) makes the old reading meaningless.
    if (this.source !== this.readFrom) {
      this.readFrom = this.source;
      this.stop();
      this.reading = { state: 'idle' };
      queueMicrotask(() => this.schedule());
    }
  }

  /** Reads the status page now (the "Check again" button; hosts may call it too). */
  async check(): Promise<void> {
    const url = this.source;
    if (!url) return;
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    if (this.reading.state !== 'read') this.reading = { state: 'checking' };
    try {
      const summary = await fetchStatusSummary(url, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.reading = { state: 'read', summary, at: Date.now() };
    } catch (error) {
      if (controller.signal.aborted) return;
      this.reading = { state: 'unknown', reason: error instanceof Error ? error.message : String(error) };
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
      this.lastAttempt = Date.now();
      this.schedule();
    }
  }

  private lastAttempt = 0;

  private get visible(): boolean {
    return this.onScreen && document.visibilityState === 'visible';
  }

  /** Reads now if the last read is a minute old (or none), else waits for the minute; nothing while hidden. */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.visible || !this.source || this.inFlight) return;
    const wait = this.lastAttempt === 0 ? 0 : this.lastAttempt + STATUS_POLL_MS - Date.now();
    if (wait <= 0) void this.check();
    else this.timer = setTimeout(() => this.schedule(), wait);
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight?.abort();
    this.inFlight = undefined;
    this.lastAttempt = 0;
  }

  private toggleLink(incident: StatusIncident): void {
    const s = this.t;
    const linking = this.linkedIncident !== incident.id;
    this.linkedIncident = linking ? incident.id : undefined;
    this.announcement = linking ? fill(s.statusLinkedAnnouncement, { name: incident.name }) : s.statusUnlinkedAnnouncement;
    this.dispatchEvent(new TriageStatusLinkEvent(linking ? { incidentId: incident.id, name: incident.name } : { incidentId: undefined }));
  }

  private formatTime(value: string | number): string {
    const agent = this.ctx;
    try {
      return new Intl.DateTimeFormat(agent.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: agent.timeZone }).format(new Date(value));
    } catch {
      return String(value);
    }
  }

  protected override render(): TemplateResult | typeof nothing {
    if (!this.source) return nothing;
    const s = this.t;
    return html`<section part="base" aria-labelledby="status-title" data-state=${this.reading.state} data-indicator=${this.reading.state === 'read' ? this.reading.summary.indicator : 'unknown'}>
      <h3 id="status-title" class="visually-hidden">${s.statusTitle}</h3>
      ${this.renderOverall(s)} ${this.reading.state === 'read' ? this.renderSummary(this.reading.summary, s) : nothing}
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </section>`;
  }

  protected renderOverall(s: Strings): TemplateResult {
    const reading = this.reading;
    switch (reading.state) {
      case 'idle':
      case 'checking':
        return html`<p part="overall"><span class="dot" aria-hidden="true"></span>${s.statusChecking}</p>`;
      case 'unknown':
        return html`<p part="overall"><span class="dot" aria-hidden="true"></span>${s.statusUnknown}</p>
          <div class="actions"><button type="button" @click=${() => this.check()}>${s.statusRetry}</button></div>`;
      case 'read': {
        const label = {
          none: s.statusNone,
          minor: s.statusMinor,
          major: s.statusMajor,
          critical: s.statusCritical,
          maintenance: s.statusMaintenance,
        }[reading.summary.indicator];
        return html`<p part="overall"><span class="dot" aria-hidden="true"></span><span>${reading.summary.page.name}: ${label}</span></p>
          <p class="muted"><small>${fill(s.statusCheckedAt, { time: this.formatTime(reading.at) })}</small></p>`;
      }
    }
  }

  protected renderSummary(summary: StatusSummary, s: Strings): TemplateResult {
    return html`${summary.incidents.length
        ? html`<h3 id="status-incidents">${s.statusIncidentsTitle}</h3>
            <ul part="incidents" aria-labelledby="status-incidents">
              ${summary.incidents.map((incident) => this.renderIncident(incident, s))}
            </ul>`
        : nothing}
      ${summary.maintenances.length
        ? html`<h3 id="status-maintenance">${s.statusMaintenanceTitle}</h3>
            <ul part="maintenance" aria-labelledby="status-maintenance">
              ${summary.maintenances.map((maintenance) => this.renderMaintenance(maintenance, s))}
            </ul>`
        : nothing}`;
  }

  protected renderIncident(incident: StatusIncident, s: Strings): TemplateResult {
    const linked = this.linkedIncident === incident.id;
    const statusLabel = ({ investigating: s.statusInvestigating, identified: s.statusIdentified, monitoring: s.statusMonitoring } as Record<string, string>)[incident.status] ?? incident.status;
    const impactLabel = ({ none: s.statusImpactNone, minor: s.statusImpactMinor, major: s.statusImpactMajor, critical: s.statusImpactCritical } as Record<string, string>)[incident.impact] ?? incident.impact;
    const nameId = `incident-${incident.id}`;
    return html`<li part="incident" data-id=${incident.id} ?data-linked=${linked}>
      <p class="name" id=${nameId}>${incident.name}</p>
      <p class="muted">${fill(s.statusIncidentState, { status: statusLabel, impact: impactLabel })}</p>
      ${incident.components.length ? html`<p>${fill(s.statusAffects, { components: incident.components.join(', ') })}</p>` : nothing}
      ${incident.latestUpdate ? html`<p class="update">${incident.latestUpdate}</p>` : nothing}
      <div class="actions">
        <button type="button" class=${linked ? '' : 'primary'} aria-pressed=${linked ? 'true' : 'false'} aria-describedby=${nameId} @click=${() => this.toggleLink(incident)}>
          ${linked ? s.statusLinked : s.statusLink}
        </button>
        ${safeLink(incident.shortlink) ? html`<a href=${safeLink(incident.shortlink)!} target="_blank" rel="noopener noreferrer">${s.statusOpenPage}</a>` : nothing}
      </div>
    </li>`;
  }

  protected renderMaintenance(maintenance: StatusMaintenance, s: Strings): TemplateResult {
    const label =
      ({ in_progress: s.statusMaintenanceInProgress, scheduled: s.statusMaintenanceScheduled, verifying: s.statusMaintenanceVerifying } as Record<string, string>)[maintenance.status] ??
      maintenance.status;
    return html`<li data-id=${maintenance.id} data-status=${maintenance.status}>
      <p class="name">${maintenance.name}</p>
      <p class="muted">${label}${maintenance.scheduledFor && maintenance.scheduledUntil
          ? html` · ${fill(s.statusMaintenanceWindow, { from: this.formatTime(maintenance.scheduledFor), until: this.formatTime(maintenance.scheduledUntil) })}`
          : nothing}</p>
      ${maintenance.components.length ? html`<p>${fill(s.statusAffects, { components: maintenance.components.join(', ') })}</p>` : nothing}
    </li>`;
  }
}

/** Only http(s) links from the status page become links: a `javascript:` shortlink stays text-less. */
function safeLink(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
