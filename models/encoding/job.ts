/**
 * What long model work needs from its caller. The engine's `JobContext` (src/api/jobs.ts)
 * satisfies this structurally, so models/ stays free of src/ imports while a fit still
 * reports progress and stops when the user cancels.
 */
export interface ModelJob {
  progress(done: number, total?: number | null, message?: string): void;
  /** Throws (the engine's `cancelled` error) when the user cancelled. */
  throwIfCancelled(): void;
}
