import { css } from 'lit';

export const reportsStyles = css`
  :host {
    display: block;
    --_badge-queued: var(--triage-reports-queued, var(--_warn));
    --_badge-sending: var(--triage-reports-sending, var(--_accent));
    --_badge-sent: var(--triage-reports-sent, var(--_ok));
    --_badge-failed: var(--triage-reports-failed, var(--_danger));
  }
  [part='base'] {
    background: var(--_bg);
    color: var(--_fg);
  }
  header {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 0.75rem;
    margin-bottom: 0.5rem;
  }
  h2 {
    margin: 0;
    font-size: 1.05em;
  }
  p {
    margin: 0.25rem 0;
  }
  ul {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part='item'] {
    display: grid;
    gap: 0.3rem;
    padding: 0.65rem 0.75rem;
    border: 1px solid var(--_border);
    border-left: 4px solid var(--_state-color, var(--_border));
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  [part='item'][data-state='queued'] {
    --_state-color: var(--_badge-queued);
  }
  [part='item'][data-state='sending'] {
    --_state-color: var(--_badge-sending);
  }
  [part='item'][data-state='sent'] {
    --_state-color: var(--_badge-sent);
  }
  [part='item'][data-state='failed'] {
    --_state-color: var(--_badge-failed);
  }
  .top {
    display: flex;
    align-items: flex-start;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .summary {
    margin: 0;
    font-size: 1em;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  [part='badge'] {
    flex: none;
    padding: 0.05rem 0.5rem;
    border: 1px solid var(--_state-color);
    border-radius: 999px;
    color: var(--_state-color);
    font-size: 0.85em;
    font-weight: 600;
    white-space: nowrap;
  }
  .meta,
  .detail {
    font-size: 0.9em;
  }
  .meta {
    color: var(--_muted);
  }
  .fields {
    margin: 0.2rem 0 0;
    padding-left: 1.1rem;
  }
  progress {
    width: 100%;
    height: 0.5rem;
    accent-color: var(--_accent);
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  [part='support'] {
    display: grid;
    gap: 0.25rem;
    margin-top: 0.25rem;
    padding-top: 0.4rem;
    border-top: 1px solid var(--_border);
    font-size: 0.9em;
  }
  [part='support'] p {
    margin: 0;
  }
  [part='new'] {
    margin-left: 0.35rem;
    padding: 0 0.4rem;
    border-radius: 999px;
    background: var(--triage-reports-new, var(--_accent));
    color: var(--triage-accent-fg, #fff);
    font-size: 0.8em;
    font-weight: 600;
  }
  [part='updates'] {
    display: grid;
    gap: 0.35rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .update-text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .overdue {
    color: var(--_danger);
  }
  [part='log-request'] {
    display: grid;
    gap: 0.3rem;
    padding: 0.45rem 0.6rem;
    border: 1px dashed var(--_accent);
    border-radius: var(--_radius);
  }
  .joined-title {
    margin: 1rem 0 0.5rem;
    font-size: 1em;
  }
  [part='actions']:empty {
    display: none;
  }
`;
