import { css } from 'lit';

export const editorStyles = css`
:host{display:block}
[part~='toolbar']{display:flex;flex-wrap:wrap;gap:.4rem;margin:.5rem 0}
[part~='stage']{position:relative;border:1px solid var(--_border);border-radius:calc(var(--_radius) - 2px);overflow:hidden;background:var(--_surface);touch-action:none}
canvas{display:block;width:100%;height:auto}
svg{position:absolute;inset:0;width:100%;height:100%;cursor:crosshair}
.box{cursor:move;outline:none}
.redact{fill:#111}
.highlight{fill:none;stroke:var(--triage-highlight,#ffbf00)}
.crop{fill:transparent;stroke:#fff;stroke-dasharray:8 6;vector-effect:non-scaling-stroke;stroke-width:2px}
.shade{fill:rgb(0 0 0 / .45);pointer-events:none}
.box:focus{stroke:var(--_accent);stroke-width:3px;vector-effect:non-scaling-stroke}
.highlight:focus{stroke-dasharray:6 4}
.handle{fill:var(--_accent);cursor:nwse-resize}
.help{font-size:.85em;color:var(--_muted)}
`;
