/**
 * One long operation a dialog or tab starts and follows: its job id and progress, and how it ended —
 * cancelled (a note, not an error) or failed (the error with where it happened). Import, train,
 * score and profile all run their job this way.
 */
import { useCallback, useState } from 'react';
import type { ArgsOf, OpName, ResultOf } from '../../src/api/index';
import { toErrorShape, type ErrorShape } from '../../src/api/errors';
import { useJob, useJobs } from './jobs';

export function useJobRun() {
  const jobs = useJobs();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<ErrorShape | null>(null);
  const [wasCancelled, setWasCancelled] = useState(false);
  const job = useJob(jobId);

  /** Forget how the last run ended (a new file was picked, say). */
  const clearOutcome = useCallback(() => {
    setError(null);
    setWasCancelled(false);
  }, []);

  /** Starts `op` as a job; resolves with its result, or undefined once it was cancelled or failed. */
  const run = useCallback(
    async <K extends OpName>(op: K, args: ArgsOf<K>): Promise<ResultOf<K> | undefined> => {
      clearOutcome();
      const started = jobs.start(op, args);
      setJobId(started.jobId);
      try {
        return await started.result;
      } catch (e) {
        const shape = toErrorShape(e);
        if (shape.kind === 'cancelled') setWasCancelled(true);
        else setError(shape);
        return undefined;
      } finally {
        setJobId(null);
      }
    },
    [jobs, clearOutcome],
  );

  const cancel = useCallback(() => {
    if (jobId) void jobs.cancel(jobId);
  }, [jobs, jobId]);

  return { job, jobId, running: jobId !== null, error, setError, wasCancelled, clearOutcome, run, cancel };
}
