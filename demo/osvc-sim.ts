/**
 * An in-memory Oracle Service Cloud Browser UI for the demo desktop and the tests: an
 * `ORACLE_SERVICE_CLOUD.extension_loader` whose objects implement Oracle's published interfaces
 * (src/hosts/osvc-extension.ts), so `tsc` holds the simulation to Oracle's contract, with a
 * controllable agent and workspace tabs. It stands in for OSvC only; everything else is real.
 */
import type {
  IAgentSession,
  IChatAPIInfo,
  IEngagement,
  IErrorData,
  IEvent,
  IEventHandler,
  IExtensionGlobalContext,
  IGlobalActionResult,
  IExtensionLoader,
  IExtensionLogger,
  IExtensionPromise,
  IExtensionProvider,
  IFieldData,
  IFieldDetails,
  IGlobalHeaderContext,
  IGlobalHeaderMenu,
  IGlobalHeaderMenuItem,
  IModalWindow,
  IModalWindowContext,
  IObjectDetail,
  IOracleChatClient,
  ISidePane,
  ISidePaneContext,
  IStatusBarContext,
  IStatusBarItem,
  IUserInterfaceContext,
  IWorkspaceRecord,
  IWorkspaceRecordEventParameter,
  OracleServiceCloudGlobal,
} from '../src/hosts/osvc-extension.js';

export interface SimAgent {
  accountId: number;
  login: string;
  profileId: number;
  profileName: string;
  interfaceId: number;
  interfaceName: string;
  interfaceUrl: string;
  languageId: number;
  language: string;
  /** What `getInterfaceServiceUrl('REST')` answers. */
  restBase: string;
  sessionToken: string;
}

/** A workspace field: its value and, for menu fields, the label BUI shows (a queue's name). */
export interface SimField {
  value: unknown;
  label?: string;
}

export interface SimRecord {
  type: string;
  id: number;
  fields: Record<string, SimField>;
}

export interface SimOptions {
  agent?: Partial<SimAgent>;
  /** Open workspace tabs; the first is current unless `current` says otherwise. */
  records?: SimRecord[];
  current?: number;
  /** Simulates an old framework without `getGlobalContext` (it is optional in Oracle's typings). */
  withoutGlobalContext?: boolean;
  /** BUI chat: the agent's session and engagements; without it the site has no chat (empty Chat API URL). */
  chat?: { loggedIn?: boolean; engagements?: SimEngagement[]; current?: string };
  /** What `getChatAPIInfo().getChatAPIURL()` answers when the site has chat. */
  chatApiUrl?: string;
}

export interface SimEngagement {
  id: string;
  incidentId?: number;
  queueId?: number;
  queueName?: string;
}

export interface SimLogLine {
  logger: string;
  level: keyof IExtensionLogger;
  message: string;
}

export const DEFAULT_SIM_AGENT: SimAgent = {
  accountId: 4187,
  login: 'maria.lopez',
  profileId: 12,
  profileName: 'Tier 1 Chat Agent',
  interfaceId: 1,
  interfaceName: 'acme_support',
  interfaceUrl: 'https://acme.custhelp.com',
  languageId: 1,
  language: 'en_US',
  restBase: 'https://acme.custhelp.com/services/rest',
  sessionToken: 'sim-session-token',
};

/** Oracle's thenable: `then` returns the same promise and callbacks run asynchronously, like BUI's. */
export class SimPromise<T> implements IExtensionPromise<T> {
  private outcome?: { ok: true; value: T } | { ok: false; error: IErrorData };
  private waiting: Array<{ onCompleted: (value: T) => void; onRejected?: (error: IErrorData) => void }> = [];

  then(onCompleted: (sdk: T) => void, onRejected?: (param: IErrorData) => void): IExtensionPromise<T> {
    this.waiting.push({ onCompleted, onRejected });
    if (this.outcome) this.drain();
    return this;
  }

