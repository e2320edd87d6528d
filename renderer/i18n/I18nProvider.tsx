/** The current language, remembered across launches, and `t()` to say things in it. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { interpolate, type Catalog, type MessageKey, type MessageParams } from './catalog';
import { en } from './en';
import { formatters, LOCALE, type Formatters, type Lang } from './format';
import { zh } from './zh';

const CATALOGS: Record<Lang, Catalog> = { en, zh };
const STORAGE_KEY = 'vigil.lang';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, params?: MessageParams): string;
  fmt: Formatters;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
  } catch {
    /* storage can be unavailable (privacy settings); fall back to the browser's language */
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* not remembered, but still switched */
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = LOCALE[lang];
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const catalog = CATALOGS[lang];
    return { lang, setLang, t: (key, params) => interpolate(catalog[key], params), fmt: formatters(lang) };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside <I18nProvider>');
  return ctx;
}
