import { css } from 'lit';

export const statusStyles = css`
:host{display:block}
[part='base']{display:grid;gap:.5rem;padding:.6rem .75rem;border:1px solid var(--_border);border-radius:var(--_radius);background:var(--_surface)}
[part='overall']{display:flex;align-items:center;gap:.5rem;margin:0;font-weight:600}
.dot{width:.7rem;height:.7rem;border-radius:50%;flex:none;background:var(--triage-status-unknown,var(--_muted))}
[data-indicator='none'] .dot{background:var(--triage-status-ok,var(--_ok))}
[data-indicator='minor'] .dot,[data-indicator='maintenance'] .dot{background:var(--triage-status-minor,var(--_warn))}
[data-indicator='major'] .dot,[data-indicator='critical'] .dot{background:var(--triage-status-major,var(--_danger))}
h3{margin:.25rem 0 0;font-size:.9rem}
ul{margin:0;padding:0;list-style:none;display:grid;gap:.5rem}
li{padding:.5rem;border:1px solid var(--_border);border-radius:calc(var(--_radius) - 2px);background:var(--_bg)}
li p{margin:.15rem 0}
li[data-linked] {border-color:var(--_accent)}
.name{font-weight:600}
.actions{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;margin-top:.35rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
