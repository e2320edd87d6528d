/**
 * The column profile of the table a model is trained on (missing share, distinct values), shown
 * beside each feature. Profiling reads every row, so it runs once per table version, as a job.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { toErrorShape, type ErrorShape } from '../../../src/api/errors';
import type { ColumnProfile, TableInfo } from '../../../src/api/workspace';
import { useJob, useJobs, type TrackedJob } from '../../state/jobs';
import { tableVersion } from '../data/useCatalog';

export interface TableProfileState {
  /** Column profiles by name, once the job has answered. */
  columns: ReadonlyMap<string, ColumnProfile> | null;
  job: TrackedJob | null;
  running: boolean;
  error: ErrorShape | null;
  cancel(): void;
  retry(): void;
}

export function useTableProfile(table: TableInfo | null): TableProfileState {
  const jobs = useJobs();
  const [cache, setCache] = useState<ReadonlyMap<string, ReadonlyMap<string, ColumnProfile>>>(new Map());
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<{ version: string; error: ErrorShape } | null>(null);
  const job = useJob(jobId);
  // Versions already asked for: React's development double-run of effects must not profile twice.
  const asked = useRef(new Set<string>());
  // The profile under way: switching tables cancels it (two full scans would share the machine's cores).
  const current = useRef<{ jobId: string; version: string } | null>(null);
  const version = table ? tableVersion(table) : null;

  const run = useCallback(
    async (t: TableInfo) => {
      const v = tableVersion(t);
      if (current.current) {
        void jobs.cancel(current.current.jobId);
        asked.current.delete(current.current.version);
      }
      asked.current.add(v);
      setError(null);
      const started = jobs.start('workspace.profile', { table: t.name });
      current.current = { jobId: started.jobId, version: v };
      setJobId(started.jobId);
      try {
        const profile = await started.result;
        setCache((prev) => new Map(prev).set(v, new Map(profile.columns.map((c) => [c.name, c]))));
      } catch (e) {
        const shape = toErrorShape(e);
        // A cancelled profile only leaves the figures out; nothing to report.
        if (shape.kind !== 'cancelled') setError({ version: v, error: shape });
      } finally {
        if (current.current?.jobId === started.jobId) current.current = null;
        setJobId((id) => (id === started.jobId ? null : id));
      }
    },
    [jobs],
  );

  useEffect(() => {
    if (table && version && !asked.current.has(version)) void run(table);
  }, [table, version, run]);

  return {
    columns: version ? (cache.get(version) ?? null) : null,
    job,
    running: jobId !== null,
    error: error && error.version === version ? error.error : null,
    cancel: () => {
      if (jobId) void jobs.cancel(jobId);
    },
    retry: () => {
      if (table) void run(table);
    },
  };
}
