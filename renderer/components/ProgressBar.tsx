/** A thin progress bar: determinate when the total is known, an indeterminate sweep otherwise. */
import type { JobState } from '../../src/api/jobs';

export function ProgressBar({ done, total, state = 'running' }: { done: number; total: number | null; state?: JobState }) {
  const determinate = total !== null && total > 0;
  const pct = determinate ? Math.max(0, Math.min(100, (done / total) * 100)) : 0;
  const shownPct = state === 'done' ? 100 : pct;
  return (
    <span
      className={`progress progress-${state}${determinate || state !== 'running' ? '' : ' indeterminate'}`}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={determinate ? Math.round(shownPct) : undefined}
      data-testid="progress"
    >
      <span className="progress-fill" style={determinate || state !== 'running' ? { width: `${shownPct}%` } : undefined} />
    </span>
  );
}
