/**
 * The one typed contract. Each domain declares its handler types; this merges them.
 * The renderer's client derives its types from `Handlers`, so a rename breaks the build, not the app.
 */
import type { JobProgress } from './jobs';
import type { ModelHandlers } from './models';
import type { MonitoringHandlers } from './monitoring';
import type { SampleHandlers } from './sample';
import type { WorkspaceHandlers } from './workspace';

export type Handlers = WorkspaceHandlers & SampleHandlers & ModelHandlers & MonitoringHandlers;
export type OpName = keyof Handlers & string;
export type ArgsOf<K extends OpName> = Parameters<Handlers[K]>[0];
export type ResultOf<K extends OpName> = Awaited<ReturnType<Handlers[K]>>;

/** What every host offers the renderer (and tests). */
export interface VigilApi {
  call<K extends OpName>(op: K, args: ArgsOf<K>, opts?: { jobId?: string }): Promise<ResultOf<K>>;
  cancel(jobId: string): Promise<void>;
  onProgress(listener: (p: JobProgress) => void): () => void;
}

/** Runtime list of operations, checked against the type map (a missing or extra name fails typecheck). */
export const OPS = [
  'workspace.info',
  'workspace.tables',
  'workspace.import',
  'workspace.sheets',
  'workspace.rename',
  'workspace.drop',
  'workspace.profile',
  'workspace.preview',
  'workspace.query',
  'workspace.exportCsv',
  'sample.generate',
  'models.targetValues',
  'models.defaultFeatures',
  'models.train',
  'models.list',
  'models.get',
  'models.delete',
  'models.export',
  'models.import',
  'models.compare',
  'models.score',
  'monitoring.panels',
  'monitoring.suggestMapping',
  'monitoring.saveMapping',
  'monitoring.deleteMapping',
  'monitoring.panelFromUci',
  'monitoring.ruleSets',
  'monitoring.saveRuleSet',
  'monitoring.deleteRuleSet',
  'monitoring.classify',
  'monitoring.migration',
  'monitoring.cumulativeMigration',
  'monitoring.migrationRates',
  'monitoring.rollRates',
  'monitoring.vintages',
  'monitoring.warningRules',
  'monitoring.saveWarningRules',
  'monitoring.deskRules',
  'monitoring.saveDeskRules',
  'monitoring.warnings',
  'monitoring.layers',
  'monitoring.collections',
  'monitoring.drill',
] as const satisfies readonly OpName[];
type Missing = Exclude<OpName, (typeof OPS)[number]>;
export const OPS_COMPLETE: [Missing] extends [never] ? true : Missing = true;

export function isOpName(x: unknown): x is OpName {
  return typeof x === 'string' && (OPS as readonly string[]).includes(x);
}

export type { Handler } from './handler';
export * from './errors';
export type * from './jobs';
export type * from './workspace';
export type * from './sample';
export type * from './models';
// Not `export type *`: the monitoring types file also exports runtime constants (TIERS).
export * from './monitoring';
