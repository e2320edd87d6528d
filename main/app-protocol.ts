/**
 * The built renderer is served from app://vigil/, not file://. A real origin makes `script-src 'self'`
 * mean exactly "our bundle", lets ES modules load, and keeps the page away from the rest of the disk:
 * the handler answers only for files inside out/renderer.
 */
import type { Net, Protocol } from 'electron';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../src/host/csp';
import { isInside } from '../src/host/paths';

export const APP_SCHEME = 'app';
export const APP_URL = 'app://vigil/index.html';

/** Registered before `ready` (Electron's rule); one call, since a second would replace the first. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

/** The file an app:// URL names, or null when it is not ours or would leave the renderer folder. */
export function appFileFor(requestUrl: string, rendererDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== 'vigil') return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  // Paths without an extension are the single-page app's routes.
  if (pathname === '/' || extname(pathname) === '') pathname = '/index.html';
  const root = resolve(rendererDir);
  const file = resolve(root, '.' + pathname);
  return isInside(root, file) ? file : null;
}

export function registerAppProtocol(protocol: Protocol, net: Net, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFileFor(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    let res: Response;
    try {
      res = await net.fetch(pathToFileURL(file).toString());
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}
