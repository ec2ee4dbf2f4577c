import {beforeAll, describe, expect, it} from 'vitest'
import {loadCatalog} from '../../src/catalog/load.js'
import {exitPlanTexts, textFactsOf} from '../../src/dora/exit-plan.js'
import {figuresFor} from '../../src/i18n/figures.js'
import {LANGUAGES, type Lang} from '../../src/i18n/locale.js'
import {doraMessages, doraTableHeads, planMessages, sovereigntyMessages} from '../../src/i18n/messages/index.js'
import type {Messages} from '../../src/i18n/messages.js'
import {
  arrangementsHtml,
  arrangementsMarkdown,
  renderArrangementsTerminal,
  renderExitPlansHtml,
  renderExitPlansMarkdown,
  selectedText,
} from '../../src/report/arrangements.js'
import {mdCell} from '../../src/report/markdown.js'
import {DATA_ACT_NO_CHARGES_FROM} from '../../src/report/model.js'
import {
  buildExitPlans,
  buildWaveSummaries,
  DEFAULT_PLANNING,
  dataActSource,
  dataActTimeline,
  effortDefinition,
  firstToMoveText,
  hoursText,
  planFacts,
  plansIntro,
} from '../../src/report/plan.js'
import {sovereigntyHtml, sovereigntyMarkdown} from '../../src/report/sovereignty.js'
import type {ReportData} from '../../src/report/types.js'
import {reportData} from '../report/fixture.js'

const CATALOGUES: Record<string, Record<Lang, Messages>> = {
  plan: planMessages,
  dora: doraMessages,
  sovereignty: sovereigntyMessages,
}
const OTHERS = LANGUAGES.filter((l) => l !== 'en')

/**
 * Arguments for a message function, chosen by the names of the English function's parameters: the
 * figures of the language, counts, lists, flags, the facts of a step, or a text. Every language is
 * called with the same arguments.
 */
function probeArgs(fn: (...args: never[]) => string, lang: Lang): unknown[] {
  const params = /^\s*(?:function\s*\w*)?\(([^)]*)\)|^\s*(\w+)\s*=>/.exec(fn.toString())
  const names = (params?.[1] ?? params?.[2] ?? '')
    .split(',')
    .map((p) =>
      p
        .trim()
        .replace(/[:=].*$/, '')
        .trim(),
    )
    .filter(Boolean)
  return names.map((name) => {
    if (name === 'f') return figuresFor(lang)
    if (name === 's')
      return {
        what: 'Example (AWS::Example::Thing)',
        count: 3,
        target: 'PostgreSQL',
        offer: {service: 'Managed DB', provider: 'OVHcloud'},
      }
    if (name === 'waves') return [2, 3]
    if (/^(names|others|examples)$/.test(name)) return ['alpha', 'beta']
    if (/^(retired|linked|overdue|arrangements)$/.test(name)) return true
    if (name === 'size') return 'M'
    if (
      /^(count|n|low|high|rank|index|more|unknown|unblocks|shown|share|hours|days|critical|covered|uncovered|resources|statefulGiB|gib|mbps)$/.test(
        name,
      )
    )
      return 7
    return 'X'
  })
}

