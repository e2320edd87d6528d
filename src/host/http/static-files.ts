/**
 * The built renderer, served to the browser without a token: the files hold no data, and the page
 * must load before it can read the token from its own address.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../csp';
import { isInside } from '../paths';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export const PAGE_SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // The page address carries the token: never send it to anyone in a Referer.
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
} as const;

export const RENDERER_NOT_BUILT = 'Renderer not built: run npm run build';

async function fileSize(path: string): Promise<number | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : null;
  } catch {
    return null;
  }
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...PAGE_SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

export async function serveRenderer(req: IncomingMessage, res: ServerResponse, url: URL, rendererDir: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' });
    res.end();
    return;
  }
  const root = resolve(rendererDir);
  const index = join(root, 'index.html');
  const indexSize = await fileSize(index);
  if (indexSize === null) {
    sendText(res, 503, RENDERER_NOT_BUILT);
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    sendText(res, 400, 'Malformed path.');
    return;
  }
  let file = resolve(root, '.' + pathname);
  if (!isInside(root, file) || pathname.includes('\0')) {
    sendText(res, 404, 'Not found.');
    return;
  }
  let size = await fileSize(file);
  if (size === null) {
    // Paths without an extension are the single-page app's own routes: give them the page.
    if (extname(pathname) !== '') {
      sendText(res, 404, 'Not found.');
      return;
    }
    file = index;
    size = indexSize;
  }
  res.writeHead(200, {
    ...PAGE_SECURITY_HEADERS,
    'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}
