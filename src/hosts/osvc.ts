/**
 * The Oracle Service Cloud host adapter: turns what the Browser UI Extensibility Framework knows
 * about the signed-in agent and the workspace they have in front of them into an AgentContext,
 * and keeps it current as the agent switches tabs.
 *
 * Field names are options because they are workspace names that differ by site and some are
 * unverified (../shared/reference/osvc.md §1.4): a site that renamed a field fixes it in config.
 */
import { browserAgentContext } from '../defaults.js';
import type { AgentContext, Records } from '../context.js';
import { createLogBuffer, type HostLogSource } from './log-buffer.js';
import type {
  IAgentSession,
  IExtensionGlobalContext,
  IExtensionLoader,
  IExtensionLogger,
  IExtensionPromise,
  IExtensionProvider,
  IErrorData,
  IOracleChatClient,
  IWorkspaceRecord,
  OracleServiceCloudGlobal,
} from './osvc-extension.js';

export type { IExtensionLoader, IExtensionLogger, IOracleChatClient } from './osvc-extension.js';
export type { HostLogLine, HostLogSource } from './log-buffer.js';

/** Record fields the adapter can fill, each read from one workspace field. */
export type OsvcRecordField = 'incidentId' | 'incidentReference' | 'contactId' | 'queue';

/** Workspace field names by default; `Incident.QueueId` is read with its label (the queue's name). */
export const DEFAULT_OSVC_FIELDS: Readonly<Record<OsvcRecordField, string>> = {
  incidentId: 'Incident.IId',
  incidentReference: 'Incident.RefNo',
  contactId: 'Incident.CId',
  queue: 'Incident.QueueId',
};

/** Numeric record ids: BUI gives unsaved records zero or negative ids, which identify nothing. */
const ID_FIELDS: ReadonlySet<OsvcRecordField> = new Set(['incidentId', 'contactId']);

/** Fields whose menu label means more to a reader than the numeric id. */
const LABELLED_FIELDS: ReadonlySet<OsvcRecordField> = new Set(['queue']);

export interface ConnectOsvcOptions {
  /** Defaults to the page's `ORACLE_SERVICE_CLOUD.extension_loader`. */
  loader?: IExtensionLoader;
  /** The add-in's id for `extension_loader.load`; Oracle samples reuse one id per add-in. */
  appId?: string;
  version?: string;
  /** Workspace field names to read, by record field; unspecified ones keep their default. */
  fields?: Partial<Record<OsvcRecordField, string>>;
  /** Values that win over what the host says (an app version, a site name). */
  overrides?: Partial<AgentContext>;
  /**
   * Follow the agent's current chat engagement through BUI's Chat API (default true). Sites
   * without chat, or frameworks without `getChatAPIInfo`, simply give no chat id.
   */
  chat?: boolean;
  /**
   * Loads the Chat API script at the URL BUI gives and returns its `IOracleChatClient`. The
   * default adds a `<script src>` to the add-in's own document (never BUI's).
   */
  loadChatClient?: (url: string) => Promise<IOracleChatClient>;
  /** How long connecting waits for the Chat API before going on without a chat id (default 5 s). */
  chatTimeoutMs?: number;
}

export interface OsvcHost {
  /** The agent and current workspace record as the host knows them now. */
  readonly agent: AgentContext;
  /** The site's Connect REST base (`.../services/rest`), for the OSvC transport. */
  readonly restBase: string;
  /**
   * Asks the host for the agent's session token each time: tokens expire with the session, and
   * keeping one (in memory or storage) would let it outlive the agent's sign-out.
   */
  getSessionToken(): Promise<string>;
  /** Calls back with a new AgentContext whenever the workspace record changes; returns an unsubscribe. */
  onChange(callback: (agent: AgentContext) => void): () => void;
  /** The host's logger, so triage-kit's messages land where the site's administrators look. */
  readonly logger: IExtensionLogger;
  /** What went through `logger` (the extension's own log), for the report's logs. */
  readonly logSource: HostLogSource;
  /** The extension provider, for the add-in's own UI (menus, modal windows). */
  readonly provider: IExtensionProvider;
  /** Cross-extension communication (`IExtensionGlobalContext.registerAction`): answers other extensions' `invokeAction(name)`. */
  registerAction(name: string, callback: (param: unknown) => unknown): void;
  /** Asks every extension that registered `name`; one answer each (`IGlobalActionResult.result`). */
  invokeAction(name: string, param?: unknown): Promise<unknown[]>;
  /** Stops following the workspace; the host's listeners cannot be removed, so they go quiet. */
  dispose(): void;
}