  catch(onRejected: (param: IErrorData) => void): void {
    this.then(() => undefined, onRejected);
  }

  resolve(resolveReason: T): IExtensionPromise<T> {
    if (!this.outcome) {
      this.outcome = { ok: true, value: resolveReason };
      this.drain();
    }
    return this;
  }

  reject(rejectReason: IErrorData): IExtensionPromise<T> {
    if (!this.outcome) {
      this.outcome = { ok: false, error: rejectReason };
      this.drain();
    }
    return this;
  }

  private drain(): void {
    const outcome = this.outcome!;
    const callbacks = this.waiting.splice(0);
    queueMicrotask(() => {
      for (const { onCompleted, onRejected } of callbacks) {
        if (outcome.ok) onCompleted(outcome.value);
        else onRejected?.(outcome.error);
      }
    });
  }

  static resolved<T>(value: T): SimPromise<T> {
    const promise = new SimPromise<T>();
    promise.resolve(value);
    return promise;
  }

  static rejected<T>(description: string): SimPromise<T> {
    const promise = new SimPromise<T>();
    promise.reject(new SimError(description));
    return promise;
  }
}

class SimError implements IErrorData {
  constructor(private readonly description: string) {}
  getDesc(): string {
    return this.description;
  }
}

class SimFieldData implements IFieldData {
  constructor(private readonly field: SimField) {}
  getLabel(): string {
    return this.field.label ?? '';
  }
  getValue(): any {
    return this.field.value;
  }
}

class SimFieldDetails implements IFieldDetails {
  constructor(private readonly fields: Record<string, SimField>, private readonly withLabels: boolean) {}
  getField(fieldName: string): IFieldData {
    const field = this.fields[fieldName];
    return new SimFieldData(this.withLabels ? field : { value: field.value });
  }
}

class SimEventHandler implements IEventHandler {
  private cancelled = false;
  cancel(): void {
    this.cancelled = true;
  }
  isCancelled(): boolean {
    return this.cancelled;
  }
}

class SimEventParameter implements IWorkspaceRecordEventParameter {
  readonly event: IEvent;
  private readonly handler = new SimEventHandler();

  constructor(
    name: string,
    private readonly record: SimWorkspaceRecord,
    readonly newWorkspace?: IObjectDetail,
    readonly oldWorkspace?: IObjectDetail,
  ) {
    this.event = { event: name };
  }
  getWorkspaceRecord(): IWorkspaceRecord {
    return this.record;
  }
  getCurrentEvent(): IEventHandler {
    return this.handler;
  }
  getField(fieldName: string): IFieldData {
    return new SimFieldData(this.record.data.fields[fieldName] ?? { value: null });
  }
}

type WorkspaceListener = (param: IWorkspaceRecordEventParameter) => void;

class SimWorkspaceRecord implements IWorkspaceRecord {
  constructor(private readonly sim: OsvcSimulator, readonly data: SimRecord) {}

  getId(): string {
    return `${this.data.type}-${this.data.id}`;
  }
  getUIType(): string {
    return 'WorkspaceRecord';
  }
  getWorkspaceRecordType(): string {
    return this.data.type;
  }
  getWorkspaceRecordId(): number {
    return this.data.id;
  }
  getCurrentWorkspace(): IObjectDetail {
    return detail(this.data);
  }
  addCurrentEditorTabChangedListener(callbackFunctionReference: WorkspaceListener, context?: any): IWorkspaceRecord {
    this.sim.tabListeners.push(callbackFunctionReference.bind(context));
    return this;
  }
  addRecordSavedListener(callbackFunctionReference: WorkspaceListener, context?: any): IWorkspaceRecord {
    const listeners = this.sim.savedListeners.get(this.getId()) ?? [];
    listeners.push(callbackFunctionReference.bind(context));
    this.sim.savedListeners.set(this.getId(), listeners);
    return this;
  }
  getFieldValues(fieldNameArr: string[], isLabelsRequired?: boolean): IExtensionPromise<IFieldDetails> {
    const unknown = fieldNameArr.filter((name) => !(name in this.data.fields));
    if (unknown.length > 0) {
      return SimPromise.rejected(`Unknown field(s) on the ${this.data.type} workspace: ${unknown.join(', ')}`);
    }
    return SimPromise.resolved<IFieldDetails>(new SimFieldDetails(this.data.fields, isLabelsRequired === true));
  }
}

