/**
 * Long work is a job: it reports progress at least once a second and can be cancelled.
 * Every call carries a jobId (the caller may choose it, so it can cancel before the result arrives).
 */
export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  jobId: string;
  op: string;
  state: JobState;
  /** Units done so far (rows, trees, steps...). */
  done: number;
  /** Total units when known; null for indeterminate work. */
  total: number | null;
  /** Short human text: "Reading rows", "Tree 12 of 100". */
  message?: string;
  /** Milliseconds since the job started. */
  elapsedMs: number;
}

export interface JobContext {
  jobId: string;
  signal: AbortSignal;
  /** Report progress. Cheap to call often: hosts throttle what they forward. */
  progress(done: number, total?: number | null, message?: string): void;
  /** Throws a `cancelled` VigilError if the user cancelled. Call it between units of work. */
  throwIfCancelled(): void;
}
