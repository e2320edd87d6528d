/**
 * The Content-Security-Policy of the app's own pages, the same for the Electron window and the
 * browser host: scripts only from the app itself (no inline script, no eval), no plugins, no framing,
 * and network only back to the app (the browser host's /api). `style-src 'unsafe-inline'` stays
 * because Observable Plot writes a <style> element into every chart's SVG.
 */
const COMMON = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
];

export const CONTENT_SECURITY_POLICY = ["script-src 'self'", "connect-src 'self'", ...COMMON].join('; ');

/**
 * Only for `electron-vite dev`, where the page comes from the Vite dev server on localhost:
 * React Fast Refresh injects an inline script and hot reload talks over a websocket.
 * Built apps and the browser host never use it.
 */
export const DEV_CONTENT_SECURITY_POLICY = ["script-src 'self' 'unsafe-inline'", "connect-src 'self' ws:", ...COMMON].join('; ');
