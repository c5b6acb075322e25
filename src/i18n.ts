// i18next set-up and Intl formatting. Every user-visible string comes from locales/<lang>.json;
// domain code returns codes and numbers, and this module turns them into words.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n, type TOptions } from 'i18next';

export const SUPPORTED_LANGUAGES = ['en', 'zh', 'es', 'ar', 'uk'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

/** Each language's name in its own script, for the language keyboard. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  zh: '中文',
  es: 'Español',
  ar: 'العربية',
  uk: 'Українська',
};

const RTL_LANGUAGES: ReadonlySet<Language> = new Set(['ar']);

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

export function isRtl(lang: Language): boolean {
  return RTL_LANGUAGES.has(lang);
}

/** Telegram's `language_code` (IETF tag such as "zh-hans" or "es-MX") → our language, if any. */
export function languageFromTag(tag: string | undefined): Language | undefined {
  const primary = tag?.toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : undefined;
}

export const LOCALES_DIR = fileURLToPath(new URL('../locales/', import.meta.url));

export type LocaleTree = { [key: string]: string | LocaleTree };

export function readLocale(lang: string): LocaleTree {
  return JSON.parse(readFileSync(`${LOCALES_DIR}${lang}.json`, 'utf8')) as LocaleTree;
}

/** Messages go out with parse_mode HTML, so interpolated values (names, user text) are escaped. */
export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

let instance: i18n | undefined;

/** Loads every locale once; later calls return the same instance. */
export function initI18n(): i18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  void created.init({
    initImmediate: false, // resources are in memory: initialise synchronously
    resources: Object.fromEntries(SUPPORTED_LANGUAGES.map((l) => [l, { translation: readLocale(l) }])),
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...SUPPORTED_LANGUAGES],
    returnNull: false,
    // Logs are for operators (JSON, pino); keep the library's console notice out of them.
    showSupportNotice: false,
    interpolation: { escape: (v: unknown) => escapeHtml(String(v)) },
  });
  instance = created;
  return created;
}

export type Translate = (key: string, vars?: TOptions) => string;

const translators = new Map<Language, Translate>();
const MAX_CACHED_STRINGS = 10_000;

/**
 * One translator per language, made once: every update and every message asks for one. A string
 * without variables never changes (the locales are loaded once), so it is looked up once too:
 * buttons and labels are most of what a screen asks for, and i18next's lookup is not cheap.
 */
export function translator(lang: Language): Translate {
  let translate = translators.get(lang);
  if (!translate) {
    // Keys are checked by the locale test, not by i18next's key typing: call it untyped.
    const fixed = initI18n().getFixedT(lang) as unknown as (key: string, vars?: TOptions) => string;
    const plain = new Map<string, string>();
    translate = (key, vars) => {
      if (vars !== undefined) return fixed(key, vars);
      let text = plain.get(key);
      if (text === undefined) {
        text = fixed(key);
        // Bounded by the locale files' keys; the cap only guards against a key built from input.
        if (plain.size < MAX_CACHED_STRINGS) plain.set(key, text);
      }
      return text;
    };
    translators.set(lang, translate);
  }
  return translate;
}

export function t(lang: Language, key: string, vars?: TOptions): string {
  return translator(lang)(key, vars);
}

/** Intl locale for each language: numbers, money and dates as people there expect them. */
const INTL_LOCALE: Record<Language, string> = {
  en: 'en',
  zh: 'zh-CN',
  es: 'es',
  ar: 'ar',
  uk: 'uk',
};

/**
 * Building an Intl formatter costs far more than using one (locale data is resolved and copied
 * each time): a screen full of amounts built them by the dozen per update. There are few distinct
 * ones (language × currency or time zone), so each is made once and kept.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let format = formatters.get(key) as F | undefined;
  if (!format) {
    format = make();
    formatters.set(key, format);
  }
  return format;
}

export function formatNumber(lang: Language, value: number): string {
  return cached(`n|${lang}`, () => new Intl.NumberFormat(INTL_LOCALE[lang])).format(value);
}

/** Money is integer minor units; the currency says how many minor units make one major unit. */
export function formatMoney(lang: Language, amountMinor: number, currency: string): string {
  // narrowSymbol: "¥" rather than "CN¥" — people read the symbol they know from their own prices.
  const format = cached(
    `m|${lang}|${currency}`,
    () => new Intl.NumberFormat(INTL_LOCALE[lang], { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }),
  );
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

export function formatDate(lang: Language, date: Date, timeZone = 'UTC'): string {
  return cached(`d|${lang}|${timeZone}`, () => new Intl.DateTimeFormat(INTL_LOCALE[lang], { dateStyle: 'medium', timeZone })).format(date);
}

export function formatDateTime(lang: Language, date: Date, timeZone = 'UTC'): string {
  return cached(
    `dt|${lang}|${timeZone}`,
    () => new Intl.DateTimeFormat(INTL_LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone }),
  ).format(date);
}
