/** How a `vigil` run ends, for scripts: 2 means "fix your input", 1 means "our bug", 130 means Ctrl-C. */
import type { ErrorKind } from '../../api/errors';

export const EXIT = { ok: 0, internal: 1, usage: 2, cancelled: 130 } as const;

export function exitCodeFor(kind: ErrorKind): number {
  switch (kind) {
    case 'bad_input':
    case 'not_found':
    case 'conflict':
      return EXIT.usage;
    case 'cancelled':
      return EXIT.cancelled;
    default:
      return EXIT.internal;
  }
}
