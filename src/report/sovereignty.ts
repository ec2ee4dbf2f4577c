import type {Assessment} from '../assessment/schema.js'
import {OBJECTIVE_IDS} from '../catalog/sovereignty-schema.js'
import {figuresFor} from '../i18n/figures.js'
import type {Lang} from '../i18n/locale.js'
import {sovereigntyMessages} from '../i18n/messages/sovereignty.js'
import type {ProfileUse, SealLevel, SovereigntyResult, SovereigntyScope, SovereigntyScore} from '../sovereignty/schema.js'
import {esc} from './svg.js'
import type {Table} from './tables.js'

/** The section as plain blocks, so HTML and Markdown render the same content with their own escaping. */
export type Block = {heading: string} | {text: string; note?: boolean} | {table: Table}

type Texts = (typeof sovereigntyMessages)[Lang]

const heads = (
  t: Texts,
  key: 'objectivesHead' | 'scopesHead' | 'categoriesHead' | 'raiseHead' | 'profilesHead' | 'certificationsHead',
) => t[key].split('|').flatMap((h) => (h === '{objectives}' ? [...OBJECTIVE_IDS] : [h]))

/** "SEAL-3", "≤ SEAL-1" (a ceiling from catalog facts or an unknown part), or "unknown". */
export const sealText = (level: SealLevel, lang: Lang = 'en'): string =>
  level.seal === null ? sovereigntyMessages[lang].unknown : `${level.bound === 'at-most' ? '≤ ' : ''}SEAL-${level.seal}`

const scoreText = (s: SovereigntyScore, lang: Lang): string => {
  const f = figuresFor(lang)
  return `${f.fixed(s.total, 1)}${s.known !== null && s.coverage < 1 ? sovereigntyMessages[lang].knownPart(f.fixed(s.known, 1), f.pct(s.coverage)) : ''}`
}

const holders = (scope: SovereigntyScope, lang: Lang): string => {
  const t = sovereigntyMessages[lang]
  const f = figuresFor(lang)
  const held = scope.seal.heldDownBy.map((h) => t.heldBy(h.profile, f.n(h.count), h.examples.join(', ')))
  const unknown = scope.seal.unknown.map((h) => t.heldByUnknown(h.profile, f.n(h.count)))
  return [...held, ...unknown].join('; ') || '—'
}

const objectiveCell = (p: ProfileUse, id: (typeof OBJECTIVE_IDS)[number], lang: Lang): string => {
  const o = p.objectives[id]
  const marks = o.basis === 'third-party' ? '³' : o.basis === 'self-assessed' ? 'ˢ' : o.basis === 'catalog-facts' ? 'ᶜ' : ''
  return `${sealText(o, lang)}${marks}${o.score !== undefined ? ` · ${figuresFor(lang).fixed(o.score, 1)}` : ''}`
}

/** Which bases a profile rests on, in words, so nobody reads an estimate as an audit. */
function basisSummary(p: ProfileUse, lang: Lang): string {
  const counts = new Map<string, number>()
  for (const id of OBJECTIVE_IDS) counts.set(p.objectives[id].basis, (counts.get(p.objectives[id].basis) ?? 0) + 1)
  const t = sovereigntyMessages[lang]
  return [...counts.entries()].map(([basis, n]) => `${n} ${t.basis(basis)}`).join(', ')
}

function sources(p: ProfileUse): string {
  return [...new Set(OBJECTIVE_IDS.map((id) => p.objectives[id].source).filter((s): s is string => !!s))].join('; ') || '—'
}

