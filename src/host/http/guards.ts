/**
 * Who may talk to the browser host. It listens on 127.0.0.1 only, but any web page the analyst
 * visits can still aim requests at 127.0.0.1, so three checks stand between a page and the data:
 * the Host header (DNS rebinding), the Origin header (cross-site requests) and the launch token.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { badInput } from '../../api/errors';
import { HttpProblem } from './respond';

export const TOKEN_HEADER = 'x-vigil-token';

/** The only Host values the server answers: a rebinding attack arrives with the attacker's host name. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((h) => `http://${h}`);
}

export function checkHost(req: IncomingMessage, port: number): void {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts(port).includes(host)) {
    throw new HttpProblem(403, badInput('This Vigil server answers only requests addressed to 127.0.0.1 or localhost.', { host }));
  }
}

/** A browser always sends Origin on cross-site requests; same-origin fetches may omit it. */
export function checkOrigin(req: IncomingMessage, port: number): void {
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(port).includes(origin.toLowerCase())) {
    throw new HttpProblem(403, badInput('Requests from other web sites are refused.', { origin }));
  }
}

/** Constant-time comparison; hashing first makes both sides the same length whatever was sent. */
export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function checkToken(req: IncomingMessage, url: URL, expected: string): void {
  const header = req.headers[TOKEN_HEADER];
  const given = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('token');
  if (!tokenMatches(given, expected)) {
    throw new HttpProblem(
      401,
      badInput('Missing or wrong access token: open Vigil with the full address printed when the server started.'),
    );
  }
}
