/**
 * The media bar (CTI toolbar) API: what a telephony vendor's toolbar knows and OSvC does not
 * (the ACD agent ID, the extension, the agent's state, the interaction in progress), handed to
 * triage-kit in two lines:
 *
 * ```js
 * const bar = createMediaBar();
 * bar.update({ acdAgentId: '7001', extension: '4411', agentState: 'available',
 *              interaction: { channel: 'chat', id: 'ENG-20931', queue: 'ABC' } });
 * provider.agent = bar.applyTo(host.agent);     // again in bar.onChange(...) and host.onChange(...)
 * ```
 *
 * The bar's values go into an AgentContext marked with their source ('Media bar'); its state
 * changes and the vendor's own messages (`bar.log()`) are a log source for the report.
 * OSvC has no media-bar interface (../shared/reference/osvc.md §1.5), so this is ours.
 *
 * Other extensions (the add-in's reporter in its BUI modal window) reach the bar through Oracle's
 * cross-extension actions (`IExtensionGlobalContext.registerAction` / `invokeAction`):
 * `shareMediaBar(bar, host)` on the toolbar's side, `askMediaBar(host)` on the reporter's.
 */
import type { AgentContext } from '../context.js';
import { createLogBuffer, type HostLogSource } from './log-buffer.js';

export interface MediaBarInteraction {
  /** 'voice', 'chat', 'email', or the vendor's own word. */
  channel: string;
  /** The vendor's interaction id (for chat, the engagement id). */
  id: string;
  queue?: string;
}

export interface MediaBarState {
  acdAgentId?: string;
  extension?: string;
  /** The agent's state in the ACD ('available', 'not-ready', 'on-call'…), for the log. */
  agentState?: string;
  /** The interaction in progress; undefined when the agent is idle. */
  interaction?: MediaBarInteraction;
}

export interface MediaBarOptions {
  /** Shown as the source of prefilled values and log lines; defaults to 'Media bar'. */
  sourceLabel?: string;
  initial?: MediaBarState;
  /** How many log lines to keep (oldest drop off). */
  maxLogLines?: number;
}

export interface MediaBar {
  readonly state: Readonly<MediaBarState>;
  /** The toolbar reports a change; keys given as undefined are cleared (`{ interaction: undefined }` at hang-up). */
  update(patch: Partial<MediaBarState>): void;
  /** The toolbar's own messages, kept for the report's logs. */
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
  /** An AgentContext with the bar's values merged over `agent`'s, each marked with the source label. */
  applyTo(agent: AgentContext): AgentContext;
  onChange(callback: (state: Readonly<MediaBarState>) => void): () => void;
  readonly logSource: HostLogSource;
}

const RECORD_FOR_CHANNEL: Record<string, 'chatId' | 'interactionId'> = { chat: 'chatId' };

/** Values from the bar as AgentContext fields (pure: the same state gives the same fields). */
export function mergeMediaBar(agent: AgentContext, state: MediaBarState, sourceLabel = 'Media bar'): AgentContext {
  const reporter = { ...agent.reporter };
  const records = { ...agent.records };
  const sources = { ...agent.sources };
  const put = <T extends Record<string, string | undefined>>(target: T, group: string, key: keyof T & string, value: string | undefined) => {
    const text = value?.trim();
    if (!text) return;
    (target as Record<string, string>)[key] = text;
    sources[`${group}.${key}`] = sourceLabel;
  };
  put(reporter, 'reporter', 'acdAgentId', state.acdAgentId);
  put(reporter, 'reporter', 'extension', state.extension);
  const interaction = state.interaction;
  if (interaction) {
    put(records, 'records', RECORD_FOR_CHANNEL[interaction.channel.toLowerCase()] ?? 'interactionId', interaction.id);
    put(records, 'records', 'queue', interaction.queue);
  }
  // A media bar inside OSvC is still an OSvC desktop; on its own it is the host.
  return { ...agent, host: agent.host === 'standalone' ? 'media-bar' : agent.host, reporter, records, sources };
}

