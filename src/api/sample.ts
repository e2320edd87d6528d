import type { Handler } from './handler';

export interface SampleArgs {
  /**
   * Number of loans on book at some snapshot of the window (default 50,000). Loans that left the book
   * before the first snapshot are simulated (so arrears and workouts are in steady state from the first
   * month) but not published, so loan ids have gaps.
   */
  loans?: number;
  /** Monthly snapshots (default 24). */
  months?: number;
  /** Seed: same seed, same portfolio, byte for byte. */
  seed?: number;
  /** Replace existing sample tables (default false: conflict). */
  replace?: boolean;
  /** Last snapshot month, 'YYYY-MM' or any 'YYYY-MM-DD' in it (default 2026-10, so the data look current). */
  lastSnapshot?: string;
}

export interface SampleResult {
  seed: number;
  loans: number;
  months: number;
  /** Tables written, with their row counts. */
  tables: { name: string; rows: number }[];
  elapsedMs: number;
  /** First and last month-end of the panel (ISO dates). */
  firstSnapshot?: string;
  lastSnapshot?: string;
}

export interface SampleHandlers {
  'sample.generate': Handler<SampleArgs, SampleResult>;
}
