/** Top bar: where the analyst is, which workspace file is open, and the language switch. */
import type { WorkspaceInfo } from '../../src/api/workspace';
import type { HostKind } from '../api/types';
import type { Lang } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';

const LANGS: { lang: Lang; label: 'lang.en' | 'lang.zh' }[] = [
  { lang: 'en', label: 'lang.en' },
  { lang: 'zh', label: 'lang.zh' },
];

export function TopBar({ title, info, host }: { title: string; info: WorkspaceInfo | null; host: HostKind }) {
  const { t, lang, setLang } = useI18n();
  return (
    <header className="topbar" data-testid="topbar">
      <h1 className="topbar-title">{title}</h1>
      <div className="topbar-workspace" title={info ? t('top.duckdb', { version: info.duckdbVersion }) : undefined}>
        <span className="topbar-label">{t('top.workspace')}</span>
        <code className="topbar-path" data-testid="workspace-path">
          <bdi>{info ? info.path : t('top.opening')}</bdi>
        </code>
        <span className="chip">{host === 'electron' ? t('top.host.electron') : t('top.host.browser')}</span>
      </div>
      <div className="segmented" role="group" aria-label={t('lang.label')} data-testid="lang-switch">
        {LANGS.map((l) => (
          <button
            key={l.lang}
            type="button"
            className={l.lang === lang ? 'active' : ''}
            aria-pressed={l.lang === lang}
            data-testid={`lang-${l.lang}`}
            onClick={() => setLang(l.lang)}
          >
            {t(l.label)}
          </button>
        ))}
      </div>
    </header>
  );
}
