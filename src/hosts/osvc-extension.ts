/**
 * The part of Oracle Service Cloud's Browser UI Extensibility Framework that triage-kit uses,
 * declared with the same names, parameter lists, optionality and return types as Oracle's
 * published typings, so the adapter compiles against Oracle's contract and the test double
 * (`demo/osvc-sim.ts`) must `implements` the same shapes.
 *
 * Source: oracle-samples/accelerators, servicecloud/chat_sentiment/bui-extension/osvcExtension.d.ts
 * and engagementPanelJs.d.ts (the Chat API) at commit 57af01d9c9d6eef3602414c5182331b317c9ccb6
 * (OSvC release 23C, UPL 1.0, Copyright (c) 2023 Oracle and/or its affiliates). Oracle declares these inside
 * `declare module ORACLE_SERVICE_CLOUD`; here they are module exports so nothing leaks into the
 * host page's globals, and only the members triage-kit calls are listed. Interfaces keep every
 * member Oracle gives them only where the double implements them whole (IExtensionPromise,
 * IFieldDetails, IFieldData, IObjectDetail, IExtensionLogger, IExtensionDisposable, IErrorData).
 *
 * A plain .ts file (types only, no runtime code) rather than a .d.ts, so `tsc` emits its
 * declarations next to the adapter's in dist/.
 */

export interface IExtensionDisposable {
  dispose: () => void;
  disposeChild: (disposalKey: string) => void;
  getDisposalKey: () => string;
}

export interface IExtensionLoader extends IExtensionDisposable {
  load(appId: string, version?: string, userScriptList?: string[]): IExtensionPromise<IExtensionProvider>;
}

export interface IErrorData {
  getDesc(): string;
}

/** Oracle's thenable: `then` returns the same promise type (no value mapping), `await` works on it. */
export interface IExtensionPromise<T> {
  then(
    onCompleted: (sdk: T) => void,
    onRejected?: (param: IErrorData) => void,
  ): IExtensionPromise<T>;
  catch(onRejected: (param: IErrorData) => void): void;
  resolve(resolveReason: T): IExtensionPromise<T>;
  reject(rejectReason: IErrorData): IExtensionPromise<T>;
}

export interface IExtensionLogger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface IExtensionProvider extends IExtensionDisposable {
  getApplicationId(): string;
  registerWorkspaceExtension(
    userFunction: (param: IWorkspaceRecord) => void,
    objectType?: string,
    objectId?: number,
  ): void;
  getGlobalContext?(): IExtensionPromise<IExtensionGlobalContext>;
  registerUserInterfaceExtension(userFunction: (param: IUserInterfaceContext) => void): void;
  getLogger(loggerName?: string): IExtensionLogger;
}

export interface IExtensionGlobalContext {
  getProfileId(): number;
  getProfileName(): string;
  getInterfaceId(): number;
  getInterfaceName(): string;
  getInterfaceUrl(): string;
  getAccountId(): number;
  getLanguageId(): number;
  getLanguage(): string;
  getInterfaceServiceUrl(connectServiceType: string): string;
  getLogin(): string;
  // Oracle types this as the wrapper `String`, not `string`.
  getSessionToken(): IExtensionPromise<String>;
  getChatAPIInfo(): IExtensionPromise<IChatAPIInfo>;
  /** Cross-extension communication: another extension's `invokeAction(actionName)` calls `callbackFunction`. */
  registerAction(actionName: string, callbackFunction: (param: any) => any): void;
  /** Calls every extension's callback registered for `actionName`; `result` holds what each returned. */
  invokeAction(actionName: string, param?: any): IExtensionPromise<IGlobalActionResult>;
}

export interface IGlobalActionResult {
  result: any[];
}

export interface IChatAPIInfo {
  getChatAPIURL(): string;
}

export interface IObjectDetail {
  objectId: number;
  objectType: string;
  contextId: string;
}

export interface IEvent {
  event: string;
  field?: string;
  value?: any;
  oldValue?: string;
  fields?: { [s: string]: any };
  fieldObjects?: { [s: string]: IFieldObject };
}

export interface IFieldObject {
  label: string;
  value: any;
}

export interface IEventHandler {
  cancel(): void;
  isCancelled(): boolean;
}

export interface IWorkspaceRecordEventParameter {
  event: IEvent;
  getWorkspaceRecord(): IWorkspaceRecord;
  getCurrentEvent(): IEventHandler;
  newWorkspace?: IObjectDetail;
  oldWorkspace?: IObjectDetail;
  getField(fieldName: string): IFieldData;
}

export interface IUserInterface {
  getId(): string;
  getUIType(): string;
}

export interface IWorkspaceRecord extends IUserInterface {
  getWorkspaceRecordType(): string;
  getWorkspaceRecordId(): number;
  getCurrentWorkspace(): IObjectDetail;
  addCurrentEditorTabChangedListener(
    callbackFunctionReference: (param: IWorkspaceRecordEventParameter) => void,
    context?: any,
  ): IWorkspaceRecord;
  addRecordSavedListener(
    callbackFunctionReference: (param: IWorkspaceRecordEventParameter) => void,
    context?: any,
  ): IWorkspaceRecord;
  getFieldValues(fieldNameArr: string[], isLabelsRequired?: boolean): IExtensionPromise<IFieldDetails>;
}

