/**
 * The launcher's CSS as text, adopted through a constructable stylesheet (strict-CSP safe, no Lit).
 * The error is a bubble anchored under the button, on its own background: it never changes the
 * height of the toolbar the launcher sits in, and it reads the same on a dark media bar.
 */
export const launcherCss = `
:host{display:inline-block;position:relative;font:var(--triage-font,500 14px/1.2 system-ui,sans-serif)}
:host(:state(light)){color-scheme:light}
:host(:state(dark)){color-scheme:dark}
:host(:state(os)){color-scheme:light dark}
button{display:inline-flex;align-items:center;gap:.45em;min-height:36px;padding:.45em .9em;border:1px solid transparent;border-radius:var(--triage-radius,8px);background:var(--_a);color:var(--triage-accent-fg,light-dark(#fff,#0b1530));font:inherit;cursor:pointer;--_a:var(--triage-accent,light-dark(#2454d6,#7ea2ff))}
button:hover{filter:brightness(1.08)}
button:focus-visible{outline:2px solid var(--_a);outline-offset:2px}
button[aria-busy=true]{cursor:progress;opacity:.8}
:host([compact]) button{min-height:28px;padding:.25em .6em;font-size:.9em}
svg{width:1.15em;height:1.15em;flex:none}
[part=badge]{min-width:1.3em;padding:0 .3em;border-radius:1em;background:var(--triage-danger,#b3261e);color:#fff;font-size:.8em;text-align:center}
[part=badge][hidden]{display:none}
[part=error]{position:absolute;z-index:10;top:calc(100% + 6px);left:0;width:max-content;max-width:22em;padding:.5em .75em;border:1px solid light-dark(#c9ced6,#444a54);border-radius:6px;background:light-dark(#fff,#22252b);color:var(--triage-danger,light-dark(#b3261e,#ff8a80));box-shadow:0 4px 14px rgb(0 0 0/.3);font-size:.85em;line-height:1.35}
:host([compact]) [part=error]{left:auto;right:0}
[part=error]:empty{display:none}
`;
