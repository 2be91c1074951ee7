/**
 * The part of Oracle Service Cloud's Browser UI Extensibility Framework that triage-kit uses,
 * declared with the same names, parameter lists, optionality and return types as Oracle's
 * published typings, so the adapter compiles against Oracle's contract and the test double
 * (`demo/osvc-sim.ts`) must `implements` the same shapes.
 *
 * Source: oracle-samples/accelerators, servicecloud/chat_sentiment/bui-extension/osvcExtension.d.ts
 * at commit 57af01d9c9d6eef3602414c5182331b317c9ccb6 (OSvC release 23C, UPL 1.0,
 * Copyright (c) 2023 Oracle and/or its affiliates). Oracle declares these inside
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
