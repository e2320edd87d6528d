/**
 * The one error shape that crosses every boundary (IPC, HTTP, CLI).
 * A user reads `message`; a test asserts `kind`; `details` carries where (file, line, column...).
 */
export const ERROR_KINDS = ['bad_input', 'not_found', 'conflict', 'cancelled', 'internal'] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ErrorShape {
  kind: ErrorKind;
  message: string;
  details?: Record<string, unknown>;
}

export class VigilError extends Error {
  readonly kind: ErrorKind;
  readonly details?: Record<string, unknown>;
  constructor(kind: ErrorKind, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'VigilError';
    this.kind = kind;
    this.details = details;
  }
  toShape(): ErrorShape {
    return this.details === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, details: this.details };
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) =>
  new VigilError('bad_input', message, details);
export const notFound = (message: string, details?: Record<string, unknown>) =>
  new VigilError('not_found', message, details);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new VigilError('conflict', message, details);
export const cancelled = (message = 'Cancelled by the user.', details?: Record<string, unknown>) =>
  new VigilError('cancelled', message, details);

export function isErrorShape(x: unknown): x is ErrorShape {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as ErrorShape).message === 'string' &&
    (ERROR_KINDS as readonly string[]).includes((x as ErrorShape).kind)
  );
}

/** Anything thrown -> the plain shape. Unknown errors become `internal` with their message kept. */
export function toErrorShape(e: unknown): ErrorShape {
  if (e instanceof VigilError) return e.toShape();
  if (isErrorShape(e)) return { kind: e.kind, message: e.message, ...(e.details ? { details: e.details } : {}) };
  if (e instanceof Error) return { kind: 'internal', message: e.message };
  return { kind: 'internal', message: String(e) };
}

export function fromErrorShape(s: ErrorShape): VigilError {
  return new VigilError(s.kind, s.message, s.details);
}
