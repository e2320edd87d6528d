/** The sample domain's operations: `sample.generate` builds the embedded default portfolio as a job. */
import type { SampleHandlers } from '../api/sample';
import type { Workspace } from '../workspace/workspace';
import { generatePortfolio } from './generate';

export function sampleHandlers(ws: Workspace): SampleHandlers {
  return {
    'sample.generate': (args, ctx) => generatePortfolio(ws, args ?? {}, ctx),
  };
}
