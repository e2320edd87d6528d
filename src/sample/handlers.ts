import type { SampleHandlers } from '../api/sample';
import { VigilError } from '../api/errors';
import type { Workspace } from '../workspace/workspace';

// PLACEHOLDER: being written (issue 2).
export function sampleHandlers(_ws: Workspace): SampleHandlers {
  return {
    'sample.generate': async () => {
      throw new VigilError('internal', 'sample.generate is not implemented yet');
    },
  };
}
