/**
 * The add-in's init file script (`triage-kit-init.html`, a Console extension that runs for the
 * whole agent session): puts "Report an issue" in BUI's global header and, by configuration, a
 * side pane and a status bar item; each opens the reporter in a BUI modal window whose content
 * page ships in the same zip. Only Oracle's extension API is used; BUI's DOM is never touched.
 */
import type { IExtensionLoader, IUserInterfaceContext, OracleServiceCloudGlobal } from '../osvc-extension.js';
import { settle } from '../osvc.js';
import { loadAddinConfig, type AddinConfig } from './config.js';

export const REPORTER_PAGE = 'triage-kit-reporter.html';

function loader(): IExtensionLoader {
  const osvc = (globalThis as { ORACLE_SERVICE_CLOUD?: Partial<OracleServiceCloudGlobal> }).ORACLE_SERVICE_CLOUD;
  if (!osvc?.extension_loader) throw new Error('ORACLE_SERVICE_CLOUD.extension_loader is missing: this page must be the init file of a BUI Console extension.');
  return osvc.extension_loader;
}

/** Opens the reporter's page in a modal window; content URLs are relative to this init file. */
export async function openReporter(ui: IUserInterfaceContext, config: AddinConfig): Promise<void> {
  const modals = await settle(ui.getModalWindowContext(), 'getModalWindowContext');
  const modal = modals.createModalWindow();
  modal.setTitle(config.ui.modal.title);
  modal.setContentUrl(REPORTER_PAGE);
  modal.setWidth(config.ui.modal.width);
  modal.setHeight(config.ui.modal.height);
  modal.setClosable(true);
  await settle(modal.render(), 'IModalWindow.render');
}

async function placeUi(ui: IUserInterfaceContext, config: AddinConfig): Promise<void> {
  const open = () => void openReporter(ui, config).catch((error: unknown) => console.error('triage-kit: the report window did not open', error));
  const header = await settle(ui.getGlobalHeaderContext(), 'getGlobalHeaderContext');
  const menu = await settle(header.getMenu(config.ui.headerMenu.id), 'getMenu');
  menu.setLabel(config.ui.headerMenu.label);
  const item = menu.createMenuItem();
  item.setLabel(config.ui.headerMenu.itemLabel);
  item.setHandler(open);
  menu.addMenuItem(item);
  menu.render();

  if (config.ui.sidePane) {
    const panes = await settle(ui.getLeftSidePaneContext(), 'getLeftSidePaneContext');
    const pane = await settle(panes.getSidePane(config.ui.sidePane.id), 'getSidePane');
    pane.setLabel(config.ui.sidePane.label);
    pane.setContentUrl(`${REPORTER_PAGE}?place=side-pane`);
    pane.render();
  }
  if (config.ui.statusBar) {
    const bar = await settle(ui.getStatusBarContext(), 'getStatusBarContext');
    const item = await settle(bar.getStatusBarItem(config.ui.statusBar.id), 'getStatusBarItem');
    item.setLabel(config.ui.statusBar.label);
    item.setContentUrl(`${REPORTER_PAGE}?place=status-bar`);
    item.setVisible(true);
    item.render();
  }
}

export async function startAddin(): Promise<void> {
  const config = await loadAddinConfig();
  const provider = await settle(loader().load(config.osvc.appId, '1.0'), 'extension_loader.load');
  const logger = provider.getLogger(config.osvc.appId);
  await new Promise<void>((resolve, reject) => {
    provider.registerUserInterfaceExtension((ui) => {
      placeUi(ui, config).then(resolve, reject);
    });
  });
  logger.info(`triage-kit: "${config.ui.headerMenu.itemLabel}" is in the global header menu "${config.ui.headerMenu.label}".`);
}

void startAddin().catch((error: unknown) => {
  // No UI of our own here (the init file is invisible): the browser console is where an administrator looks.
  console.error(`triage-kit add-in did not start: ${error instanceof Error ? error.message : String(error)}`);
});
