/** Path containment, the check behind every "only files inside this folder" rule of the hosts. */
import { isAbsolute, relative, sep } from 'node:path';

/** `child` is `root` itself or lies below it: no `..` step out, no other drive. Both must be resolved paths. */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}
