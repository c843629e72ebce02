import { en } from './en.js';
import { zhCN, type MessageKey } from './zh-CN.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type { MessageKey };

/** A translator bound to one locale. `{name}` placeholders are replaced from `vars`. */
export type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): T {
  const cat = CATALOGUES[locale];
  return (key, vars) => {
    const s = cat[key];
    return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
  };
}

/** Looks up a message key built at run time (e.g. `error.<code>`), falling back to `fallback`. */
export function hasKey(key: string): key is MessageKey {
  return key in zhCN;
}

/** Picks the Chinese or English variant of a bilingual record field. */
export function pick(locale: Locale, zh: string, enText: string): string {
  return locale === 'en' && enText ? enText : zh;
}
