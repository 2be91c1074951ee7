/**
 * The embed file `triage-rewind.js`: importing it starts the rewind buffer, so a host without a
 * bundler adds one `<script type="module">` before everything else. Options come from
 * `globalThis.triageRewind` when the host set it first ({ maxEntries, maxChars }). Log sources
 * register with `registerLogSource`, exported by `triage-logs.js` (the same registry).
 */
import { installRewind, type RewindOptions } from './rewind.js';

export { installRewind } from './rewind.js';
export type { Rewind, RewindOptions } from './rewind.js';
export type { LogEntry, LogSource, LogWindow } from './sources.js';

export const rewind = installRewind((globalThis as { triageRewind?: RewindOptions }).triageRewind);
