import type {Lang, Locale} from './locale.js'

/**
 * A message catalogue is a typed object per language: a key is a fixed text or a function of its
 * parameters (and the locale, for numbers and plurals). English defines the keys and their
 * parameters; `Translation<typeof en>` makes the compiler demand every key, with the same
 * parameters, in every other language. This is the typed equivalent of ICU MessageFormat: plurals
 * come from `Intl.PluralRules` through `plural()`, numbers and dates from the `Locale`.
 */
// biome-ignore lint/suspicious/noExplicitAny: a message's parameters are whatever its English form declares.
export type Message = string | ((...args: any[]) => string)
export type Messages = Record<string, Message>
export type Translation<T extends Messages> = {[K in keyof T]: T[K]}

/** One catalogue per language for an area of the output (report, terminal, dora, sovereignty, …). */
export type Catalogue<T extends Messages> = Record<Lang, Translation<T>>

/**
 * Picks the form for a count: `plural(locale, n, {one: '1 resource', other: `${n} resources`})`.
 * `other` is required (every language has it); the rest follow the language's plural rules.
 */
export function plural(
  locale: Locale,
  count: number,
  forms: Partial<Record<Intl.LDMLPluralRule, string>> & {other: string},
): string {
  return forms[locale.plural(count)] ?? forms.other
}
