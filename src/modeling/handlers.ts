/** The models domain's handlers, bound to one workspace. */
import type { ModelHandlers } from '../api/models';
import { badInput } from '../api/errors';
import { q, type Workspace } from '../workspace/workspace';
import { compareModels } from './compare';
import { defaultFeatures } from './features';
import { describeTable, featureSpecs, findColumn } from './frame';
import { deleteModel, listModels, readModel } from './registry';
import { scoreTable } from './score';
import { targetValues } from './target';
import { trainModel } from './train';
import { exportModel, importModel } from './transfer';

function requireText(v: unknown, field: string, what: string): string {
  if (typeof v !== 'string' || v.trim() === '') throw badInput(`Choose ${what}.`, { field });
  return v;
}

export function modelHandlers(ws: Workspace): ModelHandlers {
  return {
    'models.targetValues': (args, ctx) =>
      ws.withConnection(async (c) => {
        const t = await describeTable(c, requireText(args?.table, 'table', 'a table'));
        return targetValues(c, t.table, findColumn(t, requireText(args.target, 'target', 'a target column'), 'Target column').name);
      }, ctx),
    'models.defaultFeatures': (args, ctx) =>
      ws.withConnection(async (c) => {
        const t = await describeTable(c, requireText(args?.table, 'table', 'a table'));
        // The target need not be a clean 0/1 flag yet (the analyst maps it next): only its name matters here.
        const target = findColumn(t, requireText(args.target, 'target', 'a target column'), 'Target column').name;
        return featureSpecs(c, t, defaultFeatures(t, target), `${q(target)} IS NOT NULL`);
      }, ctx),
    'models.train': (args, ctx) => trainModel(ws, args, ctx),
    'models.list': (_args, ctx) => ws.withConnection((c) => listModels(c), ctx),
    'models.get': (args, ctx) => ws.withConnection(async (c) => (await readModel(c, requireText(args?.id, 'id', 'a model'))).detail, ctx),
    'models.delete': async (args, ctx) => {
      const id = requireText(args?.id, 'id', 'a model');
      await ws.transaction((c) => deleteModel(c, id), ctx);
      return { deleted: id };
    },
    'models.export': (args) => exportModel(ws, requireText(args?.id, 'id', 'a model'), requireText(args.path, 'path', 'a file')),
    'models.import': (args) => importModel(ws, requireText(args?.path, 'path', 'a model file')),
    'models.compare': (args, ctx) => compareModels(ws, args, ctx),
    'models.score': (args, ctx) => scoreTable(ws, args, ctx),
  };
}
