/**
 * The desktop window's security policy, as small functions a test can check one by one.
 * The window shows the analyst's loan data; the rules assume that any page content could be
 * hostile (a crafted CSV cell rendered somewhere, a dependency gone bad) and leave it nothing to use:
 * no Node, no navigation, no new windows, no permissions, no IPC except from our own page.
 */
import type { Session, WebContents, WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../src/host/csp';

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // Dropping a file on the window must not navigate to it.
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/**
 * Same scheme and host (with port) as the app's own address. Compared by parts, not by `origin`:
 * for a custom scheme like app:// the URL standard gives the opaque origin "null".
 */
export function isSameApp(url: string, appUrl: string): boolean {
  let u: URL;
  let app: URL;
  try {
    u = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  return u.protocol === app.protocol && u.host === app.host && u.username === '' && u.password === '';
}

/** The window may only move within the app (a reload, an in-app route); never to anything else. */
export function isAllowedNavigation(url: string, appUrl: string): boolean {
  return isSameApp(url, appUrl);
}

/** The little of an IPC event the sender check reads (Electron's IpcMainInvokeEvent has it all). */
export interface SenderLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown; processId: number; routingId: number } | null;
}

export interface WindowLike {
  webContents: { id: number; mainFrame: { processId: number; routingId: number } | null };
}

/**
 * An IPC message is ours only if it comes from our window's top frame showing our app.
 * An iframe, a page navigated elsewhere, or another window is refused.
 */
export function isTrustedSender(event: SenderLike, window: WindowLike | null, appUrl: string): boolean {
  const frame = event.senderFrame;
  if (!window || !frame) return false;
  const main = window.webContents.mainFrame;
  return (
    event.sender.id === window.webContents.id &&
    frame.parent === null &&
    main !== null &&
    frame.processId === main.processId &&
    frame.routingId === main.routingId &&
    isSameApp(frame.url, appUrl)
  );
}

/** CSP on every response the session loads, whatever served it (app:// or the dev server). */
export function withCsp(headers: Record<string, string[]> | undefined, csp = CONTENT_SECURITY_POLICY): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  out['Content-Security-Policy'] = [csp];
  return out;
}

/** `csp` is the strict policy except under `electron-vite dev` (see DEV_CONTENT_SECURITY_POLICY). */
export function applySessionPolicy(session: Session, csp = CONTENT_SECURITY_POLICY): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
  // Vigil needs no camera, location, notifications, clipboard reads or device access.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Applied to every WebContents Electron creates (see main/index.ts `web-contents-created`). */
export function hardenWebContents(contents: WebContents, appUrl: string): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayInApp = (event: { url: string; preventDefault(): void }) => {
    if (!isAllowedNavigation(event.url, appUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  // No <webview> tags: the preference disables them, and this refuses any that slip through.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
