/**
 * A stand-in for the `electron` module (the Electron binary cannot be downloaded here). It records
 * what Vigil's main and preload ask of Electron, so the tests can check every security setting.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = { url: 'app://vigil/index.html', parent: null, processId: 7, routingId: this.id };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly send = vi.fn();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly reload = vi.fn();
  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
}

export class FakeUtilityProcess extends EventEmitter {
  static instances: FakeUtilityProcess[] = [];
  readonly postMessage = vi.fn();
  readonly kill = vi.fn(() => true);
  constructor(
    readonly modulePath: string,
    readonly args: string[],
  ) {
    super();
    FakeUtilityProcess.instances.push(this);
  }
}

type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (r: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: vi.fn((_l: HeadersListener) => undefined) },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  },
};

export const app = Object.assign(new EventEmitter(), {
  setName: vi.fn(),
  enableSandbox: vi.fn(),
  requestSingleInstanceLock: vi.fn(() => true),
  whenReady: vi.fn(() => Promise.resolve()),
  quit: vi.fn(),
  getPath: vi.fn(() => '/tmp'),
  getVersion: vi.fn(() => '0.0.0-test'),
});

export const ipcMain = {
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  handle: vi.fn((channel: string, fn: (...args: unknown[]) => unknown) => {
    ipcMain.handlers.set(channel, fn);
  }),
};

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
  handle: vi.fn((scheme: string, fn: (request: { url: string }) => Promise<Response>) => {
    protocol.handlers.set(scheme, fn);
  }),
};

export const net = {
  fetch: vi.fn(async (_url: string) => new Response('<!doctype html><title>Vigil</title>', { headers: { 'content-type': 'text/html' } })),
};

export const utilityProcess = {
  fork: vi.fn((modulePath: string, args: string[] = []) => new FakeUtilityProcess(modulePath, args)),
};

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => template),
  setApplicationMenu: vi.fn(),
};

export const dialog = {
  showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
  showSaveDialog: vi.fn(async () => ({ canceled: true, filePath: '' })),
  showMessageBox: vi.fn(async () => ({ response: 0 })),
  showErrorBox: vi.fn(),
};

export const shell = { openExternal: vi.fn() };

export const contextBridge = { exposeInMainWorld: vi.fn() };

export const ipcRenderer = {
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => null),
  on: vi.fn(),
  removeListener: vi.fn(),
  send: vi.fn(),
};

export const BrowserWindow = FakeBrowserWindow;
