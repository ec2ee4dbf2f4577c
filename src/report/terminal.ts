import Table from 'cli-table3'
import {type AssessmentDiff, describeIndexChange} from '../assessment/diff.js'
import type {Assessment} from '../assessment/schema.js'
import type {Finding, PolicyOutcome, Severity} from '../policy/types.js'
import {type Colour, colourEnabled, displayWidth, paint, safeForTerminal, wrapText} from '../util/terminal.js'
import {hhiLabel, topHolder} from './concentration-labels.js'
import {GRADE_MEANING, gib, num, pct, share} from './format.js'

/** The width every terminal output fits unless told otherwise: the classic 80 columns. */
export const TERMINAL_WIDTH = 80

export interface TerminalOptions {
  /** Columns to fit (at least 40); 80 by default. */
  width?: number
  /** Colour the verdicts and the grade; by default when stdout is a terminal and NO_COLOR/FORCE_COLOR allow. */
  colour?: boolean
}

interface Style {
  width: number
  colour: boolean
}

const styleOf = (options: TerminalOptions): Style => ({
  width: Math.max(40, options.width ?? TERMINAL_WIDTH),
  colour: options.colour ?? colourEnabled(),
})

/** A cell: text (from anywhere, made safe here), optionally coloured after it is made safe. */
type Cell = string | number | {text: string; colour: Colour; bold?: boolean}

const clean = (value: unknown) => safeForTerminal(value, {singleLine: true})

/** The smallest width a column is squeezed to; longer words in it are cut with an ellipsis. */
const MIN_COLUMN = 8

/**
 * A compact table that fits `width` columns: the widest columns give way first, their text wraps
 * at word boundaries, and a word too long for its column ends in an ellipsis. Every cell is made
 * safe for the terminal before colour is added.
 */
function fitTable(head: string[], rows: Cell[][], style: Style): string {
  const safeHead = head.map(clean)
  const safeRows = rows.map((row) =>
    row.map((cell) => (typeof cell === 'object' ? {...cell, text: clean(cell.text)} : clean(cell))),
  )
  const columns = safeHead.length
  // Content width plus one space of padding on each side.
  const widths = safeHead.map((h) => displayWidth(h) + 2)
  for (const row of safeRows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i]!, displayWidth(typeof cell === 'object' ? cell.text : cell) + 2)
    })
  const budget = style.width - (columns + 1)
  let total = widths.reduce((n, w) => n + w, 0)
  while (total > budget) {
    let widest = -1
    for (let i = 0; i < columns; i++) if (widths[i]! > MIN_COLUMN && (widest < 0 || widths[i]! > widths[widest]!)) widest = i
    if (widest < 0) break
    widths[widest]!--
    total--
  }
  const table = new Table({
    head: safeHead,
    colWidths: widths,
    wordWrap: true,
    style: {head: [], border: [], compact: true},
    chars: {mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': ''},
  })
  for (const row of safeRows)
    table.push(row.map((cell) => (typeof cell === 'object' ? paint(cell.text, cell.colour, style.colour, cell.bold) : cell)))
  return table.toString()
}

/** Prose from anywhere, made safe, wrapped to the width; continuation lines indented. */
const paragraph = (text: string, style: Style, indent = '') => wrapText(clean(text), style.width, indent)

const GRADE_COLOUR: Record<string, Colour> = {A: 'green', B: 'green', C: 'yellow', D: 'red', E: 'red', F: 'red'}
const gradeText = (grade: string, style: Style) => paint(grade, GRADE_COLOUR[grade] ?? 'yellow', style.colour, true)

/** At most `max` items, then "and N more". */
function firstOf(items: string[], max: number): string {
  const shown = items.slice(0, max).join('; ')
  return items.length > max ? `${shown}; and ${items.length - max} more` : shown
}