/** Thrown when the adapter runs outside an OSvC Browser UI add-in or the framework lacks a piece. */
export class OsvcUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OsvcUnavailableError';
  }
}

const SOURCE = 'OSvC';
const CHAT_SOURCE = 'OSvC Chat';

/**
 * Connects to the Browser UI Extensibility Framework and reads the agent's context.
 * Resolves once the agent is known and, if the framework already handed over a workspace, its
 * record fields are read; later workspace changes arrive through `onChange`.
 */
export async function connectOsvc(options: ConnectOsvcOptions = {}): Promise<OsvcHost> {
  const loader = options.loader ?? pageLoader();
  if (!loader) {
    throw new OsvcUnavailableError(
      'ORACLE_SERVICE_CLOUD.extension_loader is not available: connectOsvc() must run inside an ' +
        'Oracle Service Cloud Browser UI add-in (or be given options.loader).',
    );
  }
  const appId = options.appId ?? 'triage-kit';
  const fields = { ...DEFAULT_OSVC_FIELDS, ...options.fields };
  const provider = await settle(loader.load(appId, options.version ?? '1.0'), 'extension_loader.load');
  if (typeof provider.getGlobalContext !== 'function') {
    throw new OsvcUnavailableError('This OSvC extension provider has no getGlobalContext(): the agent cannot be identified.');
  }
  const logs = createLogBuffer(`OSvC extension (${appId})`);
  const logger = recordingLogger(provider.getLogger(appId), logs.add);

  // Register before waiting for the global context so a workspace handed over meanwhile is not missed.
  const workspace = followWorkspace(provider, fields, logger);
  const global = await settle(provider.getGlobalContext(), 'getGlobalContext');
  const base = agentFromGlobal(global, options.overrides);
  await workspace.firstRead;

  let disposed = false;
  const listeners = new Set<(agent: AgentContext) => void>();
  let chatId: string | undefined;
  const compose = () => withChat(withRecords(base, workspace.records), chatId);
  let current = compose();
  const publish = () => {
    if (disposed) return;
    current = compose();
    for (const listener of listeners) listener(current);
  };
  workspace.onRecords = () => publish();
  if (options.chat !== false) {
    await followChat(global, options.loadChatClient ?? loadChatClientScript, options.chatTimeoutMs ?? 5_000, logger, (id) => {
      if (id === chatId) return;
      chatId = id;
      publish();
    });
  }

  return {
    get agent() {
      return current;
    },
    restBase: global.getInterfaceServiceUrl('REST'),
    async getSessionToken() {
      const token = await settle(global.getSessionToken(), 'getSessionToken');
      return String(token);
    },
    onChange(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    logger,
    logSource: logs.logSource,
    provider,
    registerAction(name, callback) {
      if (typeof global.registerAction !== 'function') throw new OsvcUnavailableError('This OSvC framework has no registerAction(): other extensions cannot be answered.');
      global.registerAction(name, callback);
    },
    async invokeAction(name, param) {
      if (typeof global.invokeAction !== 'function') throw new OsvcUnavailableError('This OSvC framework has no invokeAction(): other extensions cannot be asked.');
      const answer = await settle(global.invokeAction(name, param), `invokeAction(${name})`);
      return Array.isArray(answer?.result) ? answer.result : [];
    },
    dispose() {
      disposed = true;
      listeners.clear();
    },
  };
}

function pageLoader(): IExtensionLoader | undefined {
  const osvc = (globalThis as { ORACLE_SERVICE_CLOUD?: Partial<OracleServiceCloudGlobal> }).ORACLE_SERVICE_CLOUD;
  return osvc?.extension_loader;
}

/** Turns Oracle's thenable into a Promise whose rejection is an Error naming the call. */
export function settle<T>(promise: IExtensionPromise<T>, call: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    promise.then(resolve, (error: IErrorData) => reject(new OsvcUnavailableError(`OSvC ${call} failed: ${describe(error)}`)));
  });
}

function describe(error: unknown): string {
  if (error && typeof (error as IErrorData).getDesc === 'function') return (error as IErrorData).getDesc();
  if (error instanceof Error) return error.message;
  return String(error);
}

