/**
 * Running jobs as the engine reports them. The job bar shows them; a page that started a job
 * can follow its own progress by id. Quick calls (a preview page, the catalog) are jobs too, so
 * the bar only shows a job once it has run long enough to be worth looking at.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ArgsOf, OpName, ResultOf } from '../../src/api/index';
import type { JobProgress } from '../../src/api/jobs';
import { useApi } from '../api/ApiProvider';
import { newJobId } from '../api/client';

/** A job the UI knows about, with the local time its last report arrived (elapsed keeps ticking between reports). */
export interface TrackedJob extends JobProgress {
  receivedAt: number;
}

/** Jobs shorter than this never appear in the bar: they would only flicker. */
export const JOB_BAR_DELAY_MS = 400;
/** How long a finished job stays in the bar, so the user sees it end rather than vanish. */
const FINISHED_LINGER_MS = 1500;

interface JobsState {
  jobs: ReadonlyMap<string, TrackedJob>;
  /** Start `op` as a job with an id chosen here, so it can be followed and cancelled at once. */
  start<K extends OpName>(op: K, args: ArgsOf<K>): { jobId: string; result: Promise<ResultOf<K>> };
  cancel(jobId: string): Promise<void>;
}

const JobsContext = createContext<JobsState | null>(null);

export function JobsProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [jobs, setJobs] = useState<ReadonlyMap<string, TrackedJob>>(new Map());

  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const off = api.onProgress((p) => {
      setJobs((prev) => {
        const next = new Map(prev);
        next.set(p.jobId, { ...p, receivedAt: Date.now() });
        return next;
      });
      if (p.state !== 'running') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          setJobs((prev) => {
            const job = prev.get(p.jobId);
            if (!job || job.state === 'running') return prev;
            const next = new Map(prev);
            next.delete(p.jobId);
            return next;
          });
        }, FINISHED_LINGER_MS);
        timers.add(timer);
      }
    });
    return () => {
      off();
      for (const t of timers) clearTimeout(t);
    };
  }, [api]);

  const start = useCallback(
    <K extends OpName>(op: K, args: ArgsOf<K>) => {
      const jobId = newJobId();
      return { jobId, result: api.call(op, args, { jobId }) };
    },
    [api],
  );
  const cancel = useCallback((jobId: string) => api.cancel(jobId), [api]);

  const value = useMemo(() => ({ jobs, start, cancel }), [jobs, start, cancel]);
  return <JobsContext.Provider value={value}>{children}</JobsContext.Provider>;
}

export function useJobs(): JobsState {
  const ctx = useContext(JobsContext);
  if (!ctx) throw new Error('useJobs outside <JobsProvider>');
  return ctx;
}

/** The latest report of one job, or null before the first report (or after it left the bar). */
export function useJob(jobId: string | null): TrackedJob | null {
  const { jobs } = useJobs();
  return jobId ? (jobs.get(jobId) ?? null) : null;
}

/** Elapsed milliseconds of a job right now: the engine's figure plus the time since it was sent. */
export function elapsedNow(job: TrackedJob, now: number): number {
  return job.state === 'running' ? job.elapsedMs + (now - job.receivedAt) : job.elapsedMs;
}

/** Re-render every `ms` while `active`, for clocks that tick between reports. */
export function useTicker(active: boolean, ms = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [active, ms]);
  return now;
}
