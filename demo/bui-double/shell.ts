/**
 * A test double of Oracle's Agent Browser UI, faithful where an add-in can tell: it serves an
 * uploaded add-in zip from the page's origin (the Add-In Manager), loads each Console
 * extension's init file in a hidden iframe for the whole session, gives every add-in frame an
 * `ORACLE_SERVICE_CLOUD` whose objects implement only Oracle's published interfaces
 * (demo/osvc-sim.ts), and draws what add-ins ask for: global header menus, modal windows and
 * side panes and status bar items as iframes of their content URLs. Add-in pages are served
 * with a strict CSP (no inline script or style), as a careful site would.
 *
 * Used by the demo desktop and by the tests (test/support/bui-double/).
 */
import { html, nothing, render } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ref } from 'lit/directives/ref.js';
import type { IExtensionLoader, IOracleChatClient } from '../../src/hosts/osvc-extension.js';
import type { OsvcSimulator, SimGlobalHeaderMenu, SimModalWindow } from '../osvc-sim.js';
import { ADDIN_CACHE } from './cache-name.js';
import { unzip } from './unzip.js';

/** Where the shell draws BUI's chrome; the host page lays these out. */
export interface BuiShellPlaces {
  menus: HTMLElement;
  modals: HTMLElement;
  /** Hidden home of the Console extensions' init frames. */
  frames: HTMLElement;
  sidePanes?: HTMLElement;
  statusBar?: HTMLElement;
}

export interface BuiShellOptions extends BuiShellPlaces {
  simulator: OsvcSimulator;
  /** The double's file server (addin-worker), registered for its own folder. */
  workerUrl: string;
  /** The script BUI puts in each add-in frame (frame.ts, built or served from source). */
  frameworkUrl: string;
}

export interface InstallOptions {
  /** The name given in the Add-In Manager; the add-in's files are served under it. */
  name: string;
  /** The init file picked in the Add-In Manager, a path inside the zip. */
  initFile: string;
  /** Edits an administrator makes before uploading: path -> new text from the old. */
  edit?: Record<string, (text: string) => string>;
}

export interface InstalledAddin {
  name: string;
  initUrl: string;
  base: string;
  files: string[];
}

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};

// Strict for scripts and styles: an add-in that needs inline code fails here as on a careful site.
const ADDIN_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src *; object-src 'none'; base-uri 'none'";

const HOLDER = '__triageBuiDouble';

export class BuiShell {
  readonly simulator: OsvcSimulator;
  readonly addins: InstalledAddin[] = [];
  private readonly places: BuiShellPlaces;
  private readonly frameworkUrl: string;
  private readonly scope: string;
  private readonly openMenus = new Set<string>();
  private stopUi?: () => void;

  private constructor(options: BuiShellOptions, scope: string) {
    this.simulator = options.simulator;
    this.places = options;
    this.frameworkUrl = new URL(options.frameworkUrl, location.href).href;
    this.scope = scope;
  }

  /** Starts the double's file server and waits until it answers. */
  static async create(options: BuiShellOptions): Promise<BuiShell> {
    const workerUrl = new URL(options.workerUrl, location.href);
    const scope = new URL('./', workerUrl).href;
    const registration = await navigator.serviceWorker.register(workerUrl.href, { scope, type: 'module' });
    const worker = registration.installing ?? registration.waiting ?? registration.active;
    if (worker && worker.state !== 'activated') {
      await new Promise<void>((resolve, reject) => {
        worker.addEventListener('statechange', () => {
          if (worker.state === 'activated') resolve();
          if (worker.state === 'redundant') reject(new Error('The BUI double file server did not start.'));
        });
      });
    }
    const shell = new BuiShell(options, scope);
    (window as unknown as Record<string, unknown>)[HOLDER] = shell;
    return shell;
  }

  /** The Add-In Manager: unpacks the zip and serves its files from this origin. */
  async installAddin(zip: Uint8Array, options: InstallOptions): Promise<InstalledAddin> {
    if (!/^[\w-]+$/.test(options.name)) throw new Error('An add-in name is letters, digits, "-" and "_".');
    const files = await unzip(zip);
    if (!files.has(options.initFile)) throw new Error(`The init file ${options.initFile} is not in the zip (it has: ${[...files.keys()].join(', ')}).`);
    const base = new URL(`AgentWeb/extensions/${options.name}/`, this.scope).href;
    const cache = await caches.open(ADDIN_CACHE);
    for (const request of await cache.keys()) if (request.url.startsWith(base)) await cache.delete(request);
    for (const [path, bytes] of files) {
      const extension = path.split('.').pop()!.toLowerCase();
      const type = TYPES[extension] ?? 'application/octet-stream';
      let body: BlobPart = bytes.slice();
      const edit = options.edit?.[path];
      if (edit) body = edit(new TextDecoder().decode(bytes));
      if (extension === 'html') body = this.withFramework(typeof body === 'string' ? body : new TextDecoder().decode(bytes));
      const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
      if (extension === 'html') headers['Content-Security-Policy'] = ADDIN_CSP;
      await cache.put(new URL(path, base).href, new Response(new Blob([body]), { headers }));
    }
    const addin = { name: options.name, base, initUrl: new URL(options.initFile, base).href, files: [...files.keys()] };
    this.addins.push(addin);
    return addin;
  }

  /** What BUI does with the frame's HTML: its framework is there before the add-in's scripts run. */
  private withFramework(page: string): string {
    const tag = `<script src="${this.frameworkUrl}"></script>`;
    return /<head[^>]*>/i.test(page) ? page.replace(/<head[^>]*>/i, (head) => `${head}${tag}`) : `${tag}${page}`;
  }