function agentFromGlobal(global: IExtensionGlobalContext, overrides: Partial<AgentContext> = {}): AgentContext {
  const sources: Record<string, string> = {};
  const reporter: AgentContext['reporter'] = {};
  const put = (key: keyof AgentContext['reporter'], value: unknown) => {
    const text = present(value);
    if (text === undefined) return;
    reporter[key] = text;
    sources[`reporter.${key}`] = SOURCE;
  };
  put('accountId', global.getAccountId());
  put('login', global.getLogin());
  put('profile', global.getProfileName());
  put('site', global.getInterfaceName());

  const language = global.getLanguage();
  const locale = osvcLanguageToLocale(language);
  if (locale) sources.locale = SOURCE;

  return browserAgentContext({
    host: 'osvc',
    reporter,
    ...(locale ? { locale } : {}),
    // OSvC has no time-zone getter (osvc.md §1.3), so the browser's zone is the best guess.
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    sources,
    ...overrides,
  });
}

function withRecords(base: AgentContext, found: { records: Records; sources: Record<string, string> }): AgentContext {
  return { ...base, records: found.records, sources: { ...base.sources, ...found.sources } };
}

function withChat(agent: AgentContext, chatId: string | undefined): AgentContext {
  if (!chatId) return agent;
  return { ...agent, records: { ...agent.records, chatId }, sources: { ...agent.sources, 'records.chatId': CHAT_SOURCE } };
}

/** Forwards to BUI's logger and keeps a copy, since BUI's logger cannot be read back. */
function recordingLogger(host: IExtensionLogger, keep: (level: string, message: string) => void): IExtensionLogger {
  const level = (name: keyof IExtensionLogger) => (message: string) => {
    keep(name, message);
    host[name](message);
  };
  return { trace: level('trace'), debug: level('debug'), info: level('info'), warn: level('warn'), error: level('error') };
}

/**
 * BUI's Chat API (osvc.md §1.6): `getChatAPIInfo().getChatAPIURL()` names a script that defines
 * `IOracleChatClient`; its agent session says which engagement is current and when that changes.
 * Anything missing (no chat on the site, an older framework) leaves the chat id empty.
 */
