/**
 * DORA arrangements in the reports: coverage (what no arrangement covers, which cover nothing), the
 * per-arrangement facts the exit rules check, and an exit plan per arrangement that supports a
 * critical or important function (RTS 2024/1773 Art. 10). The same plan fragments make the
 * standalone exit-plans.md/html of `exitready dora register`.
 */
import type {ArrangementSummary, ArrangementsBlock, ExitPlan} from '../assessment/schema.js'
import type {RuleVerdict} from '../policy/types.js'
import {safeForTerminal, wrapText} from '../util/terminal.js'
import {num} from './format.js'
import {contentSecurityPolicy} from './html.js'
import {mdCell} from './markdown.js'
import {esc} from './svg.js'
import type {ReportData} from './types.js'

/** Alternatives and uncovered groups shown per table; the rest are in assessment.json. */
const ROWS_SHOWN = 40
const INTRO =
  'Each ICT arrangement of the arrangements file, joined to the resources through its selectors (DORA Art. 28(3); Implementing Regulation (EU) 2024/2956). Substitutability and alternatives are the arrangements file’s where it gives them, otherwise proposed by exitready from the catalog and marked so.'
const PLANS_INTRO =
  'For each arrangement that supports a critical or important function (DORA Art. 28(8); RTS 2024/1773 Art. 10). Alternatives, waves and volumes come from the inventory and the catalog; the plan itself is yours.'

const substitutabilityText = (s: ArrangementSummary) =>
  s.substitutability.value
    ? `${s.substitutability.value}${s.substitutability.source === 'proposed' ? ' (proposed)' : ''}`
    : 'unknown'
const alternativesText = (s: ArrangementSummary) =>
  s.alternatives.source === 'supplied'
    ? `${s.alternatives.identified}${s.alternatives.providers.length ? `: ${s.alternatives.providers.join(', ')}` : ''}`
    : s.alternatives.source === 'proposed'
      ? `proposed: ${s.alternatives.providers.join(', ')}`
      : 'none named'
const testText = (s: ArrangementSummary) =>
  `${s.exitPlan.lastTested ?? 'never'}${s.exitPlan.nextDue ? `; next ${s.exitPlan.nextDue}` : ''}${s.exitPlan.overdue && s.critical ? ' (overdue)' : ''}`

const coverageRows = (b: ArrangementsBlock): unknown[][] =>
  b.arrangements.map((s) => [
    s.reference,
    s.providerName,
    s.functions.map((f) => `${f.id} ${f.name}${f.critical === 'yes' ? ' (critical)' : ''}`).join(', '),
    s.resources,
    substitutabilityText(s),
    alternativesText(s),
    s.exitPlan.link ? 'linked' : 'none',
    testText(s),
  ])
const COVERAGE_HEAD = [
  'Arrangement',
  'Provider',
  'Functions',
  'Resources',
  'Substitutability',
  'Alternatives',
  'Exit plan',
  'Last test; next',
]
const uncoveredRows = (b: ArrangementsBlock) =>
  b.uncovered.groups.slice(0, ROWS_SHOWN).map((g) => [g.provider, g.account ?? '—', g.type, g.count])
const emptyText = (b: ArrangementsBlock) =>
  b.empty.map((e) => (e.service === undefined ? e.reference : `${e.reference} (services[${e.service}])`)).join(', ')
const coverageLine = (b: ArrangementsBlock) =>
  `${num(b.covered)} resources covered, ${num(b.uncovered.count)} that no arrangement covers; ${b.empty.length ? `arrangements covering nothing: ${emptyText(b)}` : 'every arrangement covers resources'}${b.filtered ? ` (the assessment is filtered, ${b.filtered}: arrangements for the resources left out cover nothing here)` : ''}.`

const effortText = (effort: Record<string, number>) =>
  Object.entries(effort)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')

// ---- Markdown ----

/**
 * A value as a Markdown code span: shown as written and never a link (renderers do not autolink
 * inside code), so a plan's URL copies clean. Text with a backtick cannot be fenced safely here and
 * falls back to an escaped cell.
 */
const mdCode = (text: string) => {
  const line = safeForTerminal(text, {singleLine: true})
  return line.includes('`') ? mdCell(line) : `\`${line}\``
}