class SimGlobalContext implements IExtensionGlobalContext {
  constructor(private readonly sim: OsvcSimulator) {}
  getProfileId(): number {
    return this.sim.agent.profileId;
  }
  getProfileName(): string {
    return this.sim.agent.profileName;
  }
  getInterfaceId(): number {
    return this.sim.agent.interfaceId;
  }
  getInterfaceName(): string {
    return this.sim.agent.interfaceName;
  }
  getInterfaceUrl(): string {
    return this.sim.agent.interfaceUrl;
  }
  getAccountId(): number {
    return this.sim.agent.accountId;
  }
  getLanguageId(): number {
    return this.sim.agent.languageId;
  }
  getLanguage(): string {
    return this.sim.agent.language;
  }
  getInterfaceServiceUrl(connectServiceType: string): string {
    return connectServiceType === 'REST' ? this.sim.agent.restBase : '';
  }
  getLogin(): string {
    return this.sim.agent.login;
  }
  getSessionToken(): IExtensionPromise<String> {
    this.sim.tokenRequests += 1;
    return SimPromise.resolved<String>(this.sim.agent.sessionToken);
  }
  getChatAPIInfo(): IExtensionPromise<IChatAPIInfo> {
    const url = this.sim.chat ? this.sim.chatApiUrl : '';
    return SimPromise.resolved<IChatAPIInfo>({ getChatAPIURL: () => url });
  }
  registerAction(actionName: string, callbackFunction: (param: any) => any): void {
    const callbacks = this.sim.actions.get(actionName) ?? [];
    this.sim.actions.set(actionName, [...callbacks, callbackFunction]);
  }
  /** One result per registered callback, a callback's thenable awaited; none registered gives an empty list. */
  invokeAction(actionName: string, param?: any): IExtensionPromise<IGlobalActionResult> {
    const promise = new SimPromise<IGlobalActionResult>();
    const callbacks = this.sim.actions.get(actionName) ?? [];
    Promise.all(callbacks.map((callback) => Promise.resolve().then(() => callback(param)))).then(
      (result) => void promise.resolve({ result }),
      (error: unknown) => void promise.reject({ getDesc: () => `action ${actionName} failed: ${error instanceof Error ? error.message : String(error)}` }),
    );
    return promise;
  }
}

class SimLogger implements IExtensionLogger {
  constructor(private readonly sim: OsvcSimulator, private readonly name: string) {}
  trace(message: string): void {
    this.sim.log.push({ logger: this.name, level: 'trace', message });
  }
  debug(message: string): void {
    this.sim.log.push({ logger: this.name, level: 'debug', message });
  }
  info(message: string): void {
    this.sim.log.push({ logger: this.name, level: 'info', message });
  }
  warn(message: string): void {
    this.sim.log.push({ logger: this.name, level: 'warn', message });
  }
  error(message: string): void {
    this.sim.log.push({ logger: this.name, level: 'error', message });
  }
}

class SimDisposable {
  dispose = (): void => undefined;
  disposeChild = (_disposalKey: string): void => undefined;
  getDisposalKey = (): string => 'triage-sim';
}

class SimProvider extends SimDisposable implements IExtensionProvider {
  getGlobalContext?: () => IExtensionPromise<IExtensionGlobalContext>;

