/**
 * Input errors raised by the models.
 *
 * models/ may not import src/ (so not VigilError), but the engine turns anything with a `kind`
 * from the closed error set and a `message` into the shared error shape (`toErrorShape` in
 * src/api/errors.ts). So a model error is a plain Error that carries `kind: 'bad_input'` and
 * `details` saying where (feature, row, level): it crosses IPC/HTTP/CLI exactly like
 * `badInput(...)` would.
 */
export class ModelInputError extends Error {
  readonly kind = 'bad_input' as const;
  readonly details?: Record<string, unknown>;
  constructor(message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ModelInputError';
    this.details = details;
  }
}

export const modelInputError = (message: string, details?: Record<string, unknown>): ModelInputError =>
  new ModelInputError(message, details);
