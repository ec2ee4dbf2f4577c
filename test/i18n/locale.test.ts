import {describe, expect, it} from 'vitest'
import {InputError} from '../../src/errors.js'
import {languageFromEnv, localeFor, parseLang} from '../../src/i18n/locale.js'
import {plural} from '../../src/i18n/messages.js'

// French groups with a narrow no-break space (U+202F) and puts a no-break space before %: shown as plain spaces here.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ')

describe('locale', () => {
  it('writes numbers as each language does: 1,234.5 · 1.234,5 · 1 234,5', () => {
    expect(localeFor('en').number(1234.5)).toBe('1,234.5')
    expect(localeFor('nl').number(1234.5)).toBe('1.234,5')
    expect(localeFor('de').number(1234.5)).toBe('1.234,5')
    expect(plain(localeFor('fr').number(1234.5))).toBe('1 234,5')
  })

  it('writes shares with their decimals and the language’s percent sign', () => {
    expect(localeFor('en').percent(0.539)).toBe('53.9%')
    expect(localeFor('nl').percent(0.539)).toBe('53,9%')
    expect(plain(localeFor('de').percent(0.539))).toBe('53,9 %')
    expect(plain(localeFor('fr').percent(0.539))).toBe('53,9 %')
  })

  it('writes dates and money in the reader’s form, in UTC', () => {
    expect(localeFor('en').date('2026-12-02T23:30:00Z')).toBe('2 December 2026')
    expect(localeFor('nl').date('2026-12-02')).toBe('2 december 2026')
    expect(localeFor('de').date('2026-12-02')).toBe('2. Dezember 2026')
    expect(localeFor('fr').date('2026-12-02')).toBe('2 décembre 2026')
    expect(plain(localeFor('de').money(12345.678, 'EUR'))).toBe('12.346 €')
    expect(localeFor('en').money(12.5, 'USD')).toBe('US$12.50')
  })

  it('picks plural forms by the language’s rules', () => {
    const forms = (n: number) => ({one: `${n} bron`, other: `${n} bronnen`})
    expect(plural(localeFor('nl'), 1, forms(1))).toBe('1 bron')
    expect(plural(localeFor('nl'), 0, forms(0))).toBe('0 bronnen')
    // French counts 0 and 1 as singular.
    expect(plural(localeFor('fr'), 0, {one: '0 ressource', other: '0 ressources'})).toBe('0 ressource')
    expect(localeFor('de').list(['AWS', 'Azure', 'GCP'])).toBe('AWS, Azure und GCP')
  })

  it('reads the language from LC_ALL, then LC_MESSAGES, then LANG', () => {
    expect(languageFromEnv({LANG: 'nl_NL.UTF-8'})).toBe('nl')
    expect(languageFromEnv({LC_ALL: 'de_DE.UTF-8', LANG: 'nl_NL.UTF-8'})).toBe('de')
    expect(languageFromEnv({LC_MESSAGES: 'fr_BE', LANG: 'en_GB'})).toBe('fr')
    expect(languageFromEnv({LANG: 'C.UTF-8'})).toBeUndefined()
    // The first one set decides: a Spanish LC_ALL is not overridden by a Dutch LANG.
    expect(languageFromEnv({LC_ALL: 'es_ES.UTF-8', LANG: 'nl_NL.UTF-8'})).toBeUndefined()
    expect(languageFromEnv({})).toBeUndefined()
  })

  it('parses --lang and rejects an unknown language with the choices', () => {
    expect(parseLang('NL')).toBe('nl')
    expect(parseLang('fr-BE')).toBe('fr')
    expect(() => parseLang('dk')).toThrow(InputError)
    expect(() => parseLang('dk')).toThrow(/there is no report language "dk"/)
  })
})
