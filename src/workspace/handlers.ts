import type { WorkspaceHandlers } from '../api/workspace';
import { VigilError } from '../api/errors';
import type { Workspace } from './workspace';

// PLACEHOLDER: being written (issue 2). Every op answers `internal` until implemented.
const todo = (op: string) => async (): Promise<never> => {
  throw new VigilError('internal', `${op} is not implemented yet`);
};

export function workspaceHandlers(_ws: Workspace): WorkspaceHandlers {
  return {
    'workspace.info': todo('workspace.info'),
    'workspace.tables': todo('workspace.tables'),
    'workspace.import': todo('workspace.import'),
    'workspace.sheets': todo('workspace.sheets'),
    'workspace.rename': todo('workspace.rename'),
    'workspace.drop': todo('workspace.drop'),
    'workspace.profile': todo('workspace.profile'),
    'workspace.preview': todo('workspace.preview'),
    'workspace.query': todo('workspace.query'),
    'workspace.exportCsv': todo('workspace.exportCsv'),
  };
}