  constructor(private readonly sim: OsvcSimulator, private readonly appId: string, private readonly base: string) {
    super();
    if (!sim.withoutGlobalContext) {
      this.getGlobalContext = () => SimPromise.resolved<IExtensionGlobalContext>(new SimGlobalContext(sim));
    }
  }
  getApplicationId(): string {
    return this.appId;
  }
  registerWorkspaceExtension(userFunction: (param: IWorkspaceRecord) => void, objectType?: string, objectId?: number): void {
    const current = this.sim.currentRecord();
    if (!current) return;
    if (objectType !== undefined && current.type !== objectType) return;
    if (objectId !== undefined && current.id !== objectId) return;
    // BUI hands the record over asynchronously, after registration returns.
    queueMicrotask(() => userFunction(this.sim.workspaceRecord(current)));
  }
  registerUserInterfaceExtension(userFunction: (param: IUserInterfaceContext) => void): void {
    queueMicrotask(() => userFunction(new SimUserInterfaceContext(this.sim, this.base)));
  }
  getLogger(loggerName?: string): IExtensionLogger {
    return new SimLogger(this.sim, loggerName ?? this.appId);
  }
}

class SimLoader extends SimDisposable implements IExtensionLoader {
  /** `base`: the add-in's init file URL, against which its content URLs resolve. */
  constructor(private readonly sim: OsvcSimulator, private readonly base: string) {
    super();
  }
  load(appId: string, version?: string, _userScriptList?: string[]): IExtensionPromise<IExtensionProvider> {
    this.sim.loads.push({ appId, version });
    return SimPromise.resolved<IExtensionProvider>(new SimProvider(this.sim, appId, this.base));
  }
}

function detail(record: SimRecord): IObjectDetail {
  return { objectId: record.id, objectType: record.type, contextId: `${record.type}-${record.id}` };
}


// ── User interface: what an add-in puts in BUI's chrome. The simulator only records it; a shell
// (demo/bui-double/shell.ts) draws it, as BUI draws what its framework was told. ──

/** Where a content URL points: relative URLs resolve against the add-in's init file. */
function resolveContent(base: string, url: string): string {
  return base ? new URL(url, base).href : url;
}

class SimMenuItem implements IGlobalHeaderMenuItem {
  private label = '';
  private handler: (item: IGlobalHeaderMenuItem) => void = () => undefined;
  getLabel(): string {
    return this.label;
  }
  setLabel(label: string): void {
    this.label = label;
  }
  setHandler(callback: (globalHeaderMenuItem: IGlobalHeaderMenuItem) => void): void {
    this.handler = callback;
  }
  getHandler(): (globalHeaderMenuItem: IGlobalHeaderMenuItem) => void {
    return this.handler;
  }
}

export class SimGlobalHeaderMenu implements IGlobalHeaderMenu {
  private label = '';
  private disabled = false;
  readonly items: SimMenuItem[] = [];
  rendered = false;
  private handler?: (menu: IGlobalHeaderMenu) => void;
  constructor(private readonly sim: OsvcSimulator, private readonly id: string) {}
  getId(): string {
    return this.id;
  }
  getUIType(): string {
    return 'GlobalHeaderMenu';
  }
  getLabel(): string {
    return this.label;
  }
  setLabel(label: string): void {
    this.label = label;
  }
  isDisabled(): boolean {
    return this.disabled;
  }
  setDisabled(disabled: boolean): void {
    this.disabled = disabled;
  }
  addMenuItem(menuItem: IGlobalHeaderMenuItem): void {
    this.items.push(menuItem as SimMenuItem);
  }
  createMenuItem(): IGlobalHeaderMenuItem {
    return new SimMenuItem();
  }
  render(): void {
    this.rendered = true;
    this.sim.changedUi();
  }
  setHandler(callback: (globalHeaderMenu: IGlobalHeaderMenu) => void): void {
    this.handler = callback;
  }
  /** The agent clicks the menu's own icon. */
  click(): void {
    this.handler?.(this);
  }
}

