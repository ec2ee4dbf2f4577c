import {gib, num, pct} from '../report/format.js'
import {type Lang, localeFor} from './locale.js'

/**
 * Numbers, shares, sizes and days as one report language writes them. English keeps the report's
 * established forms (format.ts: "1,234", "53.9%", ISO dates) so its output stays as it was; the
 * other languages go through Intl ("1.234", "53,9%", "2 december 2026").
 */
export interface Figures {
  lang: Lang
  /** A count or quantity with at most `digits` decimals (English: as written, "0.25", "1000"). */
  n(value: number, digits?: number): string
  /** A number with exactly `digits` decimals, thousands grouped ("1,234.5"; "1.234,5"). */
  fixed(value: number, digits: number): string
  /** A share 0–1 with exactly `digits` decimals. */
  pct(share: number, digits?: number): string
  /** GiB, or TiB from 1024 GiB. */
  gib(value: number): string
  /** An ISO day: as written in English, "2 december 2026" in Dutch. */
  date(iso: string): string
}

const english: Figures = {
  lang: 'en',
  n: (value) => `${value}`,
  fixed: (value, digits) => num(value, digits),
  pct: (share, digits = 0) => pct(share, digits),
  gib,
  date: (iso) => iso,
}

const cache = new Map<Lang, Figures>([['en', english]])

export function figuresFor(lang: Lang): Figures {
  let figures = cache.get(lang)
  if (figures) return figures
  const locale = localeFor(lang)
  const fixed = (value: number, digits: number) =>
    new Intl.NumberFormat(locale.tag, {minimumFractionDigits: digits, maximumFractionDigits: digits}).format(value)
  figures = {
    lang,
    n: (value, digits = 2) => locale.number(value, digits),
    fixed,
    pct: (share, digits = 0) => locale.percent(share, digits),
    gib: (value) => (value >= 1024 ? `${fixed(value / 1024, 1)} TiB` : `${fixed(value, 0)} GiB`),
    date: (iso) => (/^\d{4}-\d{2}-\d{2}/.test(iso) ? locale.date(iso) : iso),
  }
  cache.set(lang, figures)
  return figures
}

/** The report's thousands-separated count in English ("1,234"), the locale's elsewhere. */
export const countIn = (lang: Lang, value: number): string => (lang === 'en' ? num(value) : localeFor(lang).number(value, 0))
