import type {Assessment} from '../assessment/schema.js'
import {OBJECTIVE_IDS} from '../catalog/sovereignty-schema.js'
import type {ProfileUse, SealLevel, SovereigntyResult, SovereigntyScope, SovereigntyScore} from '../sovereignty/schema.js'
import {num, pct} from './format.js'
import {esc} from './svg.js'
import type {Table} from './tables.js'

/** The section as plain blocks, so HTML and Markdown render the same content with their own escaping. */
export type Block = {heading: string} | {text: string; note?: boolean} | {table: Table}

/** "SEAL-3", "≤ SEAL-1" (a ceiling from catalog facts or an unknown part), or "unknown". */
export const sealText = (level: SealLevel): string =>
  level.seal === null ? 'unknown' : `${level.bound === 'at-most' ? '≤ ' : ''}SEAL-${level.seal}`

const scoreText = (s: SovereigntyScore): string =>
  `${num(s.total, 1)}${s.known !== null && s.coverage < 1 ? ` (${num(s.known, 1)} over the ${pct(s.coverage)} known)` : ''}`

const BASIS_WORDS: Record<string, string> = {
  'third-party': 'third-party estimate',
  'self-assessed': 'self-assessed',
  'catalog-facts': 'ceiling from catalog facts',
  unknown: 'unknown',
}

const holders = (scope: SovereigntyScope): string => {
  const held = scope.seal.heldDownBy.map((h) => `${h.profile} (${h.count}: ${h.examples.join(', ')})`)
  const unknown = scope.seal.unknown.map((h) => `${h.profile} (${h.count}, level unknown)`)
  return [...held, ...unknown].join('; ') || '—'
}

const objectiveCell = (p: ProfileUse, id: (typeof OBJECTIVE_IDS)[number]): string => {
  const o = p.objectives[id]
  const marks = o.basis === 'third-party' ? '³' : o.basis === 'self-assessed' ? 'ˢ' : o.basis === 'catalog-facts' ? 'ᶜ' : ''
  return `${sealText(o)}${marks}${o.score !== undefined ? ` · ${num(o.score, 1)}` : ''}`
}

/** Which bases a profile rests on, in words, so nobody reads an estimate as an audit. */
function basisSummary(p: ProfileUse): string {
  const counts = new Map<string, number>()
  for (const id of OBJECTIVE_IDS) counts.set(p.objectives[id].basis, (counts.get(p.objectives[id].basis) ?? 0) + 1)
  return [...counts.entries()].map(([basis, n]) => `${n} ${BASIS_WORDS[basis] ?? basis}`).join(', ')
}

function sources(p: ProfileUse): string {
  return [...new Set(OBJECTIVE_IDS.map((id) => p.objectives[id].source).filter((s): s is string => !!s))].join('; ') || '—'
}