export class SimModalWindow implements IModalWindow {
  title = '';
  contentUrl = '';
  width = '';
  height = '';
  closable = true;
  private static next = 0;
  private readonly id = `modal-${++SimModalWindow.next}`;
  constructor(private readonly sim: OsvcSimulator, private readonly base: string) {}
  getId(): string {
    return this.id;
  }
  getUIType(): string {
    return 'ModalWindow';
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setContentUrl(url: string): void {
    this.contentUrl = resolveContent(this.base, url);
  }
  setWidth(width: string): void {
    this.width = width;
  }
  setHeight(height: string): void {
    this.height = height;
  }
  setClosable(isClosable: boolean): void {
    this.closable = isClosable;
  }
  render(): IExtensionPromise<IModalWindow> {
    if (!this.contentUrl) return SimPromise.rejected('A modal window needs setContentUrl() before render().');
    if (!this.sim.modals.includes(this)) this.sim.modals.push(this);
    this.sim.changedUi();
    return SimPromise.resolved<IModalWindow>(this);
  }
  close(): IExtensionPromise<any> {
    const index = this.sim.modals.indexOf(this);
    if (index >= 0) this.sim.modals.splice(index, 1);
    this.sim.changedUi();
    return SimPromise.resolved<any>(undefined);
  }
}

export class SimSidePane implements ISidePane {
  label = '';
  contentUrl = '';
  disabled = false;
  expanded = false;
  rendered = false;
  width = 0;
  constructor(private readonly sim: OsvcSimulator, private readonly base: string, private readonly id: string, readonly side: 'left' | 'right', private readonly groupId = '') {}
  getId(): string {
    return this.id;
  }
  getUIType(): string {
    return 'SidePane';
  }
  getLabel(): string {
    return this.label;
  }
  setLabel(label: string): void {
    this.label = label;
  }
  isDisabled(): boolean {
    return this.disabled;
  }
  setDisabled(disabled: boolean): void {
    this.disabled = disabled;
  }
  getContentUrl(): string {
    return this.contentUrl;
  }
  setContentUrl(contentUrl: string): void {
    this.contentUrl = resolveContent(this.base, contentUrl);
  }
  isExpanded(): IExtensionPromise<boolean> {
    return SimPromise.resolved(this.expanded);
  }
  getGroupId(): string {
    return this.groupId;
  }
  expand(): void {
    this.expanded = true;
    this.sim.changedUi();
  }
  collapse(): void {
    this.expanded = false;
    this.sim.changedUi();
  }
  render(): void {
    this.rendered = true;
    this.sim.changedUi();
  }
  activate(): void {
    this.expand();
  }
  setResizeEnabled(_resizeEnabled: boolean): void {}
  dispose(): void {
    this.sim.sidePanes.delete(this.id);
    this.sim.changedUi();
  }
  setWidth(width: number): void {
    this.width = width;
  }
}

export class SimStatusBarItem implements IStatusBarItem {
  label = '';
  visible = true;
  contentUrl = '';
  width = '';
  rendered = false;
  constructor(private readonly sim: OsvcSimulator, private readonly base: string, private readonly id: string) {}
  getId(): string {
    return this.id;
  }
  getUIType(): string {
    return 'StatusBarItem';
  }
  getLabel(): string {
    return this.label;
  }
  setLabel(label: string): void {
    this.label = label;
  }
  isVisible(): boolean {
    return this.visible;
  }
  setVisible(disabled: boolean): void {
    this.visible = disabled;
  }
  getContentUrl(): string {
    return this.contentUrl;
  }
  setContentUrl(contentUrl: string): void {
    this.contentUrl = resolveContent(this.base, contentUrl);
  }
  getWidth(): string {
    return this.width;
  }
  setWidth(width: string): void {
    this.width = width;
  }
  render(): void {
    this.rendered = true;
    this.sim.changedUi();
  }
}

class SimUserInterfaceContext implements IUserInterfaceContext {
  constructor(private readonly sim: OsvcSimulator, private readonly base: string) {}
  getGlobalHeaderContext(): IExtensionPromise<IGlobalHeaderContext> {
    const sim = this.sim;
    return SimPromise.resolved<IGlobalHeaderContext>({
      getMenu(id: string) {
        let menu = sim.menus.get(id);
        if (!menu) sim.menus.set(id, (menu = new SimGlobalHeaderMenu(sim, id)));
        return SimPromise.resolved<IGlobalHeaderMenu>(menu);
      },
    });
  }
  private sidePanes(side: 'left' | 'right'): IExtensionPromise<ISidePaneContext> {
    const { sim, base } = this;
    return SimPromise.resolved<ISidePaneContext>({
      getSidePane(id: string, groupId?: string) {
        let pane = sim.sidePanes.get(id);
        if (!pane) sim.sidePanes.set(id, (pane = new SimSidePane(sim, base, id, side, groupId)));
        return SimPromise.resolved<ISidePane>(pane);
      },
    });
  }
  getLeftSidePaneContext(): IExtensionPromise<ISidePaneContext> {
    return this.sidePanes('left');
  }
  getRightSidePaneContext(): IExtensionPromise<ISidePaneContext> {
    return this.sidePanes('right');
  }
  getStatusBarContext(): IExtensionPromise<IStatusBarContext> {
    const { sim, base } = this;
    return SimPromise.resolved<IStatusBarContext>({
      getStatusBarItem(id: string) {
        let item = sim.statusBarItems.get(id);
        if (!item) sim.statusBarItems.set(id, (item = new SimStatusBarItem(sim, base, id)));
        return SimPromise.resolved<IStatusBarItem>(item);
      },
    });
  }
  getModalWindowContext(): IExtensionPromise<IModalWindowContext> {
    const { sim, base } = this;
    return SimPromise.resolved<IModalWindowContext>({
      createModalWindow: () => new SimModalWindow(sim, base),
      getCurrentModalWindow: () => {
        const top = sim.modals[sim.modals.length - 1];
        return top ? SimPromise.resolved<IModalWindow>(top) : SimPromise.rejected<IModalWindow>('No modal window is open.');
      },
    });
  }
}

// ── Chat: BUI's Chat API client (engagementPanelJs.d.ts), its promises are real Promises. ──

class SimEngagementObject implements IEngagement {
  readonly EngagementId: string;
  readonly IncidentId: string;
  readonly QueueId: string;
  readonly QueueName: string;
  Concluded = false;
  Accepted = true;
  constructor(engagement: SimEngagement) {
    this.EngagementId = engagement.id;
    this.IncidentId = engagement.incidentId === undefined ? '' : String(engagement.incidentId);
    this.QueueId = engagement.queueId === undefined ? '' : String(engagement.queueId);
    this.QueueName = engagement.queueName ?? '';
  }
  getEngagementId = async () => this.EngagementId;
  getIncidentId = async () => this.IncidentId;
  getQueueId = async () => this.QueueId;
}

class SimAgentSession implements IAgentSession {
  constructor(private readonly sim: OsvcSimulator) {}
  get IsLoggedIn(): boolean {
    return this.sim.chat?.loggedIn !== false;
  }
  getEngagement = async (engagementId: number): Promise<IEngagement> => {
    const found = this.sim.chat?.engagements?.find((engagement) => engagement.id === String(engagementId));
    if (!found) throw new Error(`No engagement ${engagementId}.`);
    return new SimEngagementObject(found);
  };
  getCurrentEngagement = async (): Promise<IEngagement> => {
    const chat = this.sim.chat;
    const found = chat?.engagements?.find((engagement) => engagement.id === chat.current);
    // Oracle types no "none" value; an agent without a chat gets undefined from BUI.
    return (found ? new SimEngagementObject(found) : undefined) as IEngagement;
  };
  engagementRemoved = (callback: (args: any) => void) => void this.sim.chatListeners.removed.push(callback);
  engagementAssigned = (callback: (args: any) => void) => void this.sim.chatListeners.assigned.push(callback);
  engagementAccepted = (callback: (args: any) => void) => void this.sim.chatListeners.accepted.push(callback);
}

/** The simulated Browser UI: an agent, open workspace tabs, and the loader add-ins call. */
export class OsvcSimulator {
  agent: SimAgent;
  readonly records: SimRecord[];
  readonly withoutGlobalContext: boolean;
  readonly loader: IExtensionLoader;
  chat?: { loggedIn?: boolean; engagements?: SimEngagement[]; current?: string };
  readonly chatApiUrl: string;
  /** The `IOracleChatClient` the Chat API script defines. */
  readonly chatClient: IOracleChatClient;
  /** URLs an add-in loaded the Chat API from. */
  readonly chatLoads: string[] = [];
  /** @internal */ readonly chatListeners = { accepted: [] as Array<(args: any) => void>, removed: [] as Array<(args: any) => void>, assigned: [] as Array<(args: any) => void> };
  /** What add-ins put in BUI's chrome, for a shell to draw. */
  readonly menus = new Map<string, SimGlobalHeaderMenu>();
  readonly modals: SimModalWindow[] = [];
  readonly sidePanes = new Map<string, SimSidePane>();
  readonly statusBarItems = new Map<string, SimStatusBarItem>();
  private readonly uiListeners = new Set<() => void>();
  /** How often an add-in asked for the session token. */
  tokenRequests = 0;
  /** Cross-extension actions (`IExtensionGlobalContext.registerAction`), shared by every add-in frame. */
  readonly actions = new Map<string, Array<(param: any) => any>>();
  readonly loads: Array<{ appId: string; version?: string }> = [];
  readonly log: SimLogLine[] = [];
  /** @internal */ readonly tabListeners: WorkspaceListener[] = [];
  /** @internal */ readonly savedListeners = new Map<string, WorkspaceListener[]>();
  private currentId?: number;
  private installedOn?: { target: object; previous: unknown };

