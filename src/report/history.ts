import type {Finding, RuleVerdict} from '../policy/types.js'
import {num, pct} from './format.js'
import {FINDINGS_SHOWN, type Table} from './tables.js'

/** One recorded assessment as the trend chart shows it, oldest first; the last point is this assessment. */
export interface TrendPoint {
  id?: number
  createdAt: string
  grade: string
  readiness: number
  lockInIndex: number
  hhi: number
  jurisdictionExposure: number
}

export type FindingMark = 'new' | 'unchanged'

/** What the history adds to a report: the trend, and each finding marked against the previous assessment. */
export interface ReportHistory {
  /** Where the history lives (a path, or a URL without its password). */
  location: string
  points: TrendPoint[]
  /** The assessment compared with; absent when this is the first recorded. */
  previous?: {id: number; createdAt: string}
  /** Finding key (policy/rule/resource) → its mark; only set when there is a previous assessment. */
  marks: Map<string, FindingMark>
  /** Findings of the previous assessment that are gone now. */
  resolved: Finding[]
}

/** The same key the history stores findings under (history/store.ts historyFindingKey). */
export const findingKey = (f: Finding): string => `${f.policy}/${f.ruleId}/${f.resourceId ?? f.subject ?? ''}`

/** The series the summary's trend chart draws, each on a 0–100 scale. */
export const TREND_SERIES = [
  {key: 'readiness', label: 'Exit readiness (grade)', value: (p: TrendPoint) => p.readiness},
  {key: 'lockInIndex', label: 'Lock-in index', value: (p: TrendPoint) => p.lockInIndex},
  {key: 'jurisdictionExposure', label: 'Jurisdiction exposure (%)', value: (p: TrendPoint) => p.jurisdictionExposure * 100},
  {key: 'hhi', label: 'Concentration (HHI ÷ 100)', value: (p: TrendPoint) => p.hhi / 100},
] as const

/** "Grade D → C, readiness 41.2 → 47.0, …" over the points shown, in words. */
export function trendSentence(h: ReportHistory): string {
  const first = h.points[0]
  const last = h.points[h.points.length - 1]
  if (!first || !last || h.points.length < 2)
    return 'This is the first assessment recorded in the history; the trend starts here.'
  const arrow = (a: string, b: string) => (a === b ? `${b} (unchanged)` : `${a} → ${b}`)
  return `Over the last ${h.points.length} assessments (${first.createdAt.slice(0, 10)} to ${last.createdAt.slice(0, 10)}): grade ${arrow(first.grade, last.grade)}, readiness ${arrow(num(first.readiness, 1), num(last.readiness, 1))}, lock-in index ${arrow(num(first.lockInIndex, 1), num(last.lockInIndex, 1))}, HHI ${arrow(num(first.hhi), num(last.hhi))}, jurisdiction exposure ${arrow(pct(first.jurisdictionExposure, 1), pct(last.jurisdictionExposure, 1))}.`
}

/** Counts of new, unchanged and resolved findings since the previous assessment. */
export function markCounts(h: ReportHistory): {new: number; unchanged: number; resolved: number} {
  let fresh = 0
  let unchanged = 0
  for (const mark of h.marks.values())
    if (mark === 'new') fresh++
    else unchanged++
  return {new: fresh, unchanged, resolved: h.resolved.length}
}

export const marksSentence = (h: ReportHistory): string => {
  if (!h.previous) return 'No previous assessment is recorded, so no finding is marked new or resolved.'
  const c = markCounts(h)
  return `Since the assessment of ${h.previous.createdAt.slice(0, 10)} (#${h.previous.id}): ${c.new} new, ${c.unchanged} unchanged and ${c.resolved} resolved findings.`
}

/** The findings table with a column saying whether each is new or unchanged since the previous assessment. */
export const markedFindings = (rule: RuleVerdict, h: ReportHistory): Table => ({
  head: ['Resource', 'Finding', 'Waiver', 'Since previous'],
  // New findings first: they are what changed, and the table shows only the first ones.
  rows: [
    ...rule.findings.filter((f) => h.marks.get(findingKey(f)) !== 'unchanged'),
    ...rule.findings.filter((f) => h.marks.get(findingKey(f)) === 'unchanged'),
  ]
    .slice(0, FINDINGS_SHOWN)
    .map((f) => [
      f.resourceId ?? f.subject ?? 'estate',
      f.message,
      f.waiver ? `${f.waiver.reason} (until ${f.waiver.expires})` : '',
      h.marks.get(findingKey(f)) ?? 'new',
    ]),
})

/** The previous assessment's findings that are gone, for the findings section. */
export const resolvedFindings = (h: ReportHistory): Table => ({
  head: ['Policy / rule', 'Resource', 'Finding (as it was)'],
  rows: h.resolved
    .slice(0, FINDINGS_SHOWN)
    .map((f) => [`${f.policy}/${f.ruleId}`, f.resourceId ?? f.subject ?? 'estate', f.message]),
})
