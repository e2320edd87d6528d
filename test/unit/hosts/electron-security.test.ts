/**
 * Every security setting of the desktop app, proved against a recording stand-in for Electron:
 * webPreferences, CSP, window.open, navigation, permissions, IPC sender checks, the preload's surface,
 * the app:// protocol, and that main/index.ts actually wires all of it.
 */
import type { Session, WebContents } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/host/csp';
import { appFileFor, APP_URL } from '../../../main/app-protocol';
import { CHANNELS } from '../../../main/channels';
import {
  applySessionPolicy,
  hardenWebContents,
  isAllowedNavigation,
  isTrustedSender,
  secureWebPreferences,
  withCsp,
} from '../../../main/security';
import * as electron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const OUR_URL = 'app://vigil/index.html';

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('webPreferences', () => {
  it('isolates, sandboxes and keeps Node out of the page', () => {
    const prefs = secureWebPreferences('/app/out/preload/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });
});

describe('session policy', () => {
  const s = electron.session.defaultSession;
  beforeAll(() => applySessionPolicy(s as unknown as Session));

  it('puts the CSP with script-src self on every response, replacing any other', () => {
    const listener = s.webRequest.onHeadersReceived.mock.calls[0][0];
    const callback = vi.fn();
    listener({ responseHeaders: { 'content-security-policy': ["script-src 'unsafe-eval'"], 'Content-Type': ['text/html'] } }, callback);
    const headers = callback.mock.calls[0][0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('denies every permission request and check', () => {
    const request = s.setPermissionRequestHandler.mock.calls[0][0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      request({}, permission, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    const check = s.setPermissionCheckHandler.mock.calls[0][0] as (...a: unknown[]) => boolean;
    expect(check(null, 'media', 'app://vigil', {})).toBe(false);
    const device = s.setDevicePermissionHandler.mock.calls[0][0] as (...a: unknown[]) => boolean;
    expect(device({})).toBe(false);
  });

  it('withCsp keeps the other headers when there were none to start with', () => {
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('window hardening', () => {
  const contents = new electron.FakeWebContents();
  beforeAll(() => hardenWebContents(contents as unknown as WebContents, OUR_URL));

  it('denies window.open', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: OUR_URL })).toEqual({ action: 'deny' });
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s to another origin is prevented', (name) => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'http://127.0.0.1:5173/']) {
      const e = navigationEvent(url);
      contents.emit(name, e);
      expect(e.preventDefault, `${name} ${url}`).toHaveBeenCalled();
    }
  });

  it('navigation inside the app is left alone', () => {
    const e = navigationEvent('app://vigil/index.html#/monitoring');
    contents.emit('will-navigate', e);
    expect(e.preventDefault).not.toHaveBeenCalled();
  });

  it('refuses to attach a webview', () => {
    const e = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', e, {}, {});
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('isAllowedNavigation compares scheme and host, not the opaque origin of custom schemes', () => {
    expect(isAllowedNavigation('app://vigil/other', OUR_URL)).toBe(true);
    expect(isAllowedNavigation('app://vigil.evil/', OUR_URL)).toBe(false);
    expect(isAllowedNavigation('app://user:pw@vigil/', OUR_URL)).toBe(false);
    expect(isAllowedNavigation('not a url', OUR_URL)).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });
});

describe('IPC sender check', () => {
  const win = new electron.FakeBrowserWindow({});
  const main = win.webContents.mainFrame;
  const event = (frame: Partial<{ url: string; parent: unknown; processId: number; routingId: number }> | null, senderId = win.webContents.id) => ({
    sender: { id: senderId },
    senderFrame: frame === null ? null : { ...main, ...frame },
  });

  it('trusts our window top frame on our app URL', () => {
    expect(isTrustedSender(event({}), win, OUR_URL)).toBe(true);
  });

  it('rejects a foreign frame, another window, a navigated page, or no frame at all', () => {
    expect(isTrustedSender(event({ parent: main, routingId: 999 }), win, OUR_URL)).toBe(false); // an iframe
    expect(isTrustedSender(event({ routingId: 999 }), win, OUR_URL)).toBe(false); // a different frame
    expect(isTrustedSender(event({}, 12345), win, OUR_URL)).toBe(false); // another WebContents
    expect(isTrustedSender(event({ url: 'https://evil.example/' }), win, OUR_URL)).toBe(false);
    expect(isTrustedSender(event(null), win, OUR_URL)).toBe(false);
    expect(isTrustedSender(event({}), null, OUR_URL)).toBe(false);
  });
});

describe('preload', () => {
  beforeAll(async () => {
    await import('../../../main/preload');
  });

  it('exposes exactly the protocol functions as window.vigil, and never ipcRenderer', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
    expect(key).toBe('vigil');
    expect(Object.keys(api).sort()).toEqual(['call', 'cancel', 'host', 'onProgress', 'pickFile', 'savePath']);
    expect(api.host).toBe('electron');
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(Object.values(api).some((v) => typeof v === 'object' && v !== null)).toBe(false);
  });

  it('each function sends on its own channel', async () => {
    const api = electron.contextBridge.exposeInMainWorld.mock.calls[0][1] as {
      call(op: string, args: unknown, jobId?: string): Promise<unknown>;
      cancel(jobId: string): Promise<void>;
      pickFile(kind: 'import'): Promise<unknown>;
      savePath(name: string): Promise<unknown>;
    };
    electron.ipcRenderer.invoke.mockClear();
    await api.call('workspace.info', {}, 'job-1');
    await api.cancel('job-1');
    await api.pickFile('import');
    await api.savePath('roll_rates.csv');
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      [CHANNELS.call, 'workspace.info', {}, 'job-1'],
      [CHANNELS.cancel, 'job-1'],
      [CHANNELS.pickFile, 'import'],
      [CHANNELS.savePath, 'roll_rates.csv'],
    ]);
  });

  it('progress listeners receive the progress only, never the IPC event, and can unsubscribe', () => {
    const api = electron.contextBridge.exposeInMainWorld.mock.calls[0][1] as { onProgress(cb: (p: unknown) => void): () => void };
    const cb = vi.fn();
    const off = api.onProgress(cb);
    const [channel, listener] = electron.ipcRenderer.on.mock.calls[0] as [string, (e: unknown, p: unknown) => void];
    expect(channel).toBe(CHANNELS.progress);
    const progress = { jobId: 'j', op: 'workspace.import', state: 'running', done: 1, total: 2, elapsedMs: 5 };
    listener({ sender: electron.ipcRenderer }, progress);
    expect(cb.mock.calls).toEqual([[progress]]);
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(CHANNELS.progress, listener);
  });
});

describe('app:// protocol', () => {
  const root = '/srv/vigil/out/renderer';

  it('maps app URLs to files inside the renderer folder only', () => {
    expect(appFileFor('app://vigil/index.html', root)).toBe(`${root}/index.html`);
    expect(appFileFor('app://vigil/', root)).toBe(`${root}/index.html`);
    expect(appFileFor('app://vigil/monitoring', root)).toBe(`${root}/index.html`);
    expect(appFileFor('app://vigil/assets/index-abc.js', root)).toBe(`${root}/assets/index-abc.js`);
    // The URL parser already folds %2e%2e segments, so they cannot climb; an encoded slash could, and is refused.
    expect(appFileFor('app://vigil/%2e%2e/%2e%2e/etc/passwd.txt', root)).toBe(`${root}/etc/passwd.txt`);
    expect(appFileFor('app://vigil/..%2f..%2fsecret.duckdb', root)).toBeNull();
    expect(appFileFor('app://other/index.html', root)).toBeNull();
    expect(appFileFor('file:///etc/passwd', root)).toBeNull();
  });
});

describe('main/index.ts wiring', () => {
  let win: electron.FakeBrowserWindow;
  let engine: electron.FakeUtilityProcess;

  beforeAll(async () => {
    electron.FakeBrowserWindow.instances.length = 0;
    delete process.env.ELECTRON_RENDERER_URL;
    await import('../../../main/index');
    // whenReady() resolves on the next microtask turns.
    await new Promise((r) => setImmediate(r));
    win = electron.FakeBrowserWindow.instances[0];
    engine = electron.FakeUtilityProcess.instances[0];
  });

  it('sandboxes every renderer and registers the app scheme before ready', () => {
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(electron.protocol.registerSchemesAsPrivileged.mock.calls[0][0]).toMatchObject([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
  });

  it('opens one window with the secure preferences, on the app URL', () => {
    expect(electron.FakeBrowserWindow.instances).toHaveLength(1);
    const prefs = win.options.webPreferences ?? {};
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload[\\/]preload\.cjs$/);
    expect(win.loadURL).toHaveBeenCalledWith(APP_URL);
  });

  it('applies the session policy, with the strict CSP outside development', () => {
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    const listener = electron.session.defaultSession.webRequest.onHeadersReceived.mock.calls.at(-1)![0];
    const callback = vi.fn();
    listener({ responseHeaders: {} }, callback);
    expect(callback.mock.calls[0][0].responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('hardens every WebContents Electron creates', () => {
    const contents = new electron.FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const e = navigationEvent('https://evil.example/');
    contents.emit('will-navigate', e);
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('starts the engine in a utility process with the workspace path', () => {
    expect(engine.modulePath).toMatch(/engine\.js$/);
    expect(engine.args[0]).toBe('--workspace');
    expect(engine.args[1]).toMatch(/workspace\.duckdb$/);
  });

  it('serves app:// with the CSP header', async () => {
    const handler = electron.protocol.handlers.get('app');
    expect(handler).toBeDefined();
    const res = await handler!({ url: 'app://vigil/index.html' });
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    electron.net.fetch.mockClear();
    const refused = await handler!({ url: 'app://vigil/..%2f..%2fpackage.json' });
    expect(refused.status).toBe(404);
    expect(electron.net.fetch).not.toHaveBeenCalled();
  });

  it('relays calls from our window to the engine and rejects IPC from a foreign frame', async () => {
    const call = electron.ipcMain.handlers.get(CHANNELS.call)!;
    const ours = { sender: { id: win.webContents.id }, senderFrame: { ...win.webContents.mainFrame } };
    engine.postMessage.mockClear();
    const pending = call(ours, 'workspace.info', {}, 'job-7') as Promise<unknown>;
    const sent = engine.postMessage.mock.calls[0][0] as { type: string; id: number; op: string; jobId: string };
    expect(sent).toMatchObject({ type: 'call', op: 'workspace.info', jobId: 'job-7' });
    engine.emit('message', { type: 'reply', id: sent.id, ok: true, result: { tables: 3 } });
    await expect(pending).resolves.toEqual({ ok: true, result: { tables: 3 } });

    engine.postMessage.mockClear();
    const foreign = { sender: { id: win.webContents.id }, senderFrame: { ...win.webContents.mainFrame, parent: {}, routingId: 4242 } };
    for (const channel of Object.values(CHANNELS).filter((c) => c !== CHANNELS.progress)) {
      const handler = electron.ipcMain.handlers.get(channel)!;
      await expect(Promise.resolve().then(() => handler(foreign, 'workspace.info', {})), channel).rejects.toThrow(/did not come from the Vigil window/);
    }
    expect(engine.postMessage).not.toHaveBeenCalled();
  });

  it('forwards engine progress to the window only', () => {
    const progress = { jobId: 'job-7', op: 'workspace.import', state: 'running', done: 10, total: 100, elapsedMs: 1000 };
    engine.emit('message', { type: 'progress', progress });
    expect(win.webContents.send).toHaveBeenCalledWith(CHANNELS.progress, progress);
  });

  it('has a small menu: File and Help, no reload or DevTools outside development', () => {
    const template = electron.Menu.setApplicationMenu.mock.calls[0][0] as { label?: string; submenu?: { role?: string; label?: string }[] }[];
    const labels = template.map((m) => m.label);
    expect(labels).toContain('File');
    expect(labels).toContain('Help');
    expect(labels).not.toContain('View');
    const roles = template.flatMap((m) => m.submenu ?? []).map((i) => i.role);
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('reload');
  });

  it('quitting closes the workspace in the engine before the app exits', async () => {
    const e = { preventDefault: vi.fn() };
    engine.postMessage.mockClear();
    electron.app.emit('before-quit', e);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(engine.postMessage).toHaveBeenCalledWith({ type: 'close' });
    expect(electron.app.quit).not.toHaveBeenCalled();
    engine.emit('exit', 0);
    await new Promise((r) => setImmediate(r));
    expect(electron.app.quit).toHaveBeenCalled();
  });
});
