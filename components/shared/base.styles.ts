/**
 * Tokens and form controls every triage element shares. Public `--triage-*` properties set by a
 * host win; the private `--_*` ones resolve them against light or dark defaults.
 */
import { css } from 'lit';

// Each token holds its light and dark value; the colour scheme picks one (light-dark()), set from the
// theme the element resolved (showTheme in src/context.ts; `os` follows the system live). An element without a theme state (the screenshot editor)
// inherits the scheme of the element it sits in. A link-styled button is 24px high, WCAG 2.2's
// smallest target. (Comments stay outside the css template: the embed build ships its text.)
export const base = css`
:host {
  --_accent: var(--triage-accent, light-dark(#2454d6, #7ea2ff));
  --_accent-fg: var(--triage-accent-fg, light-dark(#fff, #0b1530));
  --_bg: var(--triage-bg, light-dark(#fff, #17191d));
  --_surface: var(--triage-surface, light-dark(#f5f7fa, #22252b));
  --_fg: var(--triage-fg, light-dark(#1b1f24, #e8eaee));
  --_muted: var(--triage-muted, light-dark(#5b6470, #a4acb8));
  --_border: var(--triage-border, light-dark(#c9ced6, #444a54));
  --_danger: var(--triage-danger, light-dark(#b3261e, #ff8a80));
  --_ok: var(--triage-ok, light-dark(#1e7a3c, #7ed99b));
  --_warn: var(--triage-warn, light-dark(#8a5a00, #f3c262));
  --_radius: var(--triage-radius, 8px);
  --_sev1: var(--triage-sev1, light-dark(#b3261e, #ff8a80));
  --_sev2: var(--triage-sev2, light-dark(#c25400, #ffab70));
  --_sev3: var(--triage-sev3, light-dark(#8a6d00, #f3d36b));
  --_sev4: var(--triage-sev4, light-dark(#2e6b3f, #8fd6a2));
  font: var(--triage-font, 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  color: var(--_fg);
}
:host(:state(light)) {
  color-scheme: light;
}
:host(:state(dark)) {
  color-scheme: dark;
}
:host(:state(os)) {
  color-scheme: light dark;
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
  min-height: 24px;
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