describe('the exit-plan, DORA and sovereignty catalogues', () => {
  it.each(Object.keys(CATALOGUES))('%s: every key in every language, every function a non-empty text', (area) => {
    const catalogue = CATALOGUES[area]!
    const keys = Object.keys(catalogue.en).sort()
    for (const lang of LANGUAGES) {
      expect(Object.keys(catalogue[lang]).sort(), `${area}/${lang}`).toEqual(keys)
      for (const key of keys) {
        const message = catalogue[lang][key]!
        expect(typeof message, `${area}/${lang}/${key}`).toBe(typeof catalogue.en[key])
        const text = typeof message === 'string' ? message : message(...(probeArgs(catalogue.en[key] as never, lang) as never[]))
        expect(text.trim(), `${area}/${lang}/${key}`).not.toBe('')
        expect(text, `${area}/${lang}/${key}`).not.toMatch(/undefined|NaN|\[object|\$\{| {2}/)
      }
    }
  })

  it('the DORA table heads have as many columns in every language', () => {
    for (const lang of OTHERS)
      for (const [key, head] of Object.entries(doraTableHeads.en))
        expect(doraTableHeads[lang][key as keyof typeof doraTableHeads.en].length, `${lang}/${key}`).toBe(head.length)
    for (const lang of OTHERS)
      for (const key of [
        'objectivesHead',
        'scopesHead',
        'categoriesHead',
        'raiseHead',
        'profilesHead',
        'certificationsHead',
      ] as const)
        expect(sovereigntyMessages[lang][key].split('|').length, `${lang}/${key}`).toBe(
          sovereigntyMessages.en[key].split('|').length,
        )
  })
})

/** Everything this worker's sections print for one language, as plain text. */
function sections(data: ReportData, lang: Lang): string {
  const d: ReportData = {...data, lang}
  const plans = buildExitPlans(d, DEFAULT_PLANNING)
  const timeline = dataActTimeline(d.assessment, DEFAULT_PLANNING, DATA_ACT_NO_CHARGES_FROM, lang)
  const b = d.assessment.arrangements!
  const parts = [
    plansIntro(lang),
    effortDefinition(DEFAULT_PLANNING, lang),
    dataActSource(lang),
    hoursText(0.2, lang),
    hoursText(5, lang),
    hoursText(100, lang),
    ...timeline.rows.flatMap((r) => [r.step, r.period, r.reference]),
    ...plans.flatMap((p) => [...planFacts(p, lang).flat(), ...p.steps]),
    ...buildWaveSummaries(d).map((w) => firstToMoveText(w, lang)),
    selectedText({kind: 'arrangements', selected: 2}, lang),
    selectedText({kind: 'require', selected: 12}, lang),
    arrangementsHtml(d),
    arrangementsMarkdown(d),
    renderExitPlansHtml(b.exitPlans, lang),
    renderExitPlansMarkdown(b.exitPlans, lang),
    renderArrangementsTerminal(b, 80, lang),
    sovereigntyHtml(d.assessment, lang),
    sovereigntyMarkdown(d.assessment, mdCell, lang),
  ]
  return parts.join('\n')
}

/** The text of HTML or Markdown, one segment per text node, cell or sentence. */
const segments = (text: string): string[] =>
  text
    .replace(/<[^>]+>/g, '\n')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .split(/\n|\||(?<=[.:;])\s/)
    .map((s) => s.replace(/^[#*`>\-\s]+|[;:,.]$/g, '').trim())
    .filter((s) => s.length >= 12 && /[a-z]{3,} [a-z]{2,}/i.test(s))

/** The English catalogue's fixed texts that differ in the other language: none may appear in its output. */
function englishFixed(lang: Lang): string[] {
  const out: string[] = []
  for (const catalogue of Object.values(CATALOGUES))
    for (const [key, message] of Object.entries(catalogue.en))
      if (typeof message === 'string' && message !== catalogue[lang][key] && message.length >= 8 && !facts.includes(message))
        out.push(message)
  for (const [key, head] of Object.entries(doraTableHeads.en))
    head.forEach((h, i) => {
      if (h !== doraTableHeads[lang][key as keyof typeof doraTableHeads.en][i] && h.length >= 8 && !facts.includes(h)) out.push(h)
    })
  return out
}

/** Words that mark a sentence as English (none is a word of Dutch, German or French). */
const ENGLISH_GRAMMAR = /\b(the|of|to|and|for|with|by|from|is|are|not|at|on|or|no|none|covers|resources)\b/

/** Whether a segment is the data's or the catalog's own words: each of its list items occurs in them. */
const saidByData = (segment: string): boolean =>
  segment
    .split(/[,;()]|: /)
    .map((piece) => piece.trim())
    .filter(Boolean)
    .every(
      (piece) =>
        /^(≤ )?SEAL-\d$/.test(piece) ||
        [piece, piece.replace(/^\S+ /, '')].some((p) => facts.includes(JSON.stringify(p).slice(1, -1))),
    )

let data: ReportData
let english: string
let facts: string

beforeAll(async () => {
  data = await reportData({hostile: false, arrangements: true})
  english = sections(data, 'en')
  // What the demo's data and the catalog say themselves (names, types, catalog texts) may appear in every language.
  const catalog = await loadCatalog()
  facts = JSON.stringify([data.assessment, [...catalog.entries.keys()].map((type) => catalog.lookup(type))])
})

describe('a DORA exit plan re-told in another language', () => {
  it('says what assessment.json says: the English re-telling is the stored text, and every language has as many notes', () => {
    const plans = data.assessment.arrangements!.exitPlans
    expect(plans.length).toBeGreaterThan(1)
    for (const p of plans) {
      const stored = {scenarios: p.scenarios, noticeSource: p.timeline.noticeSource, notes: p.timeline.notes}
      expect(exitPlanTexts(textFactsOf(p), 'en')).toEqual(stored)
      for (const lang of OTHERS) {
        const told = exitPlanTexts(textFactsOf(p), lang)
        expect(told.notes.length, `${p.reference} ${lang}`).toBe(stored.notes.length)
        expect(told.scenarios.length).toBe(stored.scenarios.length)
      }
    }
  })

  it('tells a contract notice, an assumed one and a slow transfer apart', () => {
    const facts = {
      provider: 'P',
      contractNotice: 90,
      transitionDays: 30,
      statefulGiB: 400_000,
      bandwidthMbps: 100,
      transferHours: 9999,
    }
    for (const lang of LANGUAGES) {
      const t = doraMessages[lang]
      const long = exitPlanTexts(facts, lang)
      expect(long.noticeSource).toBe(t.noticeContract)
      expect(long.notes).toHaveLength(3)
      expect(long.notes[0]).toContain(figuresFor(lang).n(90))
      expect(long.notes[2]).toContain(`${figuresFor(lang).n(400_000)} `)
      const assumed = exitPlanTexts({...facts, contractNotice: undefined, transferHours: 1}, lang)
      expect(assumed.noticeSource).toBe(t.noticeAssumed)
      expect(assumed.notes).toEqual([t.noteNoNotice, t.noteTransition])
    }
  })
})

describe.each(OTHERS)('the demo in %s', (lang) => {
  let text: string
  beforeAll(() => {
    text = sections(data, lang)
  })

  it('renders every section this catalogue owns, with the sections present', () => {
    expect(text).toContain(doraMessages[lang].sectionTitle)
    expect(text).toContain(sovereigntyMessages[lang].title)
    expect(text).toContain(planMessages[lang].factWave)
    expect(data.assessment.arrangements?.exitPlans.length).toBeGreaterThan(0)
  })

  it('leaves no English text of the catalogues in it', () => {
    const left = englishFixed(lang).filter((s) => text.includes(s))
    expect(left).toEqual([])
  })

  it('leaves no English sentence of the English rendering in it, except what the data itself says', () => {
    const own = new Set(segments(text))
    const left = [...new Set(segments(english))].filter((s) => own.has(s) && ENGLISH_GRAMMAR.test(s) && !saidByData(s))
    expect(left).toEqual([])
  })

  it('leaves no placeholder or broken value in it', () => {
    expect(text).not.toMatch(/undefined|NaN|\[object|\$\{/)
  })

  it('writes figures as the language does', () => {
    const grouped = lang === 'fr' ? /\d\u202f\d{3}/ : /\d\.\d{3}\b/
    expect(text).toMatch(grouped)
    // No English decimal point before a unit (12.5 GiB); the data's own names carry none.
    expect(text.match(/.{0,60}\b\d+\.\d{1,2} (GiB|TiB|Mbit|hours|days)\b/)?.[0]).toBeUndefined()
  })

  it('names the regulations by their official names in the language', () => {
    const names = {
      nl: ['Dataverordening', 'Uitvoeringsverordening (EU) 2024/2956', 'Gedelegeerde Verordening (EU) 2024/1773'],
      de: ['Datenverordnung', 'Durchführungsverordnung (EU) 2024/2956', 'Delegierte Verordnung (EU) 2024/1773'],
      fr: ['règlement sur les données', 'règlement d’exécution (UE) 2024/2956', 'règlement délégué (UE) 2024/1773'],
    }[lang as 'nl' | 'de' | 'fr']
    for (const name of names) expect(text).toContain(name)
    expect(text).not.toContain('Data Act)')
  })

  it('keeps the English default when no language is given', () => {
    expect(arrangementsHtml(data)).toBe(arrangementsHtml({...data, lang: 'en'}))
    expect(arrangementsHtml({...data, lang})).not.toBe(arrangementsHtml(data))
  })
})
