/** JSON in and out of the browser host, and the protocol failures that carry an HTTP status. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badInput, toErrorShape, type VigilError } from '../../api/errors';
import { toJson } from '../wire';

/** A request the host refuses before it reaches the engine (bad token, host, origin, body). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly error: VigilError,
  ) {
    super(error.message);
    this.name = 'HttpProblem';
  }
}

export const NO_STORE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = toJson(body);
  res.writeHead(status, {
    ...NO_STORE_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Every failure has the same body as a handled engine error, so the client decodes one shape. */
export function sendProblem(res: ServerResponse, status: number, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { ok: false, error: toErrorShape(err) });
}

/** Call and cancel bodies are small; anything bigger is not a Vigil client talking. */
const MAX_JSON_BODY = 8 * 1024 * 1024;

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > MAX_JSON_BODY) {
      throw new HttpProblem(413, badInput(`The request body is larger than ${MAX_JSON_BODY} bytes.`, { limit: MAX_JSON_BODY }));
    }
    chunks.push(b);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new HttpProblem(400, badInput('The request body is not valid JSON.', { reason: (e as Error).message }));
  }
}

/** A JSON body must be an object; returns it as a record for field checks. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readJsonBody(req);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpProblem(400, badInput('The request body must be a JSON object.'));
  }
  return body as Record<string, unknown>;
}