  constructor(options: SimOptions = {}) {
    this.agent = { ...DEFAULT_SIM_AGENT, ...options.agent };
    this.records = (options.records ?? []).map((record) => ({ ...record, fields: { ...record.fields } }));
    this.currentId = options.current ?? this.records[0]?.id;
    this.withoutGlobalContext = options.withoutGlobalContext ?? false;
    this.loader = new SimLoader(this, '');
    this.chat = options.chat ? { ...options.chat, engagements: [...(options.chat.engagements ?? [])] } : undefined;
    this.chatApiUrl = options.chatApiUrl ?? 'https://acme.custhelp.com/AgentWeb/chat/api.js';
    const session = new SimAgentSession(this);
    this.chatClient = { getAgentSession: async () => session };
  }

  /** A loader for one add-in frame: its content URLs resolve against `initUrl`. */
  loaderFor(initUrl: string): IExtensionLoader {
    return new SimLoader(this, initUrl);
  }

  /** Loads the Chat API as an add-in would (for `connectOsvc({ loadChatClient })` outside a page). */
  readonly loadChatClient = async (url: string): Promise<IOracleChatClient> => {
    this.chatLoads.push(url);
    if (url !== this.chatApiUrl) throw new Error(`${url} is not this site's Chat API.`);
    return this.chatClient;
  };

