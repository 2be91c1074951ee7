/**
 * A report keeps the workspace it was opened on (incident, chat, queue...). When the agent's
 * workspace moves on while the form is open (a new chat or call pops), the form asks before
 * taking the new one, and changes nothing until the agent says so.
 */
import { html, type TemplateResult } from 'lit';
import type { Records } from '../../src/context.js';
import { fill } from '../../src/format.js';
import type { Strings } from '../../src/strings.js';

export function workspaceOffer(t: Strings, records: Records, use: () => void, keep: () => void): TemplateResult {
  const incident = records.incidentReference || records.incidentId;
  const what = incident
    ? fill(t.contextIncident, { id: incident })
    : records.chatId
      ? fill(t.contextChat, { id: records.chatId })
      : records.queue
        ? fill(t.contextQueue, { id: records.queue })
        : t.contextWorkspace;
  return html`<div part="context" class="context" role="status">
    <p>${t.contextChanged} <strong>${fill(t.contextOffer, { what })}</strong></p>
    <div class="actions">
      <button type="button" @click=${use}>${t.contextUse}</button>
      <button type="button" @click=${keep}>${t.contextKeep}</button>
    </div>
  </div>`;
}