/** The section in the report's language: framework, weights, score, weakest link per scope and category, moves, profiles, certifications. */
export function sovereigntyBlocks(a: Assessment, lang: Lang = 'en'): Block[] {
  const t = sovereigntyMessages[lang]
  const f = figuresFor(lang)
  const seal = (level: SealLevel) => sealText(level, lang)
  const score = (x: SovereigntyScore) => scoreText(x, lang)
  const s: SovereigntyResult | undefined = a.sovereignty
  if (!s) return [{text: t.none, note: true}]
  const blocks: Block[] = []
  const estate = s.scopes.find((x) => x.scope === 'estate')!
  const critical = s.scopes.find((x) => x.scope === 'critical')
  const points = (value: number | null | undefined) => (value === null || value === undefined ? t.unknown : f.n(value))
  const weight = (w: number) => (lang === 'en' ? `${w}%` : f.pct(w / 100, Number.isInteger(w) ? 0 : 1))
  blocks.push({heading: t.title})
  blocks.push({
    text: t.summary(
      s.framework.title,
      score(estate.score.criticality),
      score(estate.score.resource),
      seal(estate.seal),
      critical ? seal(critical.seal) : undefined,
      s.weights.title,
      s.weights.set,
    ),
  })
  blocks.push({text: t.howToRead, note: true})
  blocks.push({
    table: {
      head: heads(t, 'objectivesHead'),
      rows: OBJECTIVE_IDS.map((id) => [
        id,
        t.objective(id, s.framework.objectives[id]),
        weight(s.weights.weights[id]),
        points(estate.score.criticality.objectives[id]),
        points(critical?.score.criticality.objectives[id]),
        seal(estate.seal.objectives[id]),
        critical ? seal(critical.seal.objectives[id]) : '—',
      ]),
      numeric: [2, 3, 4],
    },
  })
  blocks.push({heading: t.scopesTitle})
  blocks.push({
    table: {
      head: heads(t, 'scopesHead'),
      rows: s.scopes
        .filter((x) => x.scope !== 'category')
        .map((x) => [
          t.scope(x.scope, x.title),
          f.n(x.count),
          score(x.score.criticality),
          score(x.score.resource),
          seal(x.seal),
          holders(x, lang),
        ]),
      numeric: [1],
    },
  })
  blocks.push({heading: t.categoriesTitle})
  blocks.push({
    table: {
      head: heads(t, 'categoriesHead'),
      rows: s.scopes
        .filter((x) => x.scope === 'category')
        .map((x) => [
          x.title,
          x.critical ? t.yes : t.no,
          f.n(x.count),
          score(x.score.criticality),
          seal(x.seal),
          holders(x, lang),
        ]),
      numeric: [2],
    },
  })
  blocks.push({heading: t.raiseTitle})
  if (s.raise.length === 0) blocks.push({text: t.raiseNone})
  else {
    blocks.push({text: t.raiseLead})
    blocks.push({
      table: {
        head: heads(t, 'raiseHead'),
        rows: s.raise.flatMap((r) => [
          ...[...Map.groupBy(r.moves, (m) => `${m.from.profile}\u0000${m.from.type}`).values()].map((moves) => {
            const m = moves[0]!
            return [
              r.title,
              seal(r.current),
              seal(r.after),
              `${m.from.title ?? m.from.type} (${m.from.profile})`,
              f.n(m.from.count),
              moves.map((x) => `${x.to.provider}: ${x.to.service} (${seal(x.toSeal)})`).join('; '),
              m.effort ?? '?',
            ]
          }),
          ...r.blocked.map((b) => [r.title, seal(r.current), seal(r.after), b, '', t.raiseBlocked, '']),
        ]),
        numeric: [4],
      },
    })
  }
  blocks.push({heading: t.profilesTitle})
  blocks.push({text: t.profilesLead})
  blocks.push({
    table: {
      head: heads(t, 'profilesHead'),
      rows: s.profiles.map((p) => [
        p.operator ? t.operatedBy(p.name, p.operator) : p.name,
        f.n(p.count),
        seal(p.overall),
        ...OBJECTIVE_IDS.map((id) => objectiveCell(p, id, lang)),
        basisSummary(p, lang),
        p.frameworkVersion,
        sources(p),
      ]),
      numeric: [1],
    },
  })
  blocks.push({heading: t.certificationsTitle})
  blocks.push({table: certificationTable(s, lang)})
  blocks.push({
    text: t.schemes(s.schemes.map((x) => `${x.title} (${x.status === 'not-adopted' ? t.notAdopted : x.status})`).join('; ')),
    note: true,
  })
  return blocks
}

function certificationTable(s: SovereigntyResult, lang: Lang): Table {
  const t = sovereigntyMessages[lang]
  const f = figuresFor(lang)
  const rows: unknown[][] = []
  for (const p of s.profiles)
    for (const c of p.certifications)
      rows.push([
        p.name,
        c.scheme,
        c.status,
        c.level ?? '—',
        c.scope,
        c.since ? f.date(c.since) : '—',
        c.expires ? f.date(c.expires) : t.expiryUnpublished,
        t.checked(c.source, f.date(c.checkedOn)),
      ])
  if (rows.length === 0) rows.push(['—', t.noCertifications, '', '', '', '', '', ''])
  return {head: heads(t, 'certificationsHead'), rows}
}

/** The section as HTML (every value escaped). */
export function sovereigntyHtml(a: Assessment, lang: Lang = 'en'): string {
  return sovereigntyBlocks(a, lang)
    .map((b) => {
      if ('heading' in b) return `<h3>${esc(b.heading)}</h3>`
      if ('text' in b) return `<p${b.note ? ' class="note"' : ''}>${esc(b.text)}</p>`
      const numeric = b.table.numeric ?? []
      return `<div class="scroll"><table><thead><tr>${b.table.head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${b.table.rows
        .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table></div>`
    })
    .join('')
}

/** The section as Markdown; `cell` is the report's Markdown escaper. */
export function sovereigntyMarkdown(a: Assessment, cell: (value: unknown) => string, lang: Lang = 'en'): string {
  return sovereigntyBlocks(a, lang)
    .map((b) => {
      if ('heading' in b) return `### ${cell(b.heading)}\n\n`
      if ('text' in b) return `${b.note ? '> ' : ''}${cell(b.text)}\n\n`
      const line = (cells: unknown[]) => `| ${cells.map(cell).join(' | ')} |`
      return `${[line(b.table.head), `|${b.table.head.map(() => ' --- ').join('|')}|`, ...b.table.rows.map(line)].join('\n')}\n\n`
    })
    .join('')
}
