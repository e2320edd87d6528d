/** A JobContext for tests: records progress and can be cancelled like the engine's. */
import { cancelled } from '../../src/api/errors';
import type { JobContext } from '../../src/api/jobs';

export interface RecordedProgress {
  done: number;
  total: number | null;
  message: string;
}

export function testContext(onProgress?: (p: RecordedProgress) => void): {
  ctx: JobContext;
  progress: RecordedProgress[];
  cancel: () => void;
} {
  const controller = new AbortController();
  const progress: RecordedProgress[] = [];
  const ctx: JobContext = {
    jobId: 'test',
    signal: controller.signal,
    progress(done, total, message) {
      const p = { done, total: total ?? null, message: message ?? '' };
      progress.push(p);
      onProgress?.(p);
    },
    throwIfCancelled() {
      if (controller.signal.aborted) throw cancelled();
    },
  };
  return { ctx, progress, cancel: () => controller.abort() };
}
