/**
 * What the form's first view does not need, in one module the reporter loads once it is open:
 * the views that replace the form, the offer of a new workspace, copying the reference.
 */
export { confirmView, relatedWords, statusView } from './result-views.js';
export { workspaceOffer } from './workspace-offer.js';
export { copyText } from './copy-text.js';
