/**
 * Job progress on stderr, so stdout stays clean for --json and pipes. On a terminal one line is
 * redrawn in place; in a log (CI, a file) a new line is written at most once a second.
 */
import type { JobProgress } from '../../api/jobs';
import { clip, formatCount } from './format';

export interface ProgressSink {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const TTY_REDRAW_MS = 100;
const LOG_LINE_MS = 1000;
/** Quick jobs print nothing: a line that appears and vanishes at once is noise, in a log even more so. */
const TTY_QUIET_MS = 300;
const LOG_QUIET_MS = 1000;

export function progressText(p: JobProgress): string {
  const parts = [p.op];
  if (p.message) parts.push(p.message);
  if (p.total !== null && p.total > 0) {
    const pct = Math.min(100, Math.floor((100 * p.done) / p.total));
    parts.push(`${formatCount(p.done)} / ${formatCount(p.total)} (${pct}%)`);
  } else if (p.done > 0) {
    parts.push(formatCount(p.done));
  }
  parts.push(`${(p.elapsedMs / 1000).toFixed(1)} s`);
  return parts.join(' · ');
}

export class ProgressReporter {
  private lastWrite = -Infinity;
  private lineShown = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly now: () => number = Date.now,
  ) {}

  update(p: JobProgress): void {
    if (p.state !== 'running') {
      this.clear();
      return;
    }
    const tty = this.sink.isTTY === true;
    if (p.elapsedMs < (tty ? TTY_QUIET_MS : LOG_QUIET_MS)) return;
    const t = this.now();
    if (t - this.lastWrite < (tty ? TTY_REDRAW_MS : LOG_LINE_MS)) return;
    this.lastWrite = t;
    const text = progressText(p);
    if (tty) {
      this.sink.write(`\r\x1b[2K${clip(text, Math.max(20, (this.sink.columns ?? 80) - 1))}`);
      this.lineShown = true;
    } else {
      this.sink.write(text + '\n');
    }
  }

  /** Remove the live line before the result or an error is printed. */
  clear(): void {
    if (this.lineShown) this.sink.write('\r\x1b[2K');
    this.lineShown = false;
  }
}
