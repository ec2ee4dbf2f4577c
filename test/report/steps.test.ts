import fc from 'fast-check'
import {beforeAll, describe, expect, it} from 'vitest'
import type {Catalog} from '../../src/catalog/catalog.js'
import {loadCatalog} from '../../src/catalog/load.js'
import {LANGUAGES, type Lang} from '../../src/i18n/locale.js'
import {asSentence, defaultSteps} from '../../src/report/plan.js'

/** The verbs a generated step may start with, per language: each step is an instruction (German: the Sie form, French: the infinitive). */
const IMPERATIVES: Record<Lang, Set<string>> = {
  en: new Set(['List', 'Copy', 'Set', 'Switch', 'Decommission']),
  nl: new Set(['Inventariseer', 'Kopieer', 'Richt', 'Schakel', 'Ontmantel']),
  de: new Set(['Erfassen', 'Kopieren', 'Richten', 'Stellen', 'Nehmen']),
  fr: new Set(['Recenser', 'Copier', 'Mettre', 'Basculer']),
}

/** English words that have no place in a Dutch, German or French step (outside the catalog's values). */
const ENGLISH_WORDS = /\b(the|of|to|and|for|with|at|based|until|its|their|them|it)\b/i

/**
 * The rules a generated step is held to, each returning what is wrong (empty when it is a sentence):
 * a capital first; an imperative verb first; exactly one final period; no doubled word; no
 * preposition straight before a category name ("onto Schema discovery"); "onto" not at all;
 * balanced brackets; no double space, space before punctuation, or empty parentheses; no leaked
 * "undefined"/"null"; number agreement ("1 resources").
 */
