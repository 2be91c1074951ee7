import { css } from 'lit';

// Why, kept out of the template (the embed build ships the css text, comments included):
// - `button[aria-pressed='true']` outranks the base `button:hover`, so a pressed quick pick under
//   the mouse keeps its colours.
// - `presentation=embedded`: in a host's window (a BUI modal, a side pane) there is no dialog of
//   its own; the form fills the window.
export const styles = css`
:host {
  display: contents;
  --_pad: 1.25rem;
}
dialog {
  width: min(46rem, calc(100vw - 2rem));
  max-height: calc(100dvh - 2rem);
  padding: 0;
  border: 1px solid var(--_border);
  border-radius: calc(var(--_radius) + 4px);
  background: var(--_bg);
  color: var(--_fg);
  box-shadow: 0 24px 64px rgb(0 0 0 / .28);
}
dialog::backdrop {
  background: rgb(15 20 30 / .45);
}
header {
  position: sticky;
  top: 0;
  z-index: 1;
  display: flex;
  align-items: center;
  gap: .75rem;
  padding: .75rem var(--_pad);
  border-bottom: 1px solid var(--_border);
  background: var(--_bg);
}
h2 {
  flex: 1;
  margin: 0;
  font-size: 1.2rem;
}
h3 {
  margin: 0 0 .6rem;
  font-size: .8rem;
  letter-spacing: .06em;
  text-transform: uppercase;
  color: var(--_muted);
}
.x {
  min-width: 36px;
  padding: .3rem;
  border-color: transparent;
}
[part~='body'] {
  display: block;
  padding: 1rem var(--_pad) 0;
}
p {
  margin: 0 0 .5rem;
}
section {
  padding: 1rem 0;
  border-top: 1px solid var(--_border);
}
.grid {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr));
  gap: .75rem 1rem;
}
.wide {
  grid-column: 1 / -1;
}
[aria-labelledby=s-what] .grid {
  grid-template-columns: repeat(auto-fit, minmax(max(13rem, 45%), 1fr));
}
.field {
  display: grid;
  gap: .25rem;
  align-content: start;
}
label, .label {
  font-weight: 600;
}
.req {
  color: var(--_danger);
}
.source {
  margin-left: .35rem;
  padding: 0 .4rem;
  border-radius: 999px;
  background: var(--_surface);
  color: var(--_muted);
  font-size: .75rem;
  font-weight: 500;
}
.check {
  display: flex;
  gap: .5rem;
  font-weight: 400;
}
.picks {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: .4rem;
}
.picks .label {
  flex-basis: 100%;
}
button[aria-pressed='true'] {
  border-color: var(--_accent);
  background: var(--_accent);
  color: var(--_accent-fg);
}
.drop {
  display: grid;
  gap: .4rem;
  padding: 1rem;
  border: 2px dashed var(--_border);
  border-radius: var(--_radius);
  background: var(--_surface);
}
.files {
  margin: 0;
  padding: 0;
  list-style: none;
}
.files li {
  display: flex;
  align-items: center;
  gap: .75rem;
  padding: .3rem 0;
}
.files span {
  flex: 1;
  overflow-wrap: anywhere;
}
.suggestion, .sla, .signals, .status, .errors {
  margin-bottom: .75rem;
  padding: .75rem 1rem;
  border-radius: var(--_radius);
  background: var(--_surface);
}
.badge {
  padding-left: .6rem;
  border-left: 4px solid var(--_sev);
}
.sev1 {
  --_sev: var(--_sev1);
}
.sev2 {
  --_sev: var(--_sev2);
}
.sev3 {
  --_sev: var(--_sev3);
}
.sev4 {
  --_sev: var(--_sev4);
}
.reasons {
  margin: 0;
  padding-left: 1.25rem;
}
.signals {
  border: 1px solid var(--_warn);
}
footer {
  position: sticky;
  bottom: 0;
  display: grid;
  gap: .5rem;
  margin: 0 calc(-1 * var(--_pad));
  padding: .75rem var(--_pad);
  border-top: 1px solid var(--_border);
  background: var(--_bg);
}
.send {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: .5rem 1rem;
}
.send p {
  margin: 0;
  font-weight: 600;
}
[part~='submit'] {
  margin-left: auto;
  min-width: 10rem;
}
.errors {
  border: 1px solid var(--_danger);
}
.errors ul {
  margin: 0;
  padding-left: 1.25rem;
}
.errors .link {
  color: var(--_danger);
  text-align: start;
}
.status {
  margin: 0;
  border-left: 4px solid var(--_accent);
}
.status.sent {
  border-color: var(--_ok);
}
.status.failed {
  border-color: var(--_danger);
}
progress {
  width: 100%;
  accent-color: var(--_accent);
}
.result, .confirm {
  padding-bottom: 1.25rem !important;
}
.actions {
  display: flex;
  flex-wrap: wrap;
  gap: .5rem;
  margin-top: 1rem;
}
.capturing, dialog.capturing::backdrop {
  visibility: hidden;
}
:host([presentation=docked]) dialog {
  position: fixed;
  z-index: var(--triage-z-index, 1000);
  inset: 0 0 0 auto;
  width: min(30rem, 100vw);
  height: 100dvh;
  max-height: none;
  margin: 0;
  overflow: auto;
  border-width: 0 0 0 1px;
  border-radius: 0;
  box-shadow: -8px 0 32px rgb(0 0 0 / .18);
}
.context {
  margin-bottom: .75rem;
  padding: .75rem 1rem;
  border: 1px solid var(--_accent);
  border-radius: var(--_radius);
}
.context .actions {
  margin-top: .5rem;
}
.recap {
  display: grid;
  grid-template-columns: auto 1fr;
  gap: .25rem 1rem;
  margin: 1rem 0 0;
}
.recap dt {
  font-weight: 600;
}
.recap dd {
  margin: 0;
}
:host([presentation=embedded]) {
  display: block;
  block-size: 100%;
}
section[part~=dialog] {
  padding: 0;
  border: 0;
  block-size: 100%;
  overflow: auto;
  background: var(--_bg);
  color: var(--_fg);
}
.danger {
  border-color: var(--_danger);
  color: var(--_danger);
}
@media (max-width: 480px) {
  :host {
    --_pad: .75rem;
  }
  dialog {
    width: 100vw;
    max-width: none;
    height: 100dvh;
    max-height: none;
    margin: 0;
    border-radius: 0;
  }
}
`;