export interface IFieldDetails {
  getField(fieldName: string): IFieldData;
}

export interface IFieldData {
  getLabel(): string;
  getValue(): any;
}

/** What the page's `ORACLE_SERVICE_CLOUD` global offers an add-in (Oracle: `var extension_loader`). */
export interface OracleServiceCloudGlobal {
  extension_loader: IExtensionLoader;
}

// ── User interface (global header, modal windows, side panes, status bar) ──

export interface IUserInterfaceContext {
  getGlobalHeaderContext(): IExtensionPromise<IGlobalHeaderContext>;
  getLeftSidePaneContext(): IExtensionPromise<ISidePaneContext>;
  getRightSidePaneContext(): IExtensionPromise<ISidePaneContext>;
  getStatusBarContext(): IExtensionPromise<IStatusBarContext>;
  getModalWindowContext(): IExtensionPromise<IModalWindowContext>;
}

export interface IGlobalHeaderContext {
  getMenu(id: string): IExtensionPromise<IGlobalHeaderMenu>;
}

export interface IGlobalHeaderMenuItem {
  getLabel(): string;
  setLabel(label: string): void;
  setHandler(callback: (globalHeaderMenuItem: IGlobalHeaderMenuItem) => void): void;
  getHandler(): (globalHeaderMenuItem: IGlobalHeaderMenuItem) => void;
}

export interface IGlobalHeaderMenu extends IUserInterface {
  getLabel(): string;
  setLabel(label: string): void;
  isDisabled(): boolean;
  setDisabled(disabled: boolean): void;
  addMenuItem(menuItem: IGlobalHeaderMenuItem): void;
  createMenuItem(): IGlobalHeaderMenuItem;
  render(): void;
  setHandler(callback: (globalHeaderMenu: IGlobalHeaderMenu) => void): void;
}

export interface ISidePaneContext {
  getSidePane(id: string, groupId?: string): IExtensionPromise<ISidePane>;
}

export interface ISidePane extends IUserInterface {
  getLabel(): string;
  setLabel(label: string): void;
  isDisabled(): boolean;
  setDisabled(disabled: boolean): void;
  getContentUrl(): string;
  setContentUrl(contentUrl: string): void;
  isExpanded(): IExtensionPromise<boolean>;
  getGroupId(): string;
  expand(): void;
  collapse(): void;
  render(): void;
  activate(): void;
  setResizeEnabled(resizeEnabled: boolean): void;
  dispose(): void;
  setWidth(width: number): void;
}

export interface IStatusBarContext {
  getStatusBarItem(id: string): IExtensionPromise<IStatusBarItem>;
}

export interface IStatusBarItem extends IUserInterface {
  getLabel(): string;
  setLabel(label: string): void;
  isVisible(): boolean;
  setVisible(disabled: boolean): void;
  getContentUrl(): string;
  setContentUrl(contentUrl: string): void;
  getWidth(): string;
  setWidth(width: string): void;
  render(): void;
}

export interface IModalWindowContext {
  createModalWindow(): IModalWindow;
  getCurrentModalWindow(): IExtensionPromise<IModalWindow>;
}

export interface IModalWindow extends IUserInterface {
  getTitle(): string;
  setTitle(title: string): void;
  setContentUrl(url: string): void;
  setWidth(width: string): void;
  setHeight(height: string): void;
  setClosable(isClosable: boolean): void;
  render(): IExtensionPromise<IModalWindow>;
  close(): IExtensionPromise<any>;
}

// ── Chat API (engagementPanelJs.d.ts, `declare module IOracleChatClient`) ──
// Oracle declares the event registrations with an untyped parameter (`(IChatEngagementAcceptedEventArgs) => None`);
// the CHAT sample passes a callback, so that is what these say. Promises here are real Promises, as Oracle types them.

export interface IEngagement {
  EngagementId: string;
  IncidentId: string;
  QueueId: string;
  QueueName: string;
  Concluded: boolean;
  Accepted: boolean;
  getEngagementId: () => Promise<string>;
  getIncidentId: () => Promise<string>;
  getQueueId: () => Promise<string>;
}

export interface IAgentSession {
  IsLoggedIn: boolean;
  getEngagement: (engagementId: number) => Promise<IEngagement>;
  getCurrentEngagement: () => Promise<IEngagement>;
  engagementRemoved: (callback: (args: any) => void) => void;
  engagementAssigned: (callback: (args: any) => void) => void;
  engagementAccepted: (callback: (args: any) => void) => void;
}

/** The global `IOracleChatClient` that the script at `getChatAPIURL()` defines. */
export interface IOracleChatClient {
  getAgentSession(): Promise<IAgentSession>;
}
