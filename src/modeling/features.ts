/**
 * Which columns a model uses. By default every numeric column except the outcome and identifiers: a
 * loan number is numeric but carries no risk, and a model that "learns" it will not survive next month.
 */
import { badInput } from '../api/errors';
import { NUMERIC_TYPE, findColumn, type TableColumns } from './frame';

/**
 * Identifier names: `ID`, `loan_id`, `customerId`, `account_no`, `contract_number`, `客户编号`...
 * (word boundaries matter: `paid`, `valid` and `PAY_0` are not ids).
 */
const ID_LIKE = [/^id$/i, /[_\s.-]id$/i, /[a-z]Id$/, /^id[_\s.-]/i, /[_\s.-](no|nr|num|number|key)$/i, /(编号|号码|证件号|身份证)/];

export function isIdLike(column: string): boolean {
  return ID_LIKE.some((re) => re.test(column));
}

/** Default features: numeric columns other than the target and id-like columns, in table order. */
export function defaultFeatures(t: TableColumns, target: string): string[] {
  const targetName = findColumn(t, target, 'Target column').name;
  return t.columns.filter((c) => c.name !== targetName && NUMERIC_TYPE.test(c.type) && !isIdLike(c.name)).map((c) => c.name);
}

/** The analyst's feature list checked against the table (stored names returned); the default when absent. */
export function chooseFeatures(t: TableColumns, target: string, features: string[] | undefined): string[] {
  const targetName = findColumn(t, target, 'Target column').name;
  if (features === undefined) {
    const chosen = defaultFeatures(t, targetName);
    if (chosen.length === 0) {
      throw badInput(`Table "${t.table}" has no numeric columns besides the target and ids; name the features to use.`, { table: t.table });
    }
    return chosen;
  }
  if (!Array.isArray(features) || features.length === 0) throw badInput('Choose at least one feature.', { field: 'features' });
  const out: string[] = [];
  for (const f of features) {
    if (typeof f !== 'string') throw badInput('Feature names must be text.', { field: 'features' });
    const name = findColumn(t, f, 'Feature').name;
    if (name === targetName) throw badInput(`"${name}" is the target; it cannot also be a feature.`, { column: name });
    if (out.includes(name)) throw badInput(`Feature "${name}" is listed twice.`, { column: name });
    out.push(name);
  }
  return out;
}
