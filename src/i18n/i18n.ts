import { en, type Messages } from './messages.en.js';
import { fr } from './messages.fr.js';
import { typesetFrench } from './typography.js';

export const LANGUAGES = ['en', 'fr'] as const;
export type Lang = (typeof LANGUAGES)[number];
const DEFAULT_LANG: Lang = 'en';

const CATALOGUES: Readonly<Record<Lang, Messages>> = { en, fr: typesetFrench(fr) };
const LOCALES: Readonly<Record<Lang, string>> = { en: 'en-GB', fr: 'fr-FR' };

function isLang(value: unknown): value is Lang {
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

/**
 * One formatter per language, made on first use and kept: each `Intl` formatter
 * costs about 100 µs to build and native memory the garbage collector does not
 * see, so building one per rendered value grows the process by gigabytes under
 * traffic. Every number and date a page shows goes through the functions below.
 */
function formatterCache<Format>(create: (locale: string) => Format): (lang: Lang) => Format {
  const formats = new Map<Lang, Format>();
  return (lang) => {
    let format = formats.get(lang);
    if (format === undefined) {
      format = create(LOCALES[lang]);
      formats.set(lang, format);
    }
    return format;
  };
}

const moneyFormat = formatterCache(
  (locale) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }),
);
const numberFormat = formatterCache((locale) => new Intl.NumberFormat(locale));
/** The shop's clock: dates are shown in its time zone, and say which it is. */
const SHOP_TIME_ZONE = 'Europe/Paris';
const dateTimeFormat = formatterCache(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: SHOP_TIME_ZONE,
      timeZoneName: 'short',
    }),
);

/** Formats cents as euros in the language's conventions: `€12.50` / `12,50 €`. */
export function formatPrice(cents: number, lang: Lang): string {
  return moneyFormat(lang).format(cents / 100);
}

/** A count or measure with the language's digit grouping: `120,000` / `120 000`. */
export function formatNumber(value: number, lang: Lang): string {
  return numberFormat(lang).format(value);
}

/**
 * An ISO timestamp as a date and time in the language's conventions, with
 * its time zone: `1 Oct 2024, 14:30 CEST` / `1 oct. 2024, 14:30 UTC+2`.
 */
export function formatDateTime(iso: string, lang: Lang): string {
  return dateTimeFormat(lang).format(new Date(iso));
}
