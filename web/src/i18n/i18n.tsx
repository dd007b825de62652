// The translation context: `t('key')` for every string a person reads. The
// locale follows the browser, can be switched in the header and is remembered.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import { interpolate, LOCALE_STORAGE_KEY, pickLocale, type Locale } from './locale';

export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** The translation of `prefix.value` when the table has one, else the value itself (server data such as a channel name). */
  label: (prefix: string, value: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  let saved: string | null = null;
  try {
    saved = window.localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    // Storage may be blocked; the browser language still decides.
  }
  return pickLocale(saved, navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/** `locale` fixes the starting language (tests, server-side render); otherwise the browser decides. */
export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => fixed ?? initialLocale());
  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      window.localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Not remembered, but switched.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const table = MESSAGES[locale];
    const t: Translate = (key, vars) => interpolate(table[key] ?? en[key] ?? key, vars);
    const label = (prefix: string, value: string) => {
      const key = `${prefix}.${value}`;
      return key in table ? table[key as MessageKey] : value;
    };
    return { locale, setLocale, t, label };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function useT(): Translate {
  return useI18n().t;
}