  /** The agent accepts a chat; BUI then tells every engagementAccepted listener. */
  acceptChat(engagement: SimEngagement): void {
    this.chat ??= { engagements: [] };
    this.chat.engagements = [...(this.chat.engagements ?? []).filter((e) => e.id !== engagement.id), engagement];
    this.chat.current = engagement.id;
    for (const listener of [...this.chatListeners.accepted]) listener({ EngagementId: engagement.id, AgentName: this.agent.login });
  }

  /** A chat ends; BUI tells every engagementRemoved listener. */
  endChat(id: string): void {
    if (!this.chat) return;
    this.chat.engagements = (this.chat.engagements ?? []).filter((e) => e.id !== id);
    if (this.chat.current === id) this.chat.current = this.chat.engagements[0]?.id;
    for (const listener of [...this.chatListeners.removed]) listener({ EngagementId: id });
  }

  /** Calls back whenever an add-in changed what BUI's chrome shows; returns an unsubscribe. */
  onUiChange(callback: () => void): () => void {
    this.uiListeners.add(callback);
    return () => this.uiListeners.delete(callback);
  }

  /** @internal */
  changedUi(): void {
    for (const listener of [...this.uiListeners]) listener();
  }

  /** Puts `ORACLE_SERVICE_CLOUD` on the page, as BUI does for an add-in's frame. */
  install(target: object = globalThis): this {
    const global: OracleServiceCloudGlobal = { extension_loader: this.loader };
    this.installedOn = { target, previous: (target as Record<string, unknown>).ORACLE_SERVICE_CLOUD };
    (target as Record<string, unknown>).ORACLE_SERVICE_CLOUD = global;
    return this;
  }