function grammarProblems(
  step: string,
  categoryTitles: readonly string[],
  values: readonly (string | undefined)[] = [],
  lang: Lang = 'en',
): string[] {
  const problems: string[] = []
  // The template's own words are judged, not the catalog's: its values are masked for the preposition rules.
  let masked = step
  for (const v of [...values].filter((x): x is string => !!x).sort((a, b) => b.length - a.length))
    masked = masked.split(v).join('VALUE')
  if (/\b(onto|into|to)\s+VALUE\b/.test(masked)) problems.push('a preposition straight before a catalog value')
  if (!/^[A-Z]/.test(step)) problems.push('does not start with a capital')
  const first = step.split(/\s/)[0] ?? ''
  if (!IMPERATIVES[lang].has(first)) problems.push(`does not start with an imperative verb ("${first}")`)
  if (!/[^.]\.$/.test(step)) problems.push('does not end with exactly one period')
  // Adjacent words with only a space between ("the the"); "Iceberg + Iceberg" is not doubled.
  const words = (masked.toLowerCase().match(/\S+/g) ?? []).map((w) => w.replace(/[.,;:]$/, ''))
  for (let i = 1; i < words.length; i++)
    if (words[i] === words[i - 1] && !/^\d+$/.test(words[i]!)) problems.push(`doubled word "${words[i]}"`)
  if (/\bonto\b/i.test(masked)) problems.push('uses "onto"')
  for (const title of categoryTitles)
    if (new RegExp(`\\b(onto|into|to)\\s+${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(masked))
      problems.push(`a preposition before the category "${title}"`)
  let depth = 0
  for (const c of step) {
    if (c === '(') depth++
    if (c === ')' && --depth < 0) break
  }
  if (depth !== 0) problems.push('unbalanced parentheses')
  if (/ {2}| [.,;:]|\(\)|,,/.test(masked)) problems.push('stray spacing or punctuation')
  if (/\b(undefined|null|NaN)\b|\[object/.test(step)) problems.push('a value leaked into the text')
  if (/\b1 (resources|Ressourcen|ressources)\b|\bthe resource of\b.*\bthem\b/.test(step)) problems.push('number disagreement')
  if (lang === 'de' && !/^\S+ Sie\b/.test(step)) problems.push('a German instruction without "Sie" after the verb')
  if (lang !== 'en' && ENGLISH_WORDS.test(masked))
    problems.push(`English words in a ${lang} step ("${ENGLISH_WORDS.exec(masked)?.[0]}")`)
  return problems
}

let catalog: Catalog
let categoryTitles: string[]

beforeAll(async () => {
  catalog = await loadCatalog()
  categoryTitles = [...catalog.categories.values()].map((c) => c.title)
})

describe('generated exit steps read as sentences', () => {
  it('the rules catch the sentence the report used to print', () => {
    const old = 'Stand up the equivalent onto Schema discovery (for example MapReduce Service (MRS) at otc)'
    expect(grammarProblems(old, ['Schema discovery'])).toEqual(
      expect.arrayContaining([
        'does not start with an imperative verb ("Stand")',
        'does not end with exactly one period',
        'uses "onto"',
        'a preposition before the category "Schema discovery"',
      ]),
    )
    expect(grammarProblems('Copy the the data.', [])).toContain('doubled word "the"')
    expect(grammarProblems('List the 1 resources of X.', [])).toContain('number disagreement')
    expect(grammarProblems('Kopieer the data naar X.', [], [], 'nl')).toContain('English words in a nl step ("the")')
    expect(grammarProblems('Erfassen die Ressource.', [], [], 'de')).toContain(
      'a German instruction without "Sie" after the verb',
    )
    expect(grammarProblems('Copy les données.', [], [], 'fr')).toContain('does not start with an imperative verb ("Copy")')
  })

  it.each(LANGUAGES)('in %s, for every catalog entry, stateful or not, with one resource and with several', (lang) => {
    let checked = 0
    const seen = new Set<string>()
    for (const type of catalog.entries.keys()) {
      const m = catalog.lookup(type)
      for (const count of [1, 7, 1234])
        for (const stateful of [m.stateful, !m.stateful]) {
          const steps = defaultSteps(
            {title: m.title, type: m.type, count, stateful, target: m.target, european: m.european},
            lang,
          )
          expect(steps.length).toBe(4)
          for (const step of steps) {
            const values = [m.title, m.type, m.target, m.european[0]?.service, m.european[0]?.provider]
            expect(grammarProblems(step, categoryTitles, values, lang), `${type}: ${step}`).toEqual([])
            seen.add(step.split(' ')[0]!)
            checked++
          }
        }
    }
    expect(checked).toBeGreaterThan(1500)
    // Every template of the language was reached: one opening verb per step, both forms of the second.
    expect(seen).toEqual(IMPERATIVES[lang])
  })

  it('a count in a step is written as the language writes numbers', () => {
    const plan = {type: 'AWS::Example::Thing', count: 1234, stateful: false, european: []}
    expect(defaultSteps(plan, 'en')[0]).toContain('the 1234 resources')
    expect(defaultSteps(plan, 'nl')[0]).toContain('de 1.234 resources')
    expect(defaultSteps(plan, 'de')[0]).toContain('die 1.234 Ressourcen')
    expect(defaultSteps(plan, 'fr')[0]).toContain('les 1\u202f234 ressources')
  })

  it('for any title, target and offer (property)', () => {
    const text = fc.string({minLength: 1, maxLength: 30}).map((s) => s.replace(/[()\s.]+/g, ' ').trim() || 'X')
    fc.assert(
      fc.property(
        fc.record({
          title: fc.option(text, {nil: undefined}),
          target: fc.option(text, {nil: undefined}),
          offer: fc.option(fc.record({provider: text, service: text}), {nil: undefined}),
          count: fc.integer({min: 1, max: 10_000}),
          stateful: fc.boolean(),
        }),
        ({title, target, offer, count, stateful}) => {
          for (const lang of LANGUAGES) {
            const steps = defaultSteps(
              {title, type: 'AWS::Example::Thing', count, stateful, target, european: offer ? [offer] : []},
              lang,
            )
            for (const step of steps) {
              expect(step).toMatch(/^[A-Z]/)
              expect(step).toMatch(/[^.]\.$|\.\.$/)
              expect(step).not.toMatch(/undefined|NaN|\bonto\b|\b1 (resources|Ressourcen|ressources)\b| {2}/)
            }
          }
        },
      ),
    )
  })

  it("the catalog's own steps end as sentences, once, and repeat no word", () => {
    let checked = 0
    for (const type of catalog.entries.keys()) {
      for (const raw of catalog.lookup(type).exitSteps ?? []) {
        const step = asSentence(raw)
        expect(step, `${type}: ${raw}`).toMatch(/[^.]\.$|[!?]$|\.\)?\.$/)
        expect(step).not.toMatch(/ {2}|^\s|\s$/)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(500)
    expect(asSentence('  Switch  DNS ')).toBe('Switch DNS.')
    expect(asSentence('Verify.')).toBe('Verify.')
  })
})
