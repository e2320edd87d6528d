/**
 * Validated generation settings: what the user asked for, with defaults, checked before any SQL runs.
 */
import { badInput } from '../api/errors';
import type { SampleArgs } from '../api/sample';
import { DEFAULT_LAST_SNAPSHOT, DEFAULT_LOANS, DEFAULT_MONTHS, DEFAULT_SEED, LIMITS } from './calibration';
import { candidateCount, preWindowShare } from './population';

export interface SamplePlan {
  loans: number;
  months: number;
  seed: number;
  replace: boolean;
  /** First day of the first snapshot month, 'YYYY-MM-01'. */
  firstMonth: string;
  /** First and last month-ends, ISO dates. */
  firstSnapshot: string;
  lastSnapshot: string;
  /** Share of the book's loans written inside the window; the rest were already on book when it opens. */
  newShare: number;
  /** Loans simulated, of which the first `loans` on book in the window are published (`population.ts`). */
  candidates: number;
  /** Share of the candidates that matured shortly before the window. */
  preWindowShare: number;
}

/** Months of older originations weighed against the window: 24 months -> 40% of loans are new. */
const SEASONED_BOOK_MONTHS = 36;

function integerArg(args: SampleArgs, field: 'loans' | 'months' | 'seed', fallback: number, min: number, max: number): number {
  const v: unknown = args[field];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw badInput(`${field} must be a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}.`, {
      field,
      value: v,
    });
  }
  return v;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** Month-end `offset` months after the month of (year, month0). */
function monthEnd(year: number, month0: number, offset: number): Date {
  return new Date(Date.UTC(year, month0 + offset + 1, 0));
}

export function planSample(args: SampleArgs = {}): SamplePlan {
  const loans = integerArg(args, 'loans', DEFAULT_LOANS, LIMITS.minLoans, LIMITS.maxLoans);
  const months = integerArg(args, 'months', DEFAULT_MONTHS, LIMITS.minMonths, LIMITS.maxMonths);
  // The seed is hashed as a BIGINT; any safe integer is fine.
  const seed = integerArg(args, 'seed', DEFAULT_SEED, 0, Number.MAX_SAFE_INTEGER);
  if (args.replace !== undefined && typeof args.replace !== 'boolean') {
    throw badInput('replace must be true or false.', { field: 'replace', value: args.replace });
  }
  const last = args.lastSnapshot ?? DEFAULT_LAST_SNAPSHOT;
  const m = typeof last === 'string' ? /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(last) : null;
  const year = m ? Number(m[1]) : NaN;
  const month = m ? Number(m[2]) : NaN;
  if (!m || month < 1 || month > 12 || year < 1900 || year > 2200) {
    throw badInput('lastSnapshot must be a month like 2026-10 or a date like 2026-10-31.', {
      field: 'lastSnapshot',
      value: last,
    });
  }
  const newShare = months / (months + SEASONED_BOOK_MONTHS);
  const lastEnd = monthEnd(year, month - 1, 0);
  const firstEnd = monthEnd(year, month - 1, -(months - 1));
  return {
    loans,
    months,
    seed,
    replace: args.replace ?? false,
    firstMonth: `${iso(firstEnd).slice(0, 7)}-01`,
    firstSnapshot: iso(firstEnd),
    lastSnapshot: iso(lastEnd),
    newShare,
    candidates: candidateCount(loans, newShare),
    preWindowShare: preWindowShare(newShare),
  };
}