/** The terminal summary of `assess`: grade, indices, hotspots, unmapped types, incomplete sources. */
export function renderTerminalSummary(assessment: Assessment, options: {hotspots?: number} & TerminalOptions = {}): string {
  const style = styleOf(options)
  const s = assessment.summary
  const lines: string[] = []
  lines.push(
    wrapText(
      `Exit readiness: grade ${gradeText(s.grade, style)} (${num(s.readiness, 1)}/100) — ${GRADE_MEANING[s.grade]}`,
      style.width,
      '  ',
    ),
  )
  lines.push(`${num(s.resourceCount)} resources from ${assessment.providers.length} providers`)
  lines.push(
    fitTable(
      ['Index', 'Value', 'Meaning'],
      [
        ['Lock-in index', `${num(s.lockInIndex, 1)} / 100`, 'criticality-weighted mean of resource scores'],
        [
          `Concentration (${hhiLabel(s.concentration)})`,
          num(s.concentration.hhi),
          s.concentration.top
            ? `largest: ${topHolder(s.concentration.top)} holds ${share(s.concentration.top.share, 'weighted')}`
            : '—',
        ],
        [
          'Jurisdiction exposure',
          share(s.jurisdictionExposure),
          'of stateful or critical resources (weighted) under non-EU control or reach',
        ],
        [
          'Data to move',
          gib(s.dataGiB),
          s.unknownSizeCount ? `plus ${s.unknownSizeCount} stateful resources of unknown size` : 'all sizes known',
        ],
        [
          'Unmapped',
          share(s.unmappedShare),
          `${assessment.unmapped.reduce((n, u) => n + u.count, 0)} resources the catalog does not know`,
        ],
      ],
      style,
    ),
  )
  lines.push(
    fitTable(
      ['Lock-in hotspot', 'Provider', 'Count', 'Class', 'Score', 'Share of lock-in'],
      assessment.services
        .slice(0, options.hotspots ?? 8)
        .map((service) => [
          service.title ?? service.type,
          service.provider,
          service.count,
          service.portability,
          num(service.meanScore, 1),
          pct(service.lockInContribution, 1),
        ]),
      style,
    ),
  )
  if (assessment.unmapped.length > 0) {
    lines.push(
      fitTable(
        ['Unmapped type', 'Provider', 'Count'],
        assessment.unmapped.slice(0, 10).map((u) => [u.type, u.provider, u.count]),
        style,
      ),
    )
    if (assessment.unmapped.length > 10)
      lines.push(`… and ${assessment.unmapped.length - 10} more unmapped types (all in the reports).`)
  }
  const failed = assessment.sources.filter((source) => source.status !== 'complete')
  if (failed.length > 0)
    lines.push(
      paragraph(
        `Incomplete sources: ${firstOf(
          failed.map((f) => `${f.provider}/${f.scope} (${f.status}${f.error ? `: ${f.error}` : ''})`),
          10,
        )}`,
        style,
        '  ',
      ),
    )
  return lines.join('\n')
}

const VERDICT: Record<string, {colour: Colour; bold?: boolean}> = {
  fail: {colour: 'red', bold: true},
  pass: {colour: 'green'},
  waived: {colour: 'yellow'},
}

/** One line per rule: verdict, severity, title and the number of findings; then what decides the exit code. */
export function renderPolicyVerdicts(policies: PolicyOutcome[], blocking: number, options: TerminalOptions = {}): string {
  const style = styleOf(options)
  const rows: Cell[][] = []
  for (const policy of policies)
    for (const rule of policy.rules) {
      const open = rule.findings.filter((f) => !f.waiver).length
      const waived = rule.findings.length - open
      rows.push([
        policy.name,
        rule.title,
        rule.severity,
        {text: rule.status.toUpperCase(), ...(VERDICT[rule.status] ?? {colour: 'yellow'})},
        `${open}${waived ? ` (+${waived} waived)` : ''}`,
      ])
    }
  const lines = [fitTable(['Policy', 'Rule', 'Severity', 'Verdict', 'Findings'], rows, style)]
  const expired = policies.flatMap((p) => p.expiredWaivers.map((w) => `${p.name}/${w.rule} (expired ${w.expires})`))
  if (expired.length) lines.push(paragraph(`Expired waivers, no longer applied: ${firstOf(expired, 10)}`, style, '  '))
  lines.push(
    blocking > 0
      ? paint(
          `${blocking} finding${blocking > 1 ? 's' : ''} at or above the fail-on severity: exit code 1.`,
          'red',
          style.colour,
          true,
        )
      : 'No finding at or above the fail-on severity.',
  )
  return lines.join('\n')
}

/** What `exitready diff` shows: the comparison, why it may mislead, and why it exits as it does. */
export interface DiffView {
  diff: AssessmentDiff
  gate?: {failOn: Severity; blocking: Finding[]}
  /** Names of the resources findings are about, where known. */
  names?: Map<string, string>
}

/** Added and removed resources shown by name, then counted. */
export const DIFF_RESOURCES_SHOWN = 10
/** New and resolved findings listed, then counted. */
export const DIFF_FINDINGS_SHOWN = 50
/** Blocking findings named in the exit reason. */
export const DIFF_BLOCKING_SHOWN = 5

const resourceText = (r: {id: string; name?: string; type: string; provider: string}) =>
  `${r.name ?? r.id} (${r.type}, ${r.provider})`
const findingSubject = (f: Finding, names?: Map<string, string>) =>
  f.resourceId ? (names?.get(f.resourceId) ?? f.resourceId) : (f.subject ?? 'estate')

