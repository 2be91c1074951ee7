import { css } from 'lit';

// In the reporter's evidence grid the picture needs the full width to be edited. (Comments stay
// outside the css template: the embed build ships its text.)
export const screenshotStyles = css`
:host{display:block;grid-column:1 / -1}
h4{margin:0 0 .4rem;font-size:1em}
p{margin:.25rem 0}
.row{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin:.5rem 0}
.note{padding:.5rem .75rem;border-left:4px solid var(--_warn);border-radius:var(--_radius);background:var(--_surface)}
[part~='paste']{display:block;padding:.75rem;border:2px dashed var(--_border);border-radius:var(--_radius);background:var(--_surface);color:var(--_muted);cursor:text}
[part~='paste']:focus-visible,[part~='paste'].over{border-color:var(--_accent);color:var(--_fg)}
.file{position:relative;display:inline-flex}
.file input{position:absolute;inset:0;opacity:0;cursor:pointer}
.file span{display:inline-flex;align-items:center;min-height:36px;padding:.4rem .9rem;border:1px solid var(--_border);border-radius:var(--_radius)}
.file input:focus-visible+span{outline:2px solid var(--_accent);outline-offset:2px}
`;