  /** A file as the double serves it to add-in frames (status, headers, body). */
  async served(url: string): Promise<Response | undefined> {
    return (await caches.open(ADDIN_CACHE)).match(url, { ignoreSearch: true });
  }

  /** The agent signs in: every Console extension's init file loads, and stays for the session. */
  start(): void {
    this.stopUi = this.simulator.onUiChange(() => this.draw());
    for (const addin of this.addins) {
      const frame = document.createElement('iframe');
      frame.title = `${addin.name} (extension)`;
      frame.dataset.addin = addin.name;
      frame.src = addin.initUrl;
      this.places.frames.append(frame);
    }
    this.draw();
  }

  stop(): void {
    this.stopUi?.();
    const { menus, modals, sidePanes, statusBar } = this.places;
    for (const place of [menus, modals, sidePanes, statusBar]) if (place) render(nothing, place);
    this.places.frames.replaceChildren();
    if ((window as unknown as Record<string, unknown>)[HOLDER] === this) delete (window as unknown as Record<string, unknown>)[HOLDER];
  }

  /** Stops the file server and forgets every uploaded add-in (tests clean up with this). */
  async uninstall(): Promise<void> {
    this.stop();
    await caches.delete(ADDIN_CACHE);
    const registration = await navigator.serviceWorker.getRegistration(this.scope);
    await registration?.unregister();
  }

  /** Called by frame.ts in each add-in frame: the framework that frame sees. */
  frameworkFor(frame: Window): { extension_loader: IExtensionLoader } {
    const addin = this.addins.find((candidate) => frame.location.href.startsWith(candidate.base));
    if (!addin) throw new Error(`${frame.location.href} is not a file of an installed add-in.`);
    return { extension_loader: this.simulator.loaderFor(addin.initUrl) };
  }

  /** Called by chat-api.ts: the Chat API client. */
  get chatClient(): IOracleChatClient {
    return this.simulator.chatClient;
  }

  private draw(): void {
    const sim = this.simulator;
    render(
      repeat(
        [...sim.menus.values()].filter((menu) => menu.rendered),
        (menu) => menu.getId(),
        (menu) => this.renderMenu(menu),
      ),
      this.places.menus,
    );
    render(
      repeat(
        sim.modals,
        (modal) => modal.getId(),
        (modal) => this.renderModal(modal),
      ),
      this.places.modals,
    );
    if (this.places.sidePanes) {
      render(
        repeat(
          [...sim.sidePanes.values()].filter((pane) => pane.rendered),
          (pane) => pane.getId(),
          (pane) => html`<section class="bui-side-pane" data-pane=${pane.getId()} aria-label=${pane.label}>
            <button type="button" aria-expanded=${pane.expanded ? 'true' : 'false'} @click=${() => (pane.expanded ? pane.collapse() : pane.expand())}>${pane.label}</button>
            ${pane.expanded ? html`<iframe title=${pane.label} src=${pane.contentUrl}></iframe>` : nothing}
          </section>`,
        ),
        this.places.sidePanes,
      );
    }
    if (this.places.statusBar) {
      render(
        repeat(
          [...sim.statusBarItems.values()].filter((item) => item.rendered && item.visible),
          (item) => item.getId(),
          (item) => html`<iframe class="bui-status-item" data-item=${item.getId()} title=${item.label} src=${item.contentUrl} ${ref(sized({ width: item.width || '12rem' }))}></iframe>`,
        ),
        this.places.statusBar,
      );
    }
  }

  private renderMenu(menu: SimGlobalHeaderMenu) {
    const id = menu.getId();
    const open = this.openMenus.has(id);
    const toggle = () => {
      if (open) this.openMenus.delete(id);
      else this.openMenus.add(id);
      this.draw();
    };
    return html`<div class="bui-menu" data-menu=${id}>
      <button type="button" class="bui-menu-button" aria-haspopup="true" aria-expanded=${open ? 'true' : 'false'} ?disabled=${menu.isDisabled()} @click=${toggle}>
        ${menu.getLabel()}
      </button>
      ${open
        ? html`<ul class="bui-menu-items">
            ${menu.items.map(
              (item) => html`<li>
                <button
                  type="button"
                  class="bui-menu-item"
                  @click=${() => {
                    this.openMenus.delete(id);
                    this.draw();
                    item.getHandler()(item);
                  }}
                >
                  ${item.getLabel()}
                </button>
              </li>`,
            )}
          </ul>`
        : nothing}
    </div>`;
  }

  private renderModal(modal: SimModalWindow) {
    const titleId = `${modal.getId()}-title`;
    return html`<div class="bui-modal-backdrop">
      <section class="bui-modal" role="dialog" aria-modal="true" aria-labelledby=${titleId} data-modal=${modal.getId()} ${ref(sized({ width: modal.width || '640px', height: modal.height || '480px' }))}>
        <header class="bui-modal-header">
          <h2 id=${titleId}>${modal.title}</h2>
          ${modal.closable ? html`<button type="button" class="bui-modal-close" aria-label="Close" @click=${() => void modal.close()}>×</button>` : nothing}
        </header>
        <iframe class="bui-modal-content" title=${modal.title} src=${modal.contentUrl}></iframe>
      </section>
    </div>`;
  }
}

/** Sizes an element through the CSSOM: a style attribute would be refused by a strict CSP. */
function sized(size: { width?: string; height?: string }) {
  return (element: Element | undefined) => {
    if (!(element instanceof HTMLElement)) return;
    for (const [property, value] of Object.entries(size)) if (value) element.style.setProperty(property, value);
  };
}