/** Why the gate exits as it does, in one sentence: which new findings at or above the threshold. */
export function gateReason(view: DiffView): string | undefined {
  if (!view.gate) return undefined
  const {failOn, blocking} = view.gate
  if (blocking.length === 0) return `No new finding at or above ${failOn}: exit code 0.`
  const named = blocking
    .slice(0, DIFF_BLOCKING_SHOWN)
    .map((f) => `${f.policy}/${f.ruleId} (${f.severity}) on ${findingSubject(f, view.names)}`)
  const more = blocking.length > DIFF_BLOCKING_SHOWN ? `; and ${blocking.length - DIFF_BLOCKING_SHOWN} more` : ''
  return `Exit code 1: ${blocking.length} new finding${blocking.length === 1 ? '' : 's'} at or above ${failOn} (--fail-on-new): ${named.join('; ')}${more}.`
}

/** The changed indices in words and units, then the unchanged ones named. */
export function indexLines(diff: AssessmentDiff): {changed: string[]; unchanged: string[]} {
  const changed = diff.indices.filter((i) => i.delta !== 0).map(describeIndexChange)
  const unchanged = diff.indices.filter((i) => i.delta === 0).map((i) => i.label)
  return {changed, unchanged}
}

/** The resources added or removed: the first few by name, then a count. */
export function resourceLines(label: string, list: AssessmentDiff['added']): string[] {
  if (list.length === 0) return []
  const lines = list.slice(0, DIFF_RESOURCES_SHOWN).map(resourceText)
  if (list.length > DIFF_RESOURCES_SHOWN)
    lines.push(`… and ${list.length - DIFF_RESOURCES_SHOWN} more ${label} (use --json for all)`)
  return lines
}

/** Findings not compared because their policy or rule is on one side only. */
export function notComparedText(diff: AssessmentDiff): string | undefined {
  if (diff.notCompared.length === 0) return undefined
  const parts = diff.notCompared.map(
    (n) =>
      `${n.policy}${n.rule ? `/${n.rule}` : ''} (${n.side === 'old' ? 'before' : 'after'} only, ${num(n.findings)} findings)`,
  )
  return `Not compared: ${firstOf(parts, 10)}.`
}

/** `exitready diff` for a terminal: grade, indices in words, resources, warnings, findings, the exit reason. */
export function renderDiffTerminal(view: DiffView, options: TerminalOptions = {}): string {
  const style = styleOf(options)
  const {diff} = view
  const out: string[] = []
  out.push(
    diff.grade.old === diff.grade.new
      ? `Grade ${gradeText(diff.grade.new, style)} (unchanged)`
      : `Grade ${gradeText(diff.grade.old, style)} → ${gradeText(diff.grade.new, style)}`,
  )
  const {changed, unchanged} = indexLines(diff)
  for (const text of changed) out.push(paragraph(`  ${text}`, style, '    '))
  if (unchanged.length) out.push(paragraph(`  Unchanged: ${unchanged.join(', ')}.`, style, '    '))
  out.push(
    `Resources: ${num(diff.added.length)} added, ${num(diff.removed.length)} removed, ${num(diff.scoreChanges.length)} with a changed score.`,
  )
  for (const text of resourceLines('added', diff.added)) out.push(paragraph(`  + ${text}`, style, '    '))
  for (const text of resourceLines('removed', diff.removed)) out.push(paragraph(`  − ${text}`, style, '    '))
  for (const warning of diff.warnings) out.push(paint(paragraph(`Warning: ${warning}`, style, '  '), 'yellow', style.colour))
  out.push(`Findings: ${num(diff.newFindings.length)} new, ${num(diff.resolvedFindings.length)} resolved.`)
  const total = diff.newFindings.length + diff.resolvedFindings.length
  const findings = [
    ...diff.newFindings.slice(0, DIFF_FINDINGS_SHOWN).map((f) => ['new', f] as const),
    ...diff.resolvedFindings.slice(0, DIFF_FINDINGS_SHOWN).map((f) => ['resolved', f] as const),
  ]
  for (const [kind, f] of findings.slice(0, DIFF_FINDINGS_SHOWN))
    out.push(
      paragraph(`  ${kind} ${f.severity} ${f.policy}/${f.ruleId}: ${findingSubject(f, view.names)}: ${f.message}`, style, '    '),
    )
  if (total > DIFF_FINDINGS_SHOWN) out.push(`  … and ${total - DIFF_FINDINGS_SHOWN} more (use --json for all).`)
  const skipped = notComparedText(diff)
  if (skipped) out.push(paragraph(skipped, style, '  '))
  const reason = gateReason(view)
  if (reason) out.push(paint(paragraph(reason, style, '  '), view.gate?.blocking.length ? 'red' : 'green', style.colour))
  return out.join('\n')
}