async function followChat(
  global: IExtensionGlobalContext,
  load: (url: string) => Promise<IOracleChatClient>,
  timeoutMs: number,
  logger: IExtensionLogger,
  onEngagement: (id: string | undefined) => void,
): Promise<void> {
  if (typeof global.getChatAPIInfo !== 'function') return;
  let session: IAgentSession;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const url = (await settle(global.getChatAPIInfo(), 'getChatAPIInfo')).getChatAPIURL();
    if (!url) return;
    // A Chat API that never answers must not keep the reporter from opening.
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from ${url} within ${timeoutMs} ms`)), timeoutMs);
    });
    session = await Promise.race([load(url).then((client) => client.getAgentSession()), late]);
  } catch (error) {
    logger.warn(`triage-kit could not reach the BUI Chat API, so reports carry no chat id: ${describe(error)}`);
    return;
  } finally {
    clearTimeout(timer);
  }
  const read = async () => {
    try {
      const engagement = session.IsLoggedIn ? await session.getCurrentEngagement() : undefined;
      onEngagement(present(engagement?.EngagementId));
    } catch (error) {
      logger.warn(`triage-kit could not read the current chat engagement: ${describe(error)}`);
    }
  };
  // Accepting, and a chat ending or moving away, change which engagement is current.
  session.engagementAccepted(() => void read());
  session.engagementRemoved(() => void read());
  await read();
}

/** Adds the Chat API script to the add-in's own document and returns the client it defines. */
export function loadChatClientScript(url: string): Promise<IOracleChatClient> {
  const existing = (globalThis as { IOracleChatClient?: IOracleChatClient }).IOracleChatClient;
  if (existing) return Promise.resolve(existing);
  if (typeof document === 'undefined') return Promise.reject(new Error('no document to load the Chat API script into'));
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.addEventListener('load', () => {
      const client = (globalThis as { IOracleChatClient?: IOracleChatClient }).IOracleChatClient;
      if (client) resolve(client);
      else reject(new Error(`${url} loaded but defined no IOracleChatClient`));
    });
    script.addEventListener('error', () => reject(new Error(`${url} could not be loaded`)));
    document.head.append(script);
  });
}

const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  spanish: 'es',
  español: 'es',
  french: 'fr',
  français: 'fr',
  german: 'de',
  deutsch: 'de',
  portuguese: 'pt',
  português: 'pt',
  italian: 'it',
  italiano: 'it',
  dutch: 'nl',
  japanese: 'ja',
};

/**
 * OSvC's `getLanguage()` format is not documented (osvc.md §1.3): sites show 'en_US'-style codes
 * and language names, so both are understood; anything else yields undefined (use the browser's).
 */
export function osvcLanguageToLocale(language: string | undefined | null): string | undefined {
  if (!language) return undefined;
  const trimmed = language.trim();
  const named = LANGUAGE_NAMES[trimmed.toLowerCase()];
  if (named) return named;
  try {
    const [canonical] = Intl.getCanonicalLocales(trimmed.replace(/_/g, '-'));
    return canonical;
  } catch {
    return undefined;
  }
}

function present(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = String(value).trim();
  return text.length > 0 ? text : undefined;
}

interface FoundRecords {
  records: Records;
  sources: Record<string, string>;
}

interface WorkspaceFollower {
  records: FoundRecords;
  /** Settles when the record handed over before connect finished (if any) has been read. */
  firstRead: Promise<void>;
  onRecords?: (records: FoundRecords) => void;
}

/**
 * Reads the record fields of whichever workspace is current, again on every tab switch and save.
 * A read that finishes after a newer one started is dropped, so a slow read of the previous tab
 * never overwrites the tab the agent is looking at.
 */
function followWorkspace(
  provider: IExtensionProvider,
  fields: Record<OsvcRecordField, string>,
  logger: IExtensionLogger,
): WorkspaceFollower {
  let generation = 0;
  let listening = false;
  let firstRead: Promise<void> | undefined;
  const follower: WorkspaceFollower = {
    records: { records: {}, sources: {} },
    get firstRead() {
      return firstRead ?? Promise.resolve();
    },
  };

  const read = (record: IWorkspaceRecord): Promise<void> => {
    const mine = ++generation;
    return readRecords(record, fields, logger).then((found) => {
      if (mine !== generation) return;
      follower.records = found;
      follower.onRecords?.(found);
    });
  };

  provider.registerWorkspaceExtension((record) => {
    if (!listening) {
      listening = true;
      // One listener is enough: BUI reports every editor tab switch to it, with the new record.
      record.addCurrentEditorTabChangedListener((event) => void read(event.getWorkspaceRecord()));
    }
    // A new incident gets its reference number and id when saved.
    record.addRecordSavedListener((event) => void read(event.getWorkspaceRecord()));
    const reading = read(record);
    firstRead ??= reading;
  });
  return follower;
}

async function readRecords(
  record: IWorkspaceRecord,
  fields: Record<OsvcRecordField, string>,
  logger: IExtensionLogger,
): Promise<FoundRecords> {
  const type = record.getWorkspaceRecordType();
  const id = record.getWorkspaceRecordId();
  const records: Records = {};
  const sources: Record<string, string> = {};

  // Only fields of the open record's type: asking an Incident workspace for Contact fields is undefined.
  const wanted = (Object.keys(fields) as OsvcRecordField[]).filter((key) => objectOf(fields[key]) === type);
  if (wanted.length > 0) {
    try {
      const details = await settle(record.getFieldValues(wanted.map((key) => fields[key]), true), 'getFieldValues');
      for (const key of wanted) {
        const field = details.getField(fields[key]);
        if (!field) continue;
        const value = LABELLED_FIELDS.has(key) ? (present(field.getLabel()) ?? present(field.getValue())) : present(field.getValue());
        if (value === undefined || (ID_FIELDS.has(key) && !(Number(value) > 0))) continue;
        records[key] = value;
        sources[`records.${key}`] = SOURCE;
      }
    } catch (error) {
      // Nothing lost: the agent types what the host could not give; the log names the fields to fix.
      logger.warn(
        `triage-kit could not read workspace fields ${wanted.map((key) => fields[key]).join(', ')} ` +
          `(configure them with connectOsvc({ fields })): ${describe(error)}`,
      );
    }
  }
  // The record id is in Oracle's typings, so it backs up a renamed or unreadable id field. New unsaved records have negative ids.
  const idField = type === 'Incident' ? 'incidentId' : type === 'Interaction' ? 'interactionId' : undefined;
  if (idField && records[idField] === undefined && id > 0) {
    records[idField] = String(id);
    sources[`records.${idField}`] = SOURCE;
  }
  return { records, sources };
}

function objectOf(fieldName: string): string {
  const dot = fieldName.indexOf('.');
  return dot > 0 ? fieldName.slice(0, dot) : fieldName;
}
