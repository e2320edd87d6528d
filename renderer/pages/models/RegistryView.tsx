/**
 * Every saved model of the workspace, newest first: name and version, kind, the table and target
 * it learned from, when, and its AUC on train and test. Open, score, export, delete; tick two or
 * more to compare them.
 */
import type { ModelSummary } from '../../../src/api/models';
import { Icon } from '../../components/Icon';
import { useI18n } from '../../i18n/I18nProvider';
import { fixed, kindText } from './modelFormat';

export function RegistryView({
  models,
  selected,
  onToggle,
  onOpen,
  onScore,
  onExport,
  onDelete,
  onCompare,
}: {
  models: readonly ModelSummary[];
  selected: ReadonlySet<string>;
  onToggle(id: string, on: boolean): void;
  onOpen(id: string): void;
  onScore(m: ModelSummary): void;
  onExport(m: ModelSummary): void;
  onDelete(m: ModelSummary): void;
  onCompare(): void;
}) {
  const { t, fmt } = useI18n();
  if (models.length === 0) {
    return (
      <div className="empty" data-testid="registry-empty">
        <div className="empty-icon">
          <Icon name="models" size={36} />
        </div>
        <h2>{t('models.registry.emptyTitle')}</h2>
        <p>{t('models.registry.emptyBody')}</p>
      </div>
    );
  }
  return (
    <div className="registry">
      <div className="toolbar registry-toolbar">
        <span className="muted small">{t('models.registry.selectHint')}</span>
        <span className="spacer" />
        <button type="button" className="btn" data-testid="registry-compare" disabled={selected.size < 2} onClick={onCompare}>
          {t('models.registry.compareSelected', { n: selected.size })}
        </button>
      </div>
      <div className="panel">
        <table className="catalog" data-testid="registry">
          <thead>
            <tr>
              <th className="pick">
                <span className="sr-only">{t('models.registry.pick')}</span>
              </th>
              <th>{t('models.registry.name')}</th>
              <th>{t('models.registry.kind')}</th>
              <th>{t('models.registry.data')}</th>
              <th className="num">{t('models.registry.features')}</th>
              <th>{t('models.registry.created')}</th>
              <th className="num">{t('models.registry.trainAuc')}</th>
              <th className="num">{t('models.registry.testAuc')}</th>
              <th className="actions">
                <span className="sr-only">{t('catalog.col.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={m.id} data-testid="registry-row" data-model={m.id} data-name={m.name} data-kind={m.kind}>
                <td className="pick">
                  <input
                    type="checkbox"
                    aria-label={t('models.registry.pickModel', { name: m.name, version: m.version })}
                    data-testid="registry-pick"
                    checked={selected.has(m.id)}
                    onChange={(e) => onToggle(m.id, e.target.checked)}
                  />
                </td>
                <td>
                  <button type="button" className="link table-link" data-testid="registry-open" onClick={() => onOpen(m.id)}>
                    {m.name}
                  </button>
                  <span className="badge badge-info">{t('models.version', { version: m.version })}</span>
                </td>
                <td>{kindText(m.kind, t)}</td>
                <td className="registry-data">
                  {m.table}
                  <small>{t('models.registry.targetOf', { target: m.target })}</small>
                </td>
                <td className="num">{fmt.int(m.features.length)}</td>
                <td>{fmt.dateTime(m.createdAt)}</td>
                <td className="num">{fixed(m.trainAuc, 4)}</td>
                <td className="num" data-testid="registry-test-auc">
                  {m.testAuc === null ? t('common.none') : fixed(m.testAuc, 4)}
                </td>
                <td className="actions">
                  <button type="button" className="btn btn-small btn-quiet" data-testid="registry-score" onClick={() => onScore(m)}>
                    {t('models.action.score')}
                  </button>
                  <button type="button" className="btn btn-small btn-quiet" data-testid="registry-export" onClick={() => onExport(m)}>
                    {t('models.action.export')}
                  </button>
                  <button type="button" className="btn btn-small btn-quiet danger" data-testid="registry-delete" onClick={() => onDelete(m)}>
                    {t('models.action.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
