/**
 * The known-incident banner: when the related-reports lookup names a confirmed incident support
 * opened for this kind of problem, the agent reads it before filing ("Known issue: ...
 * Workaround: ...") and can add themselves to it ("I'm affected too") instead of filing a
 * duplicate. The join goes through the follower (services.follow), which keeps its receipt so
 * My reports follows the incident. Support's words are bound as text.
 *
 * The reporter loads this module only when the lookup names an incident, so a form without one
 * pays nothing for it; its English words come with it (the agent's catalog and overrides win).
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { fill } from '../../../src/format.js';
import type { AgentContext } from '../../../src/context.js';
import type { FollowService, KnownIncident } from '../../../src/follow.js';
import type { Strings } from '../../../src/strings.js';
import { knownIncidentEn } from '../../../src/strings/known-incident.js';

type JoinState = { name: 'joining' } | { name: 'joined' } | { name: 'failed'; reason: string };

/** Which banners the agent acted on, so the reporter re-renders as a join goes. */
export class KnownIncidentJoins implements ReactiveController {
  private readonly states = new Map<string, JoinState>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly follow: () => FollowService | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  async join(incident: KnownIncident, agent: AgentContext): Promise<void> {
    const follow = this.follow();
    if (!follow || this.states.get(incident.id)?.name === 'joining') return;
    this.set(incident.id, { name: 'joining' });
    const { accountId, login, name, site } = agent.reporter;
    try {
      await follow.join(incident, { agent: { accountId, login, name }, site, queue: agent.records.queue });
      this.set(incident.id, { name: 'joined' });
    } catch (error) {
      this.set(incident.id, { name: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  }

  state(id: string): JoinState | undefined {
    return this.states.get(id);
  }

  private set(id: string, state: JoinState): void {
    this.states.set(id, state);
    this.host.requestUpdate();
  }
}

export function knownIncidents(catalog: Strings, incidents: KnownIncident[] | undefined, joins: KnownIncidentJoins, join: (incident: KnownIncident) => void, canJoin: boolean) {
  if (!incidents?.length) return nothing;
  const t = { ...knownIncidentEn, ...catalog };
  return incidents.map((incident) => {
    const state = joins.state(incident.id);
    const titleId = `known-${incident.id}`;
    return html`<section part="known-incident" class="signals known" aria-labelledby=${titleId} data-id=${incident.id}>
      <p id=${titleId}><strong>${fill(t.knownIssue, { title: incident.title })}</strong></p>
      ${incident.workaround ? html`<p>${fill(t.knownWorkaround, { workaround: incident.workaround })}</p>` : nothing}
      ${incident.joinedAgents ? html`<p class="muted">${fill(t.knownAgents, { count: incident.joinedAgents })}</p>` : nothing}
      <p role="status">${state?.name === 'joined' ? t.knownJoined : state?.name === 'failed' ? fill(t.knownJoinFailed, { reason: state.reason }) : ''}</p>
      ${canJoin && state?.name !== 'joined'
        ? html`<button type="button" aria-describedby=${titleId} ?disabled=${state?.name === 'joining'} @click=${() => join(incident)}>
            ${state?.name === 'joining' ? t.knownJoining : t.knownJoin}
          </button>`
        : nothing}
    </section>`;
  });
}
