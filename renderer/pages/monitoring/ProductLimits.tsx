/**
 * Other day limits for some products of a mixed book (按产品的逾期天数上限): e.g. credit cards
 * classified under the card measures while every other loan follows the 2023 measures. The first row
 * listing a loan's product decides, so the rows are ordered.
 */
import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/I18nProvider';
import { TIER_LABEL } from './labels';
import { OrderedRows } from './OrderedRows';
import { DPD_LIMIT_TIERS, newProductLimitsRow, type DpdLimitsForm, type ProductLimitsRow } from './ruleSetForm';

export function ProductLimits({
  rows,
  mainLimits,
  products,
  problem,
  onChange,
}: {
  rows: ProductLimitsRow[];
  /** A new row starts from the main limits. */
  mainLimits: DpdLimitsForm;
  /** Product codes of the panel in use, as a reminder of how they are spelled. */
  products: readonly string[];
  /** The form's problem when it is in one of these rows. */
  problem: { row: number; message: MessageKey } | null;
  onChange(rows: ProductLimitsRow[]): void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="form-group mon-edit-section mon-product-limits">
      <legend>{t('mon.rules.byProduct')}</legend>
      <p className="form-note">{products.length > 0 ? t('mon.rules.byProductHint', { products: products.join(', ') }) : t('mon.rules.byProductHintNone')}</p>
      <OrderedRows
        testId="product-limits"
        ordered
        rows={rows}
        onChange={onChange}
        columns={1 + DPD_LIMIT_TIERS.length}
        head={
          <>
            <th>{t('mon.rules.products')}</th>
            {DPD_LIMIT_TIERS.map((tier) => (
              <th key={tier} className="num" title={t('mon.rules.maxDpdOf', { tier: t(TIER_LABEL[tier]) })}>
                {t(TIER_LABEL[tier])}
              </th>
            ))}
          </>
        }
        cells={({ row, update }) => (
          <>
            <td className="mon-edit-wide">
              <input className="input" value={row.products} placeholder={t('mon.rules.productsPlaceholder')} aria-label={t('mon.rules.products')} onChange={(e) => update({ products: e.target.value })} data-testid="product-limits-products" />
            </td>
            {DPD_LIMIT_TIERS.map((tier) => (
              <td key={tier} className="num">
                <input
                  className="input mon-num-input mon-days-input"
                  inputMode="numeric"
                  value={row.maxDpd[tier]}
                  aria-label={t('mon.rules.maxDpdOf', { tier: t(TIER_LABEL[tier]) })}
                  onChange={(e) => update({ maxDpd: { ...row.maxDpd, [tier]: e.target.value } })}
                  data-testid={`product-limits-${tier}`}
                />
              </td>
            ))}
          </>
        )}
        newRow={() => newProductLimitsRow(mainLimits)}
        addLabel={t('mon.rules.addByProduct')}
        problem={(row) => (problem && problem.row === row ? { message: t(problem.message), field: null } : null)}
      />
    </fieldset>
  );
}