/** Checks a patch so a vendor's mistake is named, not silently turned into "[object Object]". */
function checkPatch(patch: Partial<MediaBarState>): void {
  for (const key of ['acdAgentId', 'extension', 'agentState'] as const) {
    const value = patch[key];
    if (value !== undefined && typeof value !== 'string') throw new TypeError(`Media bar ${key} must be text (got ${typeof value}).`);
  }
  const interaction = patch.interaction;
  if (interaction !== undefined) {
    if (typeof interaction !== 'object' || interaction === null) throw new TypeError('Media bar interaction must be { channel, id, queue? }.');
    if (typeof interaction.channel !== 'string' || !interaction.channel) throw new TypeError('Media bar interaction.channel must be text such as "voice" or "chat".');
    if (typeof interaction.id !== 'string' || !interaction.id) throw new TypeError('Media bar interaction.id must be the interaction id as text.');
    if (interaction.queue !== undefined && typeof interaction.queue !== 'string') throw new TypeError('Media bar interaction.queue must be text.');
  }
}

export function createMediaBar(options: MediaBarOptions = {}): MediaBar {
  const sourceLabel = options.sourceLabel ?? 'Media bar';
  const logs = createLogBuffer(sourceLabel, options.maxLogLines);
  const listeners = new Set<(state: Readonly<MediaBarState>) => void>();
  if (options.initial) checkPatch(options.initial);
  let state: Readonly<MediaBarState> = Object.freeze({ ...options.initial });

  const describe = (interaction: MediaBarInteraction | undefined) =>
    interaction ? `${interaction.channel} ${interaction.id}${interaction.queue ? ` (queue ${interaction.queue})` : ''}` : 'none';

  return {
    get state() {
      return state;
    },
    update(patch) {
      checkPatch(patch);
      const next = Object.freeze({ ...state, ...patch });
      if (patch.agentState !== undefined && patch.agentState !== state.agentState) {
        logs.add('info', `agent state ${state.agentState ?? 'unknown'} -> ${patch.agentState}`);
      }
      if ('interaction' in patch && describe(patch.interaction) !== describe(state.interaction)) {
        logs.add('info', patch.interaction ? `interaction started: ${describe(patch.interaction)}` : `interaction ended: ${describe(state.interaction)}`);
      }
      state = next;
      for (const listener of [...listeners]) listener(state);
    },
    log(level, message) {
      logs.add(level, String(message));
    },
    applyTo(agent) {
      return mergeMediaBar(agent, state, sourceLabel);
    },
    onChange(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    logSource: logs.logSource,
  };
}

/** The cross-extension action the media bar answers with its state. */
export const MEDIA_BAR_ACTION = 'triage-kit.media-bar.state';

/** Lets other extensions read the bar's state now (`invokeAction(MEDIA_BAR_ACTION)`); a copy, never the bar itself. */
export function shareMediaBar(bar: MediaBar, host: { registerAction(name: string, callback: (param: unknown) => unknown): void }): void {
  host.registerAction(MEDIA_BAR_ACTION, () => JSON.parse(JSON.stringify(bar.state)) as MediaBarState);
}

/**
 * The state of the first media bar that answers, or undefined when none is there (no toolbar,
 * or one that does not share); an answer that is not a media-bar state is skipped, not trusted.
 */
export async function askMediaBar(host: { invokeAction(name: string, param?: unknown): Promise<unknown[]> }): Promise<MediaBarState | undefined> {
  for (const answer of await host.invokeAction(MEDIA_BAR_ACTION)) {
    if (typeof answer !== 'object' || answer === null) continue;
    const { acdAgentId, extension, agentState, interaction } = answer as MediaBarState;
    const state = withoutUndefined({ acdAgentId, extension, agentState, interaction });
    try {
      checkPatch(state);
      return state;
    } catch {
      // Not a state this module wrote: the next answer may be.
    }
  }
  return undefined;
}

function withoutUndefined(state: MediaBarState): MediaBarState {
  return Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined)) as MediaBarState;
}
