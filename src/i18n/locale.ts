import {InputError} from '../errors.js'
import {didYouMean} from '../util/suggest.js'

/** The languages reports are written in. Machine outputs (JSON, CSV, SARIF, JUnit, xBRL-CSV) stay language-neutral. */
export const LANGUAGES = ['en', 'nl', 'de', 'fr'] as const
export type Lang = (typeof LANGUAGES)[number]

/** The BCP 47 tag `Intl` formats with: the language as written in the EU member state that speaks it most. */
const TAGS: Record<Lang, string> = {en: 'en-GB', nl: 'nl-NL', de: 'de-DE', fr: 'fr-FR'}

/** `--lang nl`, `NL`, `nl-BE` or `nl_NL.UTF-8` → nl; anything else is exit 2 with the choices. */
export function parseLang(value: string, flag = '--lang'): Lang {
  const lang = languageOf(value)
  if (lang) return lang
  throw new InputError(
    `${flag}: there is no report language "${value}"${didYouMean(value.toLowerCase(), [...LANGUAGES])}.`,
    `Choose from: ${LANGUAGES.join(', ')}.`,
  )
}

function languageOf(value: string): Lang | undefined {
  const code = /^([a-z]{2})(?:[-_.@]|$)/i.exec(value.trim())?.[1]?.toLowerCase()
  return (LANGUAGES as readonly string[]).includes(code ?? '') ? (code as Lang) : undefined
}

/**
 * The language the environment asks for, as POSIX resolves it: LC_ALL, then LC_MESSAGES, then LANG;
 * undefined for C/POSIX or a language exitready does not speak (the caller falls back to English).
 */
export function languageFromEnv(env: NodeJS.ProcessEnv): Lang | undefined {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name]?.trim()
    if (!value) continue
    // The first variable that is set decides, even when it names a language we do not speak.
    return languageOf(value)
  }
  return undefined
}

/** Numbers, shares, dates, money and plurals as a reader of one language writes them, through the platform's Intl. */
export interface Locale {
  lang: Lang
  tag: string
  /** 1234.5 → "1,234.5" (en), "1.234,5" (nl, de), "1 234,5" (fr); at most `digits` decimals. */
  number(value: number, digits?: number): string
  /** A share 0–1 → "53.9%" (en), "53,9%" (nl), "53,9 %" (de, fr); always `digits` decimals. */
  percent(share: number, digits?: number): string
  /** An ISO date or timestamp → the day in the reader's form: "2 December 2026", "2 december 2026", "2. Dezember 2026", "2 décembre 2026". */
  date(iso: string | Date): string
  /** An amount of money in a currency (ISO 4217), without decimals above 100. */
  money(amount: number, currency: string): string
  /** The plural category of a count ("one", "other", …) in this language. */
  plural(count: number): Intl.LDMLPluralRule
  /** "a, b and c" in this language. */
  list(items: string[]): string
}

const cache = new Map<Lang, Locale>()

export function localeFor(lang: Lang): Locale {
  let locale = cache.get(lang)
  if (locale) return locale
  const tag = TAGS[lang]
  const numbers = new Map<number, Intl.NumberFormat>()
  const percents = new Map<number, Intl.NumberFormat>()
  const plurals = new Intl.PluralRules(tag)
  const dates = new Intl.DateTimeFormat(tag, {day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'})
  const lists = new Intl.ListFormat(tag, {style: 'long', type: 'conjunction'})
  const numberFormat = (digits: number) => {
    let format = numbers.get(digits)
    if (!format) {
      format = new Intl.NumberFormat(tag, {maximumFractionDigits: digits})
      numbers.set(digits, format)
    }
    return format
  }
  locale = {
    lang,
    tag,
    number: (value, digits = 1) => numberFormat(digits).format(value),
    percent: (share, digits = 1) => {
      let format = percents.get(digits)
      if (!format) {
        format = new Intl.NumberFormat(tag, {style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits})
        percents.set(digits, format)
      }
      return format.format(share)
    },
    date: (iso) => dates.format(typeof iso === 'string' ? new Date(iso) : iso),
    money: (amount, currency) =>
      new Intl.NumberFormat(tag, {
        style: 'currency',
        currency,
        maximumFractionDigits: Math.abs(amount) >= 100 ? 0 : 2,
      }).format(amount),
    plural: (count) => plurals.select(count),
    list: (items) => lists.format(items),
  }
  cache.set(lang, locale)
  return locale
}
