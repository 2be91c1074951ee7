// The BUI double the tests use is the demo's (demo/bui-double/): one implementation of what BUI
// does with an add-in, over the simulator that implements Oracle's interfaces, shared by both.
// Its own scripts are used as built (dist/embed/), exactly as the demo desktop loads them.
import { BuiShell, type BuiShellPlaces } from '../../../demo/bui-double/shell.js';
import { OsvcSimulator, type SimOptions } from '../../../demo/osvc-sim.js';

export { BuiShell, type InstalledAddin, type InstallOptions } from '../../../demo/bui-double/shell.js';
export const ADDIN_ZIP_URL = '/dist/osvc/triage-kit-addin.zip';
export const ADDIN_INIT_FILE = 'triage-kit/triage-kit-init.html';
export const DOUBLE_SCRIPTS = {
  workerUrl: '/dist/embed/bui-double-worker.js',
  frameworkUrl: '/dist/embed/bui-double-frame.js',
  chatApiUrl: new URL('/dist/embed/bui-double-chat-api.js', location.href).href,
};

/** A shell drawn into `root` (header menus, modals, side panes, status bar, init frames). */
export async function startBui(root: HTMLElement, options: SimOptions = {}): Promise<{ shell: BuiShell; simulator: OsvcSimulator; places: BuiShellPlaces }> {
  const make = (tag: string, className: string) => {
    const element = document.createElement(tag);
    element.className = className;
    root.append(element);
    return element;
  };
  const places: BuiShellPlaces = {
    menus: make('nav', 'bui-menus'),
    sidePanes: make('aside', 'bui-side-panes'),
    statusBar: make('footer', 'bui-status-bar'),
    modals: make('div', 'bui-modals'),
    frames: make('div', 'bui-frames'),
  };
  places.frames.hidden = true;
  const simulator = new OsvcSimulator({ chatApiUrl: DOUBLE_SCRIPTS.chatApiUrl, ...options });
  const shell = await BuiShell.create({ simulator, ...places, workerUrl: DOUBLE_SCRIPTS.workerUrl, frameworkUrl: DOUBLE_SCRIPTS.frameworkUrl });
  return { shell, simulator, places };
}

export async function addinZip(): Promise<Uint8Array> {
  const response = await fetch(ADDIN_ZIP_URL);
  if (!response.ok) throw new Error(`${ADDIN_ZIP_URL} answered ${response.status}: run \`npm run build\` first.`);
  return new Uint8Array(await response.arrayBuffer());
}
