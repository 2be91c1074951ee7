import { css } from 'lit';

// .visually-hidden (the announcements) comes from the base styles.
export const logsStyles = css`
:host{display:block;grid-column:1 / -1}
[part='base']{display:grid;gap:.5rem}
p{margin:0}
fieldset{display:flex;flex-wrap:wrap;gap:.5rem 1rem;margin:0;padding:.5rem .75rem;border:1px solid var(--_border);border-radius:var(--_radius)}
label{display:grid;gap:.2rem}
[part='summary']{margin:0;padding-left:1.1rem}
[part='preview']{max-height:var(--triage-logs-preview-height,12rem);overflow:auto;margin:0;padding:.5rem;border:1px solid var(--_border);border-radius:var(--_radius);background:var(--_surface);font:12px/1.4 var(--triage-mono,ui-monospace,SFMono-Regular,Menlo,Consolas,monospace);white-space:pre-wrap;word-break:break-all}
[part='actions']{display:flex;flex-wrap:wrap;gap:.5rem}
`;
