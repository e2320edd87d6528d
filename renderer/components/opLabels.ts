/** What the job bar calls each operation. */
import type { OpName } from '../../src/api/index';
import type { MessageKey } from '../i18n/catalog';

/**
 * Operations' names for the user. Long-running work has its own label; any other operation of a
 * domain is named by its domain, so a domain adding a quick operation does not need the UI to
 * change, while a new domain without a name fails the typecheck.
 */
type OpDomain = OpName extends `${infer D}.${string}` ? D : never;

const DOMAIN_LABEL: Record<OpDomain, MessageKey> = {
  workspace: 'top.workspace',
  sample: 'op.sample.generate',
  models: 'nav.models',
  monitoring: 'nav.monitoring',
};

export const OP_LABEL: Partial<Record<OpName, MessageKey>> = {
  'workspace.info': 'op.workspace.info',
  'workspace.tables': 'op.workspace.tables',
  'workspace.import': 'op.workspace.import',
  'workspace.sheets': 'op.workspace.sheets',
  'workspace.rename': 'op.workspace.rename',
  'workspace.drop': 'op.workspace.drop',
  'workspace.profile': 'op.workspace.profile',
  'workspace.preview': 'op.workspace.preview',
  'workspace.query': 'op.workspace.query',
  'workspace.exportCsv': 'op.workspace.exportCsv',
  'sample.generate': 'op.sample.generate',
  'models.train': 'op.models.train',
  'models.score': 'op.models.score',
  'models.compare': 'op.models.compare',
  'models.import': 'op.models.import',
  'models.export': 'op.models.export',
};

/** The label key of an operation name off the wire (own hasOwn checks: "constructor" is no operation). */
export function opLabel(op: string): MessageKey | null {
  if (Object.hasOwn(OP_LABEL, op)) return OP_LABEL[op as OpName] ?? null;
  const domain = op.slice(0, op.indexOf('.'));
  return Object.hasOwn(DOMAIN_LABEL, domain) ? DOMAIN_LABEL[domain as OpDomain] : null;
}
