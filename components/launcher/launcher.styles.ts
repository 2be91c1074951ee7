/** The launcher's CSS as text, adopted through a constructable stylesheet (strict-CSP safe, no Lit). */
export const launcherCss = `
:host{display:inline-block;font:var(--triage-font,500 14px/1.2 system-ui,sans-serif)}
button{display:inline-flex;align-items:center;gap:.45em;min-height:36px;padding:.45em .9em;border:1px solid transparent;border-radius:var(--triage-radius,8px);background:var(--triage-accent,#2454d6);color:var(--triage-accent-fg,#fff);font:inherit;cursor:pointer}
button:hover{filter:brightness(1.08)}
button:focus-visible{outline:2px solid var(--triage-accent,#2454d6);outline-offset:2px}
button[aria-busy=true]{cursor:progress;opacity:.8}
:host([compact]) button{min-height:28px;padding:.25em .6em;font-size:.9em}
svg{width:1.15em;height:1.15em;flex:none}
[part=badge]{min-width:1.3em;padding:0 .3em;border-radius:1em;background:var(--triage-danger,#b3261e);color:#fff;font-size:.8em;text-align:center}
[part=badge][hidden]{display:none}
[part=error]{display:block;max-width:22em;margin-top:.35em;color:var(--triage-danger,#b3261e);font-size:.85em}
[part=error]:empty{display:none}
`;
