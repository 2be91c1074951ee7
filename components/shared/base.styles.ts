/**
 * Tokens and form controls every triage element shares. Public `--triage-*` properties set by a
 * host win; the private `--_*` ones resolve them against light or dark defaults.
 */
import { css } from 'lit';

// Written once, used for theme="dark" and for a dark system preference without theme="light".
const dark = css`
  --_accent: var(--triage-accent, #7ea2ff);
  --_accent-fg: var(--triage-accent-fg, #0b1530);
  --_bg: var(--triage-bg, #17191d);
  --_surface: var(--triage-surface, #22252b);
  --_fg: var(--triage-fg, #e8eaee);
  --_muted: var(--triage-muted, #a4acb8);
  --_border: var(--triage-border, #444a54);
  --_danger: var(--triage-danger, #ff8a80);
  --_ok: var(--triage-ok, #7ed99b);
  --_warn: var(--triage-warn, #f3c262);
  --_sev1: var(--triage-sev1, #ff8a80);
  --_sev2: var(--triage-sev2, #ffab70);
  --_sev3: var(--triage-sev3, #f3d36b);
  --_sev4: var(--triage-sev4, #8fd6a2);
  color-scheme: dark;
`;

export const base = css`
:host {
  --_accent: var(--triage-accent, #2454d6);
  --_accent-fg: var(--triage-accent-fg, #fff);
  --_bg: var(--triage-bg, #fff);
  --_surface: var(--triage-surface, #f5f7fa);
  --_fg: var(--triage-fg, #1b1f24);
  --_muted: var(--triage-muted, #5b6470);
  --_border: var(--triage-border, #c9ced6);
  --_danger: var(--triage-danger, #b3261e);
  --_ok: var(--triage-ok, #1e7a3c);
  --_warn: var(--triage-warn, #8a5a00);
  --_radius: var(--triage-radius, 8px);
  --_sev1: var(--triage-sev1, #b3261e);
  --_sev2: var(--triage-sev2, #c25400);
  --_sev3: var(--triage-sev3, #8a6d00);
  --_sev4: var(--triage-sev4, #2e6b3f);
  color-scheme: light;
  font: var(--triage-font, 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  color: var(--_fg);
}
:host([theme='dark']) {
  ${dark}
}
@media (prefers-color-scheme: dark) {
  :host(:not([theme='light'])) {
    ${dark}
  }
}
*, *::before, *::after {
  box-sizing: border-box;
}
button, input, select, textarea {
  font: inherit;
  color: inherit;
}
input:not([type='checkbox']), select, textarea {
  width: 100%;
  min-height: 36px;
  padding: .4rem .6rem;
  border: 1px solid var(--_border);
  border-radius: calc(var(--_radius) - 2px);
  background: var(--_bg);
}
textarea {
  min-height: 4.5rem;
  resize: vertical;
}
input[type='checkbox'] {
  width: 1.1rem;
  height: 1.1rem;
  margin: .15rem 0 0;
  accent-color: var(--_accent);
  flex: none;
}
:focus-visible {
  outline: 2px solid var(--_accent);
  outline-offset: 2px;
}
[aria-invalid='true'] {
  border-color: var(--_danger);
}
button {
  min-height: 36px;
  padding: .4rem .9rem;
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  background: var(--_bg);
  cursor: pointer;
}
button:hover {
  background: var(--_surface);
}
.primary {
  border-color: var(--_accent);
  background: var(--_accent);
  color: var(--_accent-fg);
  font-weight: 600;
}
.primary:hover {
  background: var(--_accent);
  filter: brightness(1.08);
}
.link {
  min-height: 0;
  padding: 0;
  border: 0;
  background: none;
  color: var(--_accent);
  text-decoration: underline;
}
.muted, small {
  color: var(--_muted);
}
.error {
  color: var(--_danger);
}
.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
`;
