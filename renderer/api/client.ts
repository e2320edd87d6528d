/**
 * The one typed client the UI uses. The transport is chosen once at start:
 * the Electron preload when it is there, else the browser host over HTTP.
 */
import { VigilError } from '../../src/api/errors';
import { electronClient } from './electronTransport';
import { browserFiles } from './browserFiles';
import { httpCalls } from './httpTransport';
import type { VigilClient } from './types';

export type { PickedFile, VigilClient, HostKind } from './types';

export function createClient(win: Window = window): VigilClient {
  if (win.vigil && win.vigil.host === 'electron') return electronClient(win.vigil);
  const token = new URLSearchParams(win.location.search).get('token');
  if (!token) {
    throw new VigilError(
      'bad_input',
      'This page was opened without its access token. Open Vigil from the link printed by `npm run serve`.',
      { url: win.location.origin + win.location.pathname, transport: 'missing_token' },
    );
  }
  return { ...httpCalls(token), ...browserFiles(token) };
}

/** A job id the caller chooses up front, so it can cancel before the result arrives. */
export function newJobId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
