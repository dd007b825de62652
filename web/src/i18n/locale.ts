// Which language the dashboard speaks: the saved choice, else the browser's
// (any zh* → Simplified Chinese), else English.

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_STORAGE_KEY = 'leakwatch.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The locale for a saved choice and the browser's preferred languages. */
export function pickLocale(saved: string | null | undefined, languages: readonly string[]): Locale {
  if (isLocale(saved)) return saved;
  for (const lang of languages) {
    const l = lang.toLowerCase();
    if (l === 'en' || l.startsWith('en-')) return 'en';
    if (l === 'zh' || l.startsWith('zh-')) return 'zh-CN';
  }
  return 'en';
}

/** Fills `{name}` placeholders; unknown names stay visible so a mistake shows. */
export function interpolate(template: string, vars: Record<string, string | number> | undefined): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