/** The sovereignty section: framework, weights, score, weakest link per scope and category, moves, profiles, certifications. */
export function sovereigntyBlocks(a: Assessment): Block[] {
  const s: SovereigntyResult | undefined = a.sovereignty
  if (!s)
    return [{text: 'No sovereignty data: the catalog has no sovereignty/ folder, so no score or SEAL is computed.', note: true}]
  const blocks: Block[] = []
  const estate = s.scopes.find((x) => x.scope === 'estate')!
  const critical = s.scopes.find((x) => x.scope === 'critical')
  blocks.push({heading: 'Sovereignty (EU Cloud Sovereignty Framework)'})
  blocks.push({
    text: `${s.framework.title}. Sovereignty Score of the estate, weighted by category criticality: ${scoreText(estate.score.criticality)} of 100; by resource count: ${scoreText(estate.score.resource)}. Weakest-link SEAL of the estate: ${sealText(estate.seal)}${critical ? `; of the critical categories: ${sealText(critical.seal)}` : ''}. Weights: ${s.weights.title} (set ${s.weights.set}).`,
  })
  blocks.push({
    text: 'How to read it: a score counts unknown objectives as 0 points, so it is a lower bound; the figure in brackets is the score over what is known. A SEAL is the lowest level among the providers that hold the resources (the framework’s weakest-link rule); "≤" marks a ceiling, where a capping fact is known (such as a non-EU parent) or a provider’s level is unknown. Provider levels are third-party estimates or ceilings from catalog facts, not audits and not official: no body certifies providers against the framework.',
    note: true,
  })
  blocks.push({
    table: {
      head: ['Objective', 'Name', 'Weight', 'Estate score', 'Critical score', 'Weakest link (estate)', 'Weakest link (critical)'],
      rows: OBJECTIVE_IDS.map((id) => [
        id,
        s.framework.objectives[id],
        `${s.weights.weights[id]}%`,
        estate.score.criticality.objectives[id] ?? 'unknown',
        critical?.score.criticality.objectives[id] ?? 'unknown',
        sealText(estate.seal.objectives[id]),
        critical ? sealText(critical.seal.objectives[id]) : '—',
      ]),
      numeric: [2, 3, 4],
    },
  })
  blocks.push({heading: 'Score and weakest link per scope'})
  blocks.push({
    table: {
      head: [
        'Scope',
        'Resources',
        'Score (criticality-weighted)',
        'Score (resource-weighted)',
        'Weakest-link SEAL',
        'Held down by',
      ],
      rows: s.scopes
        .filter((x) => x.scope !== 'category')
        .map((x) => [
          x.title,
          x.count,
          scoreText(x.score.criticality),
          scoreText(x.score.resource),
          sealText(x.seal),
          holders(x),
        ]),
      numeric: [1],
    },
  })
  blocks.push({heading: 'Weakest-link SEAL per category'})
  blocks.push({
    table: {
      head: ['Category', 'Critical', 'Resources', 'Score', 'Weakest-link SEAL', 'Held down by'],
      rows: s.scopes
        .filter((x) => x.scope === 'category')
        .map((x) => [x.title, x.critical ? 'yes' : 'no', x.count, scoreText(x.score.criticality), sealText(x.seal), holders(x)]),
      numeric: [2],
    },
  })
  blocks.push({heading: 'What would raise it'})
  if (s.raise.length === 0)
    blocks.push({
      text: 'No move from the catalog’s European alternatives lifts the weakest link of a critical category (or every level there is unknown).',
    })
  else {
    blocks.push({
      text: 'For each critical category, the moves of the services at the weakest level to European alternatives of the catalog at a higher level, with the effort the catalog gives. "After" is the weakest link once every such service has moved to its best alternative.',
    })
    blocks.push({
      table: {
        head: ['Category', 'Now', 'After', 'Service held down', 'Resources', 'Move to (SEAL)', 'Effort'],
        rows: s.raise.flatMap((r) => [
          ...[...Map.groupBy(r.moves, (m) => `${m.from.profile}\u0000${m.from.type}`).values()].map((moves) => {
            const m = moves[0]!
            return [
              r.title,
              sealText(r.current),
              sealText(r.after),
              `${m.from.title ?? m.from.type} (${m.from.profile})`,
              m.from.count,
              moves.map((x) => `${x.to.provider}: ${x.to.service} (${sealText(x.toSeal)})`).join('; '),
              m.effort ?? '?',
            ]
          }),
          ...r.blocked.map((b) => [
            r.title,
            sealText(r.current),
            sealText(r.after),
            b,
            '',
            'no European alternative above the current level',
            '',
          ]),
        ]),
        numeric: [4],
      },
    })
  }
  blocks.push({heading: 'Provider profiles used'})
  blocks.push({
    text: 'Each cell: the SEAL (³ third-party estimate, ᶜ ceiling from catalog facts, ˢ self-assessed; "unknown" where nothing was found) and, where the source gives it, the objective’s share of points.',
  })
  blocks.push({
    table: {
      head: ['Profile', 'Resources', 'Overall', ...OBJECTIVE_IDS, 'Basis', 'Framework version', 'Sources'],
      rows: s.profiles.map((p) => [
        `${p.name}${p.operator ? ` (operated by ${p.operator})` : ''}`,
        p.count,
        sealText(p.overall),
        ...OBJECTIVE_IDS.map((id) => objectiveCell(p, id)),
        basisSummary(p),
        p.frameworkVersion,
        sources(p),
      ]),
      numeric: [1],
    },
  })
  blocks.push({heading: 'Certifications and labels of the providers in use and of the European alternatives'})
  blocks.push({table: certificationTable(s)})
  blocks.push({
    text: `Schemes: ${s.schemes.map((x) => `${x.title} (${x.status === 'not-adopted' ? 'NOT ADOPTED: no provider can hold it yet' : x.status})`).join('; ')}. A scheme not listed for a provider was not found for it, which is not the same as not held.`,
    note: true,
  })
  return blocks
}

function certificationTable(s: SovereigntyResult): Table {
  const rows: unknown[][] = []
  for (const p of s.profiles)
    for (const c of p.certifications)
      rows.push([
        p.name,
        c.scheme,
        c.status,
        c.level ?? '—',
        c.scope,
        c.since ?? '—',
        c.expires ?? 'expiry not published',
        `${c.source} (checked ${c.checkedOn})`,
      ])
  if (rows.length === 0) rows.push(['—', 'none recorded for these providers', '', '', '', '', '', ''])
  return {head: ['Provider or offering', 'Scheme', 'Status', 'Level', 'Scope', 'Since', 'Expires', 'Source'], rows}
}

/** The section as HTML (every value escaped). */
export function sovereigntyHtml(a: Assessment): string {
  return sovereigntyBlocks(a)
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
export function sovereigntyMarkdown(a: Assessment, cell: (value: unknown) => string): string {
  return sovereigntyBlocks(a)
    .map((b) => {
      if ('heading' in b) return `### ${cell(b.heading)}\n\n`
      if ('text' in b) return `${b.note ? '> ' : ''}${cell(b.text)}\n\n`
      const line = (cells: unknown[]) => `| ${cells.map(cell).join(' | ')} |`
      return `${[line(b.table.head), `|${b.table.head.map(() => ' --- ').join('|')}|`, ...b.table.rows.map(line)].join('\n')}\n\n`
    })
    .join('')
}
