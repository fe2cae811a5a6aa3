import { en, type Messages } from './messages.en.js';
import { fr } from './messages.fr.js';

export const LANGUAGES = ['en', 'fr'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'en';

const CATALOGUES: Readonly<Record<Lang, Messages>> = { en, fr };
const LOCALES: Readonly<Record<Lang, string>> = { en: 'en-GB', fr: 'fr-FR' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function messagesFor(lang: Lang): Messages {
  return CATALOGUES[lang];
}

/**
 * The interface language: an explicit choice (the `lang` cookie) wins,
 * then the best supported `Accept-Language` entry (`fr-CA;q=0.8` counts as fr),
 * then English.
 */
export function negotiateLanguage(
  cookieLang: string | undefined,
  acceptLanguage: string | undefined,
): Lang {
  if (isLang(cookieLang)) return cookieLang;
  if (!acceptLanguage) return DEFAULT_LANG;
  let best: { lang: Lang; quality: number } | undefined;
  for (const part of acceptLanguage.split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const qualityParam = params.find((param) => param.trim().startsWith('q='));
    const quality = qualityParam ? Number(qualityParam.trim().slice(2)) : 1;
    const primary = range.split('-')[0];
    if (isLang(primary) && quality > 0 && (!best || quality > best.quality)) {
      best = { lang: primary, quality };
    }
  }
  return best?.lang ?? DEFAULT_LANG;
}

const moneyFormats = new Map<Lang, Intl.NumberFormat>();

/** Formats cents as euros in the language's conventions: `€12.50` / `12,50 €`. */
export function formatPrice(cents: number, lang: Lang): string {
  let format = moneyFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'EUR' });
    moneyFormats.set(lang, format);
  }
  return format.format(cents / 100);
}