  uninstall(): void {
    if (!this.installedOn) return;
    const { target, previous } = this.installedOn;
    if (previous === undefined) delete (target as Record<string, unknown>).ORACLE_SERVICE_CLOUD;
    else (target as Record<string, unknown>).ORACLE_SERVICE_CLOUD = previous;
    this.installedOn = undefined;
  }

  currentRecord(): SimRecord | undefined {
    return this.records.find((record) => record.id === this.currentId);
  }

  /** @internal */
  workspaceRecord(record: SimRecord): SimWorkspaceRecord {
    return new SimWorkspaceRecord(this, record);
  }

  /** Opens a record in a new tab and focuses it, as a screen pop would. */
  open(record: SimRecord): void {
    this.records.push({ ...record, fields: { ...record.fields } });
    this.switchTo(record.id);
  }

  /** Focuses another open tab; BUI then calls every tab-changed listener with the new record. */
  switchTo(id: number): void {
    const next = this.records.find((record) => record.id === id);
    if (!next) throw new Error(`No open workspace tab has record id ${id}.`);
    const previous = this.currentRecord();
    this.currentId = id;
    const record = this.workspaceRecord(next);
    const event = new SimEventParameter('CurrentEditorTabChanged', record, detail(next), previous && detail(previous));
    for (const listener of [...this.tabListeners]) listener(event);
  }

  /** Saves field changes on an open record (a new incident gets its reference), firing saved listeners. */
  save(id: number, changes: Record<string, SimField>, newId?: number): void {
    const record = this.records.find((candidate) => candidate.id === id);
    if (!record) throw new Error(`No open workspace tab has record id ${id}.`);
    const key = `${record.type}-${record.id}`;
    Object.assign(record.fields, changes);
    if (newId !== undefined) {
      if (this.currentId === record.id) this.currentId = newId;
      record.id = newId;
    }
    const listeners = this.savedListeners.get(key) ?? [];
    const event = new SimEventParameter('RecordSaved', this.workspaceRecord(record));
    for (const listener of [...listeners]) listener(event);
  }
}

/** An Incident workspace record with the fields triage-kit reads by default. */
export function simIncident(incident: {
  id: number;
  reference: string;
  contactId: number;
  queueId: number;
  queueName: string;
  subject?: string;
  extra?: Record<string, SimField>;
}): SimRecord {
  return {
    type: 'Incident',
    id: incident.id,
    fields: {
      'Incident.IId': { value: incident.id, label: 'Incident ID' },
      'Incident.RefNo': { value: incident.reference, label: 'Reference #' },
      'Incident.CId': { value: incident.contactId, label: 'Contact' },
      'Incident.QueueId': { value: incident.queueId, label: incident.queueName },
      'Incident.Subject': { value: incident.subject ?? '', label: 'Subject' },
      ...incident.extra,
    },
  };
}
