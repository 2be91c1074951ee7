/**
 * What the form's first view does not need, in one module the reporter loads once it is open:
 * the views that replace the form, the offer of a new workspace, copying the reference, and the
 * severity core with what it makes of the form (the suggestion and its reasons, the SLA, the
 * ticket). A blank form chooses no category yet, so it shows no severity.
 */
export { confirmView, relatedWords, statusView } from './result-views.js';
export { workspaceOffer } from './workspace-offer.js';
export { copyText } from './copy-text.js';
export { slaPanel } from './sla-panel.js';
export { composeTicket, suggestionFor } from '../../src/compose-ticket.js';
export { REASONS } from '../../src/severity.js';