function mdTable(head: string[], rows: unknown[][]): string {
  const line = (cells: unknown[]) => `| ${cells.map(mdCell).join(' | ')} |`
  return `${[line(head), `|${head.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n')}\n`
}

/** One plan in Markdown, its heading at `level` (2 in exit-plans.md, 3 in the exit report). */
export function exitPlanMarkdown(p: ExitPlan, level = 2): string {
  const h = '#'.repeat(level)
  let text = `${h} ${mdCell(p.reference)}: ${mdCell(p.provider)}\n\n`
  text += `Supports ${mdCell(p.functions.map((f) => `${f.id} ${f.name}`).join(', '))}; covers ${p.resources} resources. Plan: ${p.plan.link ? mdCode(p.plan.link) : '**none linked**'}; owner: ${mdCell(p.plan.owner ?? 'not named')}.\n\n`
  text += `${h}# Scenarios\n\n${mdTable(
    ['Scenario', 'Trigger', 'Response'],
    p.scenarios.map((s) => [s.scenario, s.trigger, s.response]),
  )}\n`
  text += `${h}# Alternatives\n\n`
  if (p.alternatives.length === 0) text += 'No catalogued service in scope.\n'
  else {
    text += mdTable(
      ['Service', 'Resources', 'Effort', 'European alternatives', 'Equivalents'],
      p.alternatives
        .slice(0, ROWS_SHOWN)
        .map((a) => [a.service, a.count, a.effort ?? '?', a.european.join('; ') || 'none catalogued', a.equivalents.join(', ')]),
    )
    if (p.alternatives.length > ROWS_SHOWN) text += `\n(and ${p.alternatives.length - ROWS_SHOWN} more services in the JSON)\n`
  }
  text += `\n${h}# Transition (exit waves)\n\n`
  text += p.transition.length
    ? mdTable(
        ['Wave', 'Resources', 'Stateful GiB', 'Effort'],
        p.transition.map((w) => [w.wave, w.resources, w.statefulGiB, effortText(w.effort)]),
      )
    : 'No exit waves: the dependency analysis found none of its resources.\n'
  const t = p.timeline
  text += `\n${h}# Timeline\n\n${mdTable(
    ['Step', 'Days'],
    [
      [`Notice (${t.noticeSource})`, t.noticeDays],
      ['Transition (Data Act)', t.transitionDays],
      ['Data retrieval (Data Act)', t.retrievalDays],
      ['Total', t.totalDays],
    ],
  )}\n`
  if (t.contractEnd)
    text += `Contract ends ${mdCell(t.contractEnd)}${t.endsAfterContract ? ': **an exit started today would end after it**' : ''}.\n\n`
  for (const note of t.notes) text += `- ${mdCell(note)}\n`
  text += `\n${h}# Data\n\n${p.data.statefulGiB} GiB of stateful data (${p.data.unknownSize} stateful resources of unknown size, not counted): about ${p.data.transferHours} hours at ${p.data.bandwidthMbps} Mbit/s.\n`
  text += `\n${h}# Tests\n\nLast exit test: ${p.tests.lastTested ? mdCell(p.tests.lastTested) : '**never**'}; next due: ${mdCell(p.tests.nextDue ?? 'now')}${p.tests.overdue ? ' (**overdue**)' : ''}.\n`
  return text
}

/** exit-plans.md of `exitready dora register`. */
export function renderExitPlansMarkdown(plans: readonly ExitPlan[]): string {
  let text = `# Exit plans per ICT arrangement\n\n${PLANS_INTRO}\n`
  if (plans.length === 0) text += '\nNo arrangement supports a critical or important function.\n'
  for (const p of plans) text += `\n${exitPlanMarkdown(p, 2)}`
  return text
}

/** The exit report's arrangements section in Markdown; empty without --arrangements. */
export function arrangementsMarkdown({assessment}: ReportData): string {
  const b = assessment.arrangements
  if (!b) return ''
  let text = `## DORA: ICT arrangements and their exit plans\n\n${mdCell(INTRO)}\n\nFrom ${mdCell(b.file)} (${mdCell(b.entity.name)}, LEI ${mdCell(b.entity.lei)}): ${mdCell(coverageLine(b))}\n\n`
  text += mdTable(COVERAGE_HEAD, coverageRows(b))
  if (b.uncovered.count > 0) {
    text += `\n**Resources no arrangement covers** (${num(b.uncovered.count)}, by provider, account and type; a selector on these would cover them):\n\n`
    text += mdTable(['Provider', 'Account', 'Type', 'Resources'], uncoveredRows(b))
    if (b.uncovered.groups.length > ROWS_SHOWN)
      text += `\n(and ${b.uncovered.groups.length - ROWS_SHOWN} more groups in assessment.json)\n`
  }
  text += '\n### Exit plan per arrangement\n\n'
  text += `${PLANS_INTRO}\n\n`
  if (b.exitPlans.length === 0) text += 'No arrangement supports a critical or important function.\n\n'
  for (const p of b.exitPlans) text += `${exitPlanMarkdown(p, 4)}\n`
  return text
}

// ---- HTML ----

const table = (head: string[], rows: unknown[][], numeric: number[] = []) =>
  `<div class="scroll"><table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`

/** One plan in HTML, its heading at `level`; every value escaped, links shown as text, not followed. */
export function exitPlanHtml(p: ExitPlan, level = 2): string {
  const h = (text: string, depth = 0) => `<h${level + depth}>${text}</h${level + depth}>`
  const t = p.timeline
  return `<section class="arrangement-plan">${h(`${esc(p.reference)}: ${esc(p.provider)}`)}
<p>Supports ${esc(p.functions.map((f) => `${f.id} ${f.name}`).join(', '))}; covers ${p.resources} resources. Plan: ${p.plan.link ? `<code>${esc(p.plan.link)}</code>` : '<span class="warn">none linked</span>'}; owner: ${esc(p.plan.owner ?? 'not named')}.</p>
${h('Scenarios', 1)}${table(
  ['Scenario', 'Trigger', 'Response'],
  p.scenarios.map((s) => [s.scenario, s.trigger, s.response]),
)}
${h('Alternatives', 1)}${
  p.alternatives.length
    ? table(
        ['Service', 'Resources', 'Effort', 'European alternatives', 'Equivalents'],
        p.alternatives
          .slice(0, ROWS_SHOWN)
          .map((a) => [
            a.service,
            a.count,
            a.effort ?? '?',
            a.european.join('; ') || 'none catalogued',
            a.equivalents.join(', '),
          ]),
        [1],
      )
    : '<p>No catalogued service in scope.</p>'
}${p.alternatives.length > ROWS_SHOWN ? `<p>(and ${p.alternatives.length - ROWS_SHOWN} more services in the JSON)</p>` : ''}
${h('Transition (exit waves)', 1)}${
  p.transition.length
    ? table(
        ['Wave', 'Resources', 'Stateful GiB', 'Effort'],
        p.transition.map((w) => [w.wave, w.resources, w.statefulGiB, effortText(w.effort)]),
        [0, 1, 2],
      )
    : '<p>No exit waves: the dependency analysis found none of its resources.</p>'
}
${h('Timeline', 1)}${table(
  ['Step', 'Days'],
  [
    [`Notice (${t.noticeSource})`, t.noticeDays],
    ['Transition (Data Act)', t.transitionDays],
    ['Data retrieval (Data Act)', t.retrievalDays],
    ['Total', t.totalDays],
  ],
  [1],
)}
${t.contractEnd ? `<p>Contract ends ${esc(t.contractEnd)}${t.endsAfterContract ? ': <span class="warn">an exit started today would end after it</span>' : ''}.</p>` : ''}
<ul>${t.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>
${h('Data', 1)}<p>${p.data.statefulGiB} GiB of stateful data (${p.data.unknownSize} stateful resources of unknown size, not counted): about ${p.data.transferHours} hours at ${p.data.bandwidthMbps} Mbit/s.</p>
${h('Tests', 1)}<p>Last exit test: ${p.tests.lastTested ? esc(p.tests.lastTested) : '<span class="warn">never</span>'}; next due: ${esc(p.tests.nextDue ?? 'now')}${p.tests.overdue ? ' <span class="warn">(overdue)</span>' : ''}.</p></section>
`
}

const PLAN_CSS = `body{font:15px/1.5 system-ui,sans-serif;color:#1d2733;margin:0 auto;max-width:1100px;padding:24px}
h2{border-bottom:2px solid #1f5f8b;padding-bottom:4px;margin-top:36px}table{border-collapse:collapse;width:100%;font-size:13.5px;margin:8px 0 16px}
th,td{border-bottom:1px solid #d8dee6;padding:5px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}th{background:#f2f5f8}
td.n{text-align:right}.warn{color:#b22222;font-weight:600}`

/** exit-plans.html of `exitready dora register`: self-contained and script-free. */
export function renderExitPlansHtml(plans: readonly ExitPlan[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(PLAN_CSS)}">
<title>Exit plans per ICT arrangement</title><style>${PLAN_CSS}</style></head>
<body><h1>Exit plans per ICT arrangement</h1><p>${esc(PLANS_INTRO)}</p>
${plans.length ? plans.map((p) => exitPlanHtml(p, 2)).join('') : '<p>No arrangement supports a critical or important function.</p>'}</body></html>
`
}

/** The exit report's navigation entry for the arrangements section; empty without --arrangements. */
export const arrangementsNav = ({assessment}: ReportData): string =>
  assessment.arrangements ? '<li><a href="#arrangements">DORA arrangements and exit plans</a></li>' : ''

/** The exit report's arrangements section in HTML; empty without --arrangements. */
export function arrangementsHtml({assessment}: ReportData): string {
  const b = assessment.arrangements
  if (!b) return ''
  let text = `<section id="arrangements"><h2>DORA: ICT arrangements and their exit plans</h2><p>${esc(INTRO)}</p>`
  text += `<p>From <code>${esc(b.file)}</code> (${esc(b.entity.name)}, LEI ${esc(b.entity.lei)}): ${esc(coverageLine(b))}</p>`
  text += table(COVERAGE_HEAD, coverageRows(b), [3])
  if (b.uncovered.count > 0) {
    text += `<h3>Resources no arrangement covers</h3><p>${esc(num(b.uncovered.count))} resources, by provider, account and type; a selector on these would cover them.</p>`
    text += table(['Provider', 'Account', 'Type', 'Resources'], uncoveredRows(b), [3])
    if (b.uncovered.groups.length > ROWS_SHOWN)
      text += `<p>(and ${b.uncovered.groups.length - ROWS_SHOWN} more groups in assessment.json)</p>`
  }
  text += `<h3>Exit plan per arrangement</h3><p>${esc(PLANS_INTRO)}</p>`
  if (b.exitPlans.length === 0) text += '<p>No arrangement supports a critical or important function.</p>'
  for (const p of b.exitPlans) text += `<div class="plan">${exitPlanHtml(p, 4)}</div>`
  return `${text}</section>`
}

/** "12 resources selected", or "2 arrangements selected" for an arrangements rule. */
export const selectedText = (r: Pick<RuleVerdict, 'kind' | 'selected'>): string =>
  `${r.selected} ${r.kind === 'arrangements' ? 'arrangements' : 'resources'} selected`

// ---- Terminal ----

/** The terminal summary's lines on the arrangements; every value made safe for the terminal. */
export function renderArrangementsTerminal(b: ArrangementsBlock, width = 80): string {
  const critical = b.arrangements.filter((s) => s.critical).length
  const lines = [
    `DORA arrangements (${b.arrangements.length}, ${critical} supporting a critical or important function): ${coverageLine(b)}`,
  ]
  if (b.uncovered.count > 0) {
    const byProvider = new Map<string, number>()
    let listed = 0
    for (const g of b.uncovered.groups) {
      byProvider.set(g.provider, (byProvider.get(g.provider) ?? 0) + g.count)
      listed += g.count
    }
    const rest = b.uncovered.count - listed
    lines.push(
      `Not covered: ${[...byProvider].map(([provider, count]) => `${provider} ${num(count)}`).join(', ')}${rest > 0 ? `, and ${num(rest)} in smaller groups` : ''} (the report lists them by account and type).`,
    )
  }
  for (const p of b.exitPlans)
    lines.push(
      `Exit plan ${p.reference} (${p.provider}): ${p.plan.link ? 'linked' : 'none linked'}, last tested ${p.tests.lastTested ?? 'never'}${p.tests.overdue ? ' (overdue)' : ''}; ${p.timeline.totalDays} days to leave, ${p.data.statefulGiB} GiB to move.`,
    )
  return lines.map((line) => wrapText(safeForTerminal(line, {singleLine: true}), width, '  ')).join('\n')
}
