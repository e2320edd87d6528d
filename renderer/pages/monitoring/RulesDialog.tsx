/**
 * The frame of the desk's rule editors (warning rules, layer rules & LGD, case allocation): the
 * editor while the saved rules load, then its sections; a foot that saves, cancels, or restores
 * the shipped defaults after asking (that replaces the saved rules, so it is confirmed first).
 */
import { useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorDetails } from '../../components/ErrorDetails';
import { Modal } from '../../components/Modal';
import { useI18n } from '../../i18n/I18nProvider';
import type { RulesEditor } from './useRulesEditor';

export function RulesDialog<M, F, V, L extends string>({
  title,
  testId,
  editor,
  restoreNote,
  onSave,
  onRestore,
  onClose,
  children,
}: {
  title: string;
  testId: string;
  editor: RulesEditor<M, F, V, L>;
  /** What restoring the defaults replaces, said in the confirmation. */
  restoreNote: string;
  onSave(): void;
  onRestore(): void;
  onClose(): void;
  /** The sections, drawn once the form is there. */
  children(form: F): ReactNode;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const { form, busy, checked } = editor;
  return (
    <Modal
      title={title}
      onClose={() => !busy && onClose()}
      testId={testId}
      wide
      footer={
        <>
          <button type="button" className="btn btn-quiet" data-testid={`${testId}-restore`} disabled={busy || form === null} onClick={() => setConfirming(true)}>
            {t('mon.edit.restore')}
          </button>
          <span className="spacer" />
          {checked && !checked.ok && <span className="mon-edit-summary">{t('mon.edit.fix', { n: checked.problems.length })}</span>}
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn-primary" data-testid={`${testId}-save`} disabled={busy || !checked?.ok} onClick={onSave}>
            {t('mon.edit.save')}
          </button>
        </>
      }
    >
      <div className="form mon-editor">
        {editor.loadError ? (
          <div className="inline-error" role="alert">
            <ErrorDetails error={editor.loadError} />
          </div>
        ) : form === null ? (
          <p className="muted">{t('common.loading')}</p>
        ) : (
          children(form)
        )}
        {editor.error && (
          <div className="inline-error" role="alert" data-testid={`${testId}-error`}>
            <ErrorDetails error={editor.error} />
          </div>
        )}
      </div>
      {confirming && (
        <ConfirmDialog
          title={t('mon.edit.restoreTitle')}
          confirmLabel={t('mon.edit.restore')}
          busy={busy}
          onClose={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onRestore();
          }}
        >
          <p>{restoreNote}</p>
        </ConfirmDialog>
      )}
    </Modal>
  );
}
