import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { errorsEn } from './errors.en';
import { errorsZhCN } from './errors.zh-CN';
import { zhCN } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'roadshow.language';

const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** Chinese unless the reader chose English (the switch) or their account says so. */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return isLanguage(stored) ? stored : 'zh-CN';
}

export function setLanguage(language: Language, remember = true): void {
  if (remember) localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18next.changeLanguage(language);
}

/** The user's `locale` applies unless they flipped the switch on this device. */
export function applyUserLocale(locale: string | null | undefined): void {
  if (localStorage.getItem(STORAGE_KEY) === null && isLanguage(locale)) setLanguage(locale, false);
}

void i18next.use(initReactI18next).init({
  // `error.*`: the API's error codes as sentences (errors.*.ts, keyed by the catalogue).
  resources: {
    'zh-CN': { translation: { ...zhCN, error: errorsZhCN } },
    en: { translation: { ...en, error: errorsEn } },
  },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
document.documentElement.lang = i18next.language;

export { i18next };
